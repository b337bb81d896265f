import type { ProviderDescriptor } from './descriptor';
import { descriptor as anthropic } from './anthropic';
import { descriptor as aws } from './aws';
import { descriptor as github } from './github';
import { descriptor as google } from './google';
import { descriptor as groq } from './groq';
import { descriptor as huggingface } from './huggingface';
import { descriptor as openai } from './openai';
import { descriptor as openrouter } from './openrouter';
import { descriptor as perplexity } from './perplexity';
import { descriptor as replicate } from './replicate';
import { descriptor as slack } from './slack';
import { descriptor as stripe } from './stripe';
import { descriptor as xai } from './xai';

export type { ProviderDescriptor } from './descriptor';

/**
 * Every built-in provider, in the order the UI lists them (OpenAI first: it is the main use case).
 * Adding a provider is one file in this folder, one entry here and one in ./examples.ts (a unit test
 * holds the two lists to each other).
 */
export const DESCRIPTORS: readonly ProviderDescriptor[] = [
  openai,
  anthropic,
  google,
  groq,
  huggingface,
  xai,
  perplexity,
  replicate,
  openrouter,
  aws,
  github,
  stripe,
  slack,
];

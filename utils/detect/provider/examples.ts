import type { ProviderId } from '../types';
import type { NearMiss, ShapeSpec } from './example';
import * as anthropic from './anthropic';
import * as aws from './aws';
import * as github from './github';
import * as google from './google';
import * as groq from './groq';
import * as huggingface from './huggingface';
import * as openai from './openai';
import * as openrouter from './openrouter';
import * as perplexity from './perplexity';
import * as replicate from './replicate';
import * as slack from './slack';
import * as stripe from './stripe';
import * as xai from './xai';

/**
 * The providers' examples and near-misses, for the tests only (extension bundles import ./index.ts,
 * which leaves them out). In the order of ./index.ts.
 */
export const PROVIDER_EXAMPLES: readonly { id: ProviderId; examples: readonly ShapeSpec[]; nearMisses: readonly NearMiss[] }[] = [
  { id: openai.descriptor.id, examples: openai.examples(), nearMisses: openai.nearMisses() },
  { id: anthropic.descriptor.id, examples: anthropic.examples(), nearMisses: anthropic.nearMisses() },
  { id: google.descriptor.id, examples: google.examples(), nearMisses: google.nearMisses() },
  { id: groq.descriptor.id, examples: groq.examples(), nearMisses: groq.nearMisses() },
  { id: huggingface.descriptor.id, examples: huggingface.examples(), nearMisses: huggingface.nearMisses() },
  { id: xai.descriptor.id, examples: xai.examples(), nearMisses: xai.nearMisses() },
  { id: perplexity.descriptor.id, examples: perplexity.examples(), nearMisses: perplexity.nearMisses() },
  { id: replicate.descriptor.id, examples: replicate.examples(), nearMisses: replicate.nearMisses() },
  { id: openrouter.descriptor.id, examples: openrouter.examples(), nearMisses: openrouter.nearMisses() },
  { id: aws.descriptor.id, examples: aws.examples(), nearMisses: aws.nearMisses() },
  { id: github.descriptor.id, examples: github.examples(), nearMisses: github.nearMisses() },
  { id: stripe.descriptor.id, examples: stripe.examples(), nearMisses: stripe.nearMisses() },
  { id: slack.descriptor.id, examples: slack.examples(), nearMisses: slack.nearMisses() },
];

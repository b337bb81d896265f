import type { ProviderId } from './types';

/** A provider the engine knows, with where its keys are managed (for a "revoke this key" link). */
export interface ProviderInfo {
  id: ProviderId;
  /** Human-readable name, e.g. `'OpenAI'`. */
  label: string;
  /** The page where a user lists and revokes their keys. */
  keyPageUrl?: string;
}

/** Every built-in provider, in the order the UI lists them (OpenAI first: it is the main use case). */
export const PROVIDERS: readonly ProviderInfo[] = [
  { id: 'openai', label: 'OpenAI', keyPageUrl: 'https://platform.openai.com/api-keys' },
  { id: 'anthropic', label: 'Anthropic', keyPageUrl: 'https://console.anthropic.com/settings/keys' },
  { id: 'google', label: 'Google', keyPageUrl: 'https://console.cloud.google.com/apis/credentials' },
  { id: 'groq', label: 'Groq', keyPageUrl: 'https://console.groq.com/keys' },
  { id: 'huggingface', label: 'Hugging Face', keyPageUrl: 'https://huggingface.co/settings/tokens' },
  { id: 'xai', label: 'xAI', keyPageUrl: 'https://console.x.ai/' },
  { id: 'perplexity', label: 'Perplexity', keyPageUrl: 'https://www.perplexity.ai/settings/api' },
  { id: 'replicate', label: 'Replicate', keyPageUrl: 'https://replicate.com/account/api-tokens' },
  { id: 'openrouter', label: 'OpenRouter', keyPageUrl: 'https://openrouter.ai/settings/keys' },
  { id: 'aws', label: 'AWS', keyPageUrl: 'https://console.aws.amazon.com/iam/home#/security_credentials' },
  { id: 'github', label: 'GitHub', keyPageUrl: 'https://github.com/settings/tokens' },
  { id: 'stripe', label: 'Stripe', keyPageUrl: 'https://dashboard.stripe.com/apikeys' },
  { id: 'slack', label: 'Slack', keyPageUrl: 'https://api.slack.com/apps' },
];

import { AN } from '../chars';
import type { ProviderDescriptor } from './descriptor';
import { AN_GLUE, HEX, fixed, shape, type NearMiss, type ShapeSpec } from './example';
import { rule } from './rule';

/** OpenRouter: API keys (sk-or-v1- + 64 hex digits). */
export const descriptor: ProviderDescriptor = {
  id: 'openrouter',
  label: 'OpenRouter',
  keyPageUrl: 'https://openrouter.ai/settings/keys',
  rules: [rule('openrouter-api-key', 'openrouter', 'api-key', 'sk-or-v1-', '[0-9a-f]{64}', AN, { wrap: true })],
};

/** The shapes of key it issues, made up at run time, for the tests. */
export const examples = (): readonly ShapeSpec[] => [shape('openrouter-api-key', 'openrouter', 'api-key', AN_GLUE, fixed('sk-or-v1-', HEX, 64))];

/** Texts shaped like its keys that are not keys: never reported. */
export const nearMisses = (): readonly NearMiss[] => [];

import { AN } from '../chars';
import type { ProviderDescriptor } from './descriptor';
import { AN as AN_CHARS, AN_GLUE, fixed, shape, type NearMiss, type ShapeSpec } from './example';
import { an, rule } from './rule';

/** xAI: API keys (xai- + 80 chars). */
export const descriptor: ProviderDescriptor = {
  id: 'xai',
  label: 'xAI',
  keyPageUrl: 'https://console.x.ai/',
  rules: [rule('xai-api-key', 'xai', 'api-key', 'xai-', `${an}{80}`, AN, { wrap: true })],
};

/** The shapes of key it issues, made up at run time, for the tests. */
export const examples = (): readonly ShapeSpec[] => [shape('xai-api-key', 'xai', 'api-key', AN_GLUE, fixed('xai-', AN_CHARS, 80))];

/** Texts shaped like its keys that are not keys: never reported. */
export const nearMisses = (): readonly NearMiss[] => [];

import { AN } from '../chars';
import type { ProviderDescriptor } from './descriptor';
import { AN as AN_CHARS, AN_GLUE, fixed, shape, type NearMiss, type ShapeSpec } from './example';
import { an, rule } from './rule';

/** Groq: API keys (gsk_ + 52 chars). */
export const descriptor: ProviderDescriptor = {
  id: 'groq',
  label: 'Groq',
  keyPageUrl: 'https://console.groq.com/keys',
  rules: [rule('groq-api-key', 'groq', 'api-key', 'gsk_', `${an}{52}`, AN, { wrap: true })],
};

/** The shapes of key it issues, made up at run time, for the tests. */
export const examples = (): readonly ShapeSpec[] => [shape('groq-api-key', 'groq', 'api-key', AN_GLUE, fixed('gsk_', AN_CHARS, 52))];

/** Texts shaped like its keys that are not keys: never reported. */
export const nearMisses = (): readonly NearMiss[] => [];

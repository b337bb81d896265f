import { AN } from '../chars';
import type { ProviderDescriptor } from './descriptor';
import { AN as AN_CHARS, AN_GLUE, fixed, shape, type NearMiss, type ShapeSpec } from './example';
import { an, rule } from './rule';

/** Replicate: API tokens (r8_ + 37 chars). */
export const descriptor: ProviderDescriptor = {
  id: 'replicate',
  label: 'Replicate',
  keyPageUrl: 'https://replicate.com/account/api-tokens',
  rules: [rule('replicate-api-token', 'replicate', 'api-token', 'r8_', `${an}{37}`, AN)],
};

/** The shapes of key it issues, made up at run time, for the tests. */
export const examples = (): readonly ShapeSpec[] => [shape('replicate-api-token', 'replicate', 'api-token', AN_GLUE, fixed('r8_', AN_CHARS, 37))];

/** Texts shaped like its keys that are not keys: never reported. */
export const nearMisses = (): readonly NearMiss[] => [];

import { AN } from '../chars';
import type { ProviderDescriptor } from './descriptor';
import { AN as AN_CHARS, AN_GLUE, fixed, shape, type NearMiss, type ShapeSpec } from './example';
import { an, rule } from './rule';

/** Perplexity: API keys (pplx- + 48 chars). */
export const descriptor: ProviderDescriptor = {
  id: 'perplexity',
  label: 'Perplexity',
  keyPageUrl: 'https://www.perplexity.ai/settings/api',
  rules: [rule('perplexity-api-key', 'perplexity', 'api-key', 'pplx-', `${an}{48}`, AN, { wrap: true })],
};

/** The shapes of key it issues, made up at run time, for the tests. */
export const examples = (): readonly ShapeSpec[] => [shape('perplexity-api-key', 'perplexity', 'api-key', AN_GLUE, fixed('pplx-', AN_CHARS, 48))];

/** Texts shaped like its keys that are not keys: never reported. */
export const nearMisses = (): readonly NearMiss[] => [];

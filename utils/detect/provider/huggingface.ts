import { AN } from '../chars';
import type { ProviderDescriptor } from './descriptor';
import { AN_GLUE, LOWER, UPPER, fixed, shape, type NearMiss, type ShapeSpec } from './example';
import { rule } from './rule';

/** Hugging Face: access tokens (hf_ + 34 letters). */
export const descriptor: ProviderDescriptor = {
  id: 'huggingface',
  label: 'Hugging Face',
  keyPageUrl: 'https://huggingface.co/settings/tokens',
  rules: [rule('huggingface-access-token', 'huggingface', 'access-token', 'hf_', '[A-Za-z]{34}', AN)],
};

/** The shapes of key it issues, made up at run time, for the tests. */
export const examples = (): readonly ShapeSpec[] => [shape('huggingface-access-token', 'huggingface', 'access-token', AN_GLUE, fixed('hf_', UPPER + LOWER, 34))];

/** Texts shaped like its keys that are not keys: never reported. */
export const nearMisses = (): readonly NearMiss[] => [{ name: 'Hugging Face xs', make: () => 'hf_' + 'x'.repeat(34) }];

import { B64U } from '../chars';
import type { ProviderDescriptor } from './descriptor';
import { B64U_GLUE, b64uEndingInPunct, shape, type NearMiss, type ShapeSpec } from './example';
import { b64u, rule } from './rule';

/** Google: API keys (AIza + 35 chars). */
export const descriptor: ProviderDescriptor = {
  id: 'google',
  label: 'Google',
  keyPageUrl: 'https://console.cloud.google.com/apis/credentials',
  rules: [rule('google-api-key', 'google', 'api-key', 'AIza', `${b64u}{35}`, B64U)],
};

/** The shapes of key it issues, made up at run time, for the tests. */
export const examples = (): readonly ShapeSpec[] => [shape('google-api-key', 'google', 'api-key', B64U_GLUE, (rng) => 'AI' + 'za' + b64uEndingInPunct(rng, 35))];

/** Texts shaped like its keys that are not keys: never reported. */
export const nearMisses = (): readonly NearMiss[] => [{ name: 'Google Xs', make: () => 'AI' + 'za' + 'X'.repeat(35) }];

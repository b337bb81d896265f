import { B64U } from '../chars';
import type { ProviderDescriptor } from './descriptor';
import { B64U as B64U_CHARS, B64U_GLUE, randomString, shape, variable, type Rng, type NearMiss, type ShapeSpec } from './example';
import { b64u, rule } from './rule';

const key = (prefix: string) => (rng: Rng) => prefix + randomString(rng, B64U_CHARS, 93) + 'AA';

/** Anthropic: API and admin keys (fixed length, ending in AA), and Claude Code's OAuth tokens. */
export const descriptor: ProviderDescriptor = {
  id: 'anthropic',
  label: 'Anthropic',
  keyPageUrl: 'https://console.anthropic.com/settings/keys',
  rules: [
    rule('anthropic-api-key', 'anthropic', 'api-key', 'sk-ant-api03-', `${b64u}{93}AA`, B64U),
    rule('anthropic-admin-key', 'anthropic', 'admin-key', 'sk-ant-admin01-', `${b64u}{93}AA`, B64U),
    // Claude Code's OAuth access and refresh tokens: seen from 45 to about 100 chars after the prefix.
    rule('anthropic-oauth-access-token', 'anthropic', 'oauth-access-token', 'sk-ant-oat01-', `${b64u}{40,200}`, B64U),
    rule('anthropic-oauth-refresh-token', 'anthropic', 'oauth-refresh-token', 'sk-ant-ort01-', `${b64u}{40,200}`, B64U),
  ],
};

/** The shapes of key it issues, made up at run time, for the tests. */
export const examples = (): readonly ShapeSpec[] => [
  shape('anthropic-api-key', 'anthropic', 'api-key', B64U_GLUE, key('sk-ant-api03-')),
  shape('anthropic-admin-key', 'anthropic', 'admin-key', B64U_GLUE, key('sk-ant-admin01-')),
  variable(shape('anthropic-oauth-access-token', 'anthropic', 'oauth-access-token', B64U_GLUE, key('sk-ant-oat01-'))),
  variable(shape('anthropic-oauth-refresh-token', 'anthropic', 'oauth-refresh-token', B64U_GLUE, key('sk-ant-ort01-'))),
];

/** Texts shaped like its keys that are not keys: never reported. */
export const nearMisses = (): readonly NearMiss[] => [{ name: 'Anthropic xs', make: () => 'sk-ant-api03-' + 'x'.repeat(93) + 'AA' }];

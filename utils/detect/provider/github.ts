import { AN, WORD } from '../chars';
import type { ProviderDescriptor } from './descriptor';
import { AN as AN_CHARS, AN_GLUE, WORD_GLUE, fixed, randomString, shape, type NearMiss, type ShapeSpec } from './example';
import { an, rule } from './rule';

const CLASSIC = [
  ['ghp_', 'pat'],
  ['gho_', 'oauth'],
  ['ghu_', 'user-to-server'],
  ['ghs_', 'server-to-server'],
  ['ghr_', 'refresh'],
] as const;

/** GitHub: classic tokens (five prefixes + 36 chars) and fine-grained personal access tokens. */
export const descriptor: ProviderDescriptor = {
  id: 'github',
  label: 'GitHub',
  keyPageUrl: 'https://github.com/settings/tokens',
  rules: [
    ...CLASSIC.map(([prefix, type]) => rule(`github-${type}`, 'github', type, prefix, `${an}{36}`, AN)),
    rule('github-fine-grained-pat', 'github', 'fine-grained-pat', 'github_pat_', '[A-Za-z0-9_]{82}', WORD, { wrap: true }),
  ],
};

/** The shapes of key it issues, made up at run time, for the tests. */
export const examples = (): readonly ShapeSpec[] => [
  ...CLASSIC.map(([prefix, type]) => shape(`github-${type}`, 'github', type, AN_GLUE, fixed(prefix, AN_CHARS, 36))),
  shape('github-fine-grained-pat', 'github', 'fine-grained-pat', WORD_GLUE, (rng) => 'github_pat_' + randomString(rng, AN_CHARS, 22) + '_' + randomString(rng, AN_CHARS, 59)),
];

/** Texts shaped like its keys that are not keys: never reported. */
export const nearMisses = (): readonly NearMiss[] => [
  { name: 'GitHub xs', make: () => 'ghp_' + 'x'.repeat(36) },
  { name: 'GitHub run', make: (rng) => 'ghp_' + randomString(rng, AN_CHARS, 20) + 'x'.repeat(16) },
];

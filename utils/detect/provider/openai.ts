import { OPENAI_MARKER } from '../openai';
import type { ProviderDescriptor } from './descriptor';
import { AN, AN_GLUE, B64U, B64U_GLUE, LOWER, b64uEndingInPunct, randomString, shape, type Rng, type NearMiss, type ShapeSpec } from './example';

const short = (prefix: string) => (rng: Rng) => prefix + randomString(rng, AN, 20) + OPENAI_MARKER + randomString(rng, AN, 20);
const long = (prefix: string, half: number) => (rng: Rng) =>
  prefix + randomString(rng, B64U, half) + OPENAI_MARKER + b64uEndingInPunct(rng, half);

/** OpenAI: every secret key carries the marker between two random runs; found from it (../openai.ts). */
export const descriptor: ProviderDescriptor = {
  id: 'openai',
  label: 'OpenAI',
  keyPageUrl: 'https://platform.openai.com/api-keys',
  rules: [],
  visiblePrefixes: ['sk-svcacct-', 'sk-service-', 'sk-admin-', 'sk-proj-', 'sk-None-', 'sk-'],
};

/** The shapes of key it issues, made up at run time, for the tests. */
export const examples = (): readonly ShapeSpec[] => [
  shape('openai-legacy-51', 'openai', 'legacy', AN_GLUE, short('sk-'), 'openai-legacy'),
  shape('openai-project-early-56', 'openai', 'project-early', AN_GLUE, short('sk-proj-'), 'openai-project-early'),
  shape('openai-none-short-56', 'openai', 'none', AN_GLUE, short('sk-None-'), 'openai-none'),
  shape('openai-project-132', 'openai', 'project', B64U_GLUE, long('sk-proj-', 58), 'openai-project'),
  shape('openai-project-164', 'openai', 'project', B64U_GLUE, long('sk-proj-', 74), 'openai-project'),
  shape('openai-service-account-111', 'openai', 'service-account', B64U_GLUE, long('sk-svcacct-', 46), 'openai-service-account'),
  shape('openai-service-account-167', 'openai', 'service-account', B64U_GLUE, long('sk-svcacct-', 74), 'openai-service-account'),
  shape('openai-admin-133', 'openai', 'admin', B64U_GLUE, long('sk-admin-', 58), 'openai-admin'),
  shape('openai-none-long-164', 'openai', 'none', B64U_GLUE, long('sk-None-', 74), 'openai-none'),
  shape('openai-service-named', 'openai', 'service', AN_GLUE, (rng) => short(`sk-service-${randomString(rng, LOWER, 6)}-${randomString(rng, LOWER, 4)}-`)(rng), 'openai-service'),
  shape('openai-named', 'openai', 'service', AN_GLUE, (rng) => short(`sk-${randomString(rng, LOWER, 8)}-`)(rng), 'openai-service'),
];

/** Texts shaped like its keys that are not keys: never reported. */
export const nearMisses = (): readonly NearMiss[] => [
  { name: 'sk-...', make: () => 'OPENAI_API_KEY=sk-...' },
  { name: 'sk-xxxx…', make: () => 'OPENAI_API_KEY=sk-' + 'x'.repeat(48) },
  { name: 'sk-proj-XXXX…', make: () => 'sk-proj-' + 'X'.repeat(58) + OPENAI_MARKER + 'X'.repeat(58) },
  { name: 'legacy of x', make: () => 'sk-' + 'x'.repeat(20) + OPENAI_MARKER + 'x'.repeat(20) },
  { name: 'legacy of one repeated char', make: () => 'sk-' + 'a'.repeat(20) + OPENAI_MARKER + 'a'.repeat(20) },
  { name: 'legacy of 0 and X', make: () => 'sk-' + '0X'.repeat(10) + OPENAI_MARKER + 'X0'.repeat(10) },
  { name: 'masked second half', make: (rng) => 'sk-' + randomString(rng, AN, 20) + OPENAI_MARKER + 'X'.repeat(20) },
  { name: 'counting body', make: () => 'sk-' + 'abcdefghijklmnopqrst' + OPENAI_MARKER + '01234567890123456789' },
  { name: 'project of zeros', make: () => 'sk-proj-' + '0'.repeat(74) + OPENAI_MARKER + '0'.repeat(74) },
];

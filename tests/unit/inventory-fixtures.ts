import type { Sighting } from '../../utils/inventory/sighting';

let next = 0;

/** A sighting as the guard would report it: redacted form and fingerprint only (no key is ever built here). */
export function sighting(overrides: Partial<Sighting> = {}): Sighting {
  next += 1;
  return {
    id: `sighting-${String(next).padStart(6, '0')}`,
    fingerprint: 'a1b2c3d4e5f60718',
    redacted: 'sk-proj-…Ab3d',
    provider: 'openai',
    type: 'project key',
    rule: 'openai-project',
    origin: 'https://github.com',
    path: '/o/r/issues/new',
    event: 'paste',
    outcome: 'blocked',
    time: 1_700_000_000_000 + next,
    ...overrides,
  };
}

/** A 16-hex fingerprint for key number n. */
export function fp(n: number): string {
  return n.toString(16).padStart(16, '0');
}

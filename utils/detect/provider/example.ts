import type { ProviderId } from '../types';

/**
 * Made-up keys for tests, built at run time from a seeded RNG, so no key-shaped literal is ever
 * committed (the repository is scanned by the very engine under test). Each provider's descriptor
 * lists its example shapes and near-misses with these helpers; tests/helpers/keys.ts gathers them.
 */

/** A deterministic RNG returning floats in [0, 1) (mulberry32). */
export type Rng = () => number;

export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const DIGITS = '0123456789';
export const AN = UPPER + LOWER + DIGITS;
export const B64U = AN + '_-';
export const HEX = '0123456789abcdef';
export const BASE32 = UPPER + '234567';

/** `n` random chars of `alphabet`. */
export function randomString(rng: Rng, alphabet: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(rng() * alphabet.length)];
  return s;
}

/** A random b64u body that ends in `-` or `_` half of the time, the case `\b`-based rules miss. */
export function b64uEndingInPunct(rng: Rng, n: number): string {
  const last = rng();
  return randomString(rng, B64U, n - 1) + (last < 0.25 ? '-' : last < 0.5 ? '_' : randomString(rng, AN, 1));
}

/** `prefix` then `n` random chars of `alphabet`. */
export const fixed = (prefix: string, alphabet: string, n: number) => (rng: Rng) => prefix + randomString(rng, alphabet, n);

/** A key shape with the finding the engine must report for it. */
export interface ShapeSpec {
  shape: string;
  provider: ProviderId;
  type: string;
  rule: string;
  /** Chars that would extend the key if placed right after it (then it is not a key). */
  glue: RegExp;
  /** True when the body length varies, so one more glue char makes a longer key of the same shape. */
  variable?: boolean;
  /** Of the glue chars, those that make a longer key (default: all); the others make no key (Slack's `-`). */
  extends?: RegExp;
  make: (rng: Rng) => string;
}

/** A text that looks like one of the provider's keys but is not one (a placeholder, docs text), and why. */
export interface NearMiss {
  name: string;
  make: (rng: Rng) => string;
}

export const AN_GLUE = /[A-Za-z0-9]/;
export const B64U_GLUE = /[A-Za-z0-9_-]/;
export const WORD_GLUE = /[A-Za-z0-9_]/;

/** A shape whose rule id is the shape's name unless given. */
export function shape(shape: string, provider: ProviderId, type: string, glue: RegExp, make: (rng: Rng) => string, rule = shape): ShapeSpec {
  return { shape, provider, type, rule, glue, make };
}

/** A shape whose body length varies. */
export const variable = (s: ShapeSpec): ShapeSpec => ({ ...s, variable: true });

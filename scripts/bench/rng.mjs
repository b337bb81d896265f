// A small seeded PRNG, so the corpus (and so the figures) are the same on every run.

/**
 * mulberry32: fast, 32-bit state, good enough for test text (not for anything secret).
 * @param {number} seed
 * @returns {() => number} uniform floats in [0, 1)
 */
export function createRng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * @template T
 * @param {() => number} rng
 * @param {readonly T[]} items
 * @returns {T}
 */
export function pick(rng, items) {
  return /** @type {T} */ (items[Math.floor(rng() * items.length)]);
}

/**
 * @param {() => number} rng
 * @param {number} length
 * @param {string} alphabet
 */
export function randomString(rng, length, alphabet) {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(rng() * alphabet.length)];
  return out;
}

export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const B64U = `${ALNUM}_-`;
export const HEX = '0123456789abcdef';

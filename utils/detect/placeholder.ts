/**
 * Placeholders in docs and tutorials (`sk-proj-XXXX…`, `sk_test_0000…`) have the right shape but no
 * randomness. Only bodies with almost no variety are dropped, so a real random key is never lost:
 * the chance that a random body of 10+ chars trips one of these checks is below 1e-8.
 */

/** Longest run of one repeated char, or of consecutive codes (`abcdefgh`, `12345678`), allowed. */
const MAX_RUN = 7;
/** A body made of this many distinct chars or fewer is a placeholder (`XXXXxxxx0000`). */
const MAX_DISTINCT_FOR_PLACEHOLDER = 3;

/** Whether the key body `text[from, to)` looks like a placeholder rather than a random secret. */
export function isPlaceholderBody(text: string, from: number, to: number): boolean {
  if (to - from <= 0) return true;
  // The distinct chars seen so far, in 4 locals rather than an array: this runs once per finding,
  // and an allocation per finding shows when a text is dense with keys. -1 = none yet.
  let d0 = -1;
  let d1 = -1;
  let d2 = -1;
  let d3 = -1;
  let distinct = 0;
  let same = 1;
  let rising = 1;
  let prev = -2;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    same = c === prev ? same + 1 : 1;
    rising = c === prev + 1 ? rising + 1 : 1;
    if (same > MAX_RUN || rising > MAX_RUN) return true;
    // Counting stops past MAX_DISTINCT_FOR_PLACEHOLDER + 1: the answer is known from there.
    if (distinct <= MAX_DISTINCT_FOR_PLACEHOLDER && c !== d0 && c !== d1 && c !== d2 && c !== d3) {
      if (distinct === 0) d0 = c;
      else if (distinct === 1) d1 = c;
      else if (distinct === 2) d2 = c;
      else d3 = c;
      distinct++;
    }
    prev = c;
  }
  return distinct <= MAX_DISTINCT_FOR_PLACEHOLDER;
}

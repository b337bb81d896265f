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
  const seen: number[] = [];
  let same = 1;
  let rising = 1;
  let prev = -2;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    same = c === prev ? same + 1 : 1;
    rising = c === prev + 1 ? rising + 1 : 1;
    if (same > MAX_RUN || rising > MAX_RUN) return true;
    if (seen.length <= MAX_DISTINCT_FOR_PLACEHOLDER && !seen.includes(c)) seen.push(c);
    prev = c;
  }
  return seen.length <= MAX_DISTINCT_FOR_PLACEHOLDER;
}

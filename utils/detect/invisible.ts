/**
 * Invisible characters that can be slipped inside a key to hide it from naive scanners while the
 * pasted key still works once the receiving site strips them (or the user never notices them).
 */
export const INVISIBLE_CHARS: readonly string[] = ['\u00AD', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF'];

/** The invisible chars `indexOf` finds fast in any string (see `hasInvisible`). */
const FAST_INVISIBLE: readonly string[] = ['\u00AD', '\u2060', '\uFEFF'];
/** First char above U+00FF. V8 answers at once on a one-byte string, which cannot hold one. */
const NON_LATIN1 = /[^\0-\xFF]/g;
/**
 * Sticky: consumes everything up to the next invisible char above U+00FF. One greedy loop instead
 * of an `indexOf` per char plus the unanchored search `/[\u200B-\u200D]/` (V8 restarts that one
 * at each position); it would walk a one-byte string too, hence NON_LATIN1 first.
 */
const UNTIL_INVISIBLE_ABOVE_FF = /[^\u200B-\u200D\u2060\uFEFF]*/y;
const ZERO_WIDTH_GLOBAL = /[\u200B-\u200D]/g;

/** One unsigned compare for the U+200B..D range: a third less time for stripDense on text dense with them. */
function isInvisible(c: number): boolean {
  return c === 0xad || (c - 0x200b) >>> 0 <= 2 || c === 0x2060 || c === 0xfeff;
}

/**
 * Whether `text` contains an invisible char. Split for speed: V8's `indexOf` looks for the highest
 * byte of a UTF-16 char with memchr, which is fast for U+00AD but crawls for U+200B..D in two-byte
 * strings (their 0x20 byte is the space). The five chars above U+00FF are found by regex instead:
 * NON_LATIN1 answers at once on a one-byte string (which cannot hold them), and on a two-byte one
 * the greedy UNTIL_INVISIBLE_ABOVE_FF walks on from the first char above U+00FF.
 */
export function hasInvisible(text: string): boolean {
  if (text.indexOf('\u00AD') !== -1) return true;
  // The other five are above U+00FF: none in a one-byte string, none before its first such char.
  NON_LATIN1.lastIndex = 0;
  if (!NON_LATIN1.test(text)) return false;
  UNTIL_INVISIBLE_ABOVE_FF.lastIndex = NON_LATIN1.lastIndex - 1;
  UNTIL_INVISIBLE_ABOVE_FF.test(text);
  return UNTIL_INVISIBLE_ABOVE_FF.lastIndex < text.length;
}

/** `text` without its invisible chars, and the way back to offsets in `text`. */
export interface StrippedText {
  text: string;
  /** Offset in the original text of the char at offset `i` of the stripped text. */
  toOriginal(i: number): number;
}

/**
 * Removes the invisible chars. A few of them (the usual case: a BOM, an emoji's zero-width joiner,
 * a hidden char in a pasted key) are found by search and cut out by slicing; past a few per 256
 * chars, one pass over the text is cheaper. The offset map keeps one number per removed char.
 */
export function stripInvisible(text: string): StrippedText {
  const positions = findSparse(text);
  if (positions === null) return stripDense(text);
  const removedAt = new Int32Array(positions.length);
  const parts: string[] = [];
  let at = 0;
  positions.forEach((p, k) => {
    parts.push(text.slice(at, p));
    at = p + 1;
    removedAt[k] = p - k;
  });
  parts.push(text.slice(at));
  return withMap(parts.join(''), removedAt);
}

/** Sorted positions of the invisible chars, or null when there are too many to slice around. */
function findSparse(text: string): number[] | null {
  const limit = 1024 + (text.length >> 8);
  const found: number[] = [];
  for (const ch of FAST_INVISIBLE) {
    for (let i = text.indexOf(ch); i !== -1; i = text.indexOf(ch, i + 1)) {
      if (found.push(i) > limit) return null;
    }
  }
  ZERO_WIDTH_GLOBAL.lastIndex = 0;
  while (ZERO_WIDTH_GLOBAL.test(text)) {
    if (found.push(ZERO_WIDTH_GLOBAL.lastIndex - 1) > limit) {
      ZERO_WIDTH_GLOBAL.lastIndex = 0;
      return null;
    }
  }
  return found.sort((a, b) => a - b);
}

/**
 * One pass copying the visible code units, then one decode into a string: TextDecoder makes the
 * string in native code, twice as fast as `String.fromCharCode` over chunks (which also leaves a
 * rope of chunks for the scan to flatten). When every kept unit is ASCII (keys laced with invisible
 * chars, the usual trick), they are narrowed to bytes and decoded as UTF-8: five times faster than
 * the UTF-16 decode, and the one-byte string it gives scans faster too.
 */
function stripDense(text: string): StrippedText {
  const kept = new Uint16Array(text.length);
  const removed = new Int32Array(text.length);
  let k = 0;
  let r = 0;
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xad || !isInvisible(c)) {
      kept[k++] = c;
      bits |= c;
    } else {
      removed[r] = i - r;
      r++;
    }
  }
  const units = kept.subarray(0, k);
  const stripped = bits < 0x80 ? UTF8.decode(new Uint8Array(units)) : UTF16.decode(units);
  return withMap(stripped, removed.subarray(0, r));
}

/**
 * Decode the kept code units one for one: `ignoreBOM` keeps a leading U+FEFF as a char, and a lone
 * surrogate becomes U+FFFD, also one unit, so offsets are unchanged (and no rule reads either).
 * ASCII bytes decode one for one as UTF-8.
 */
const UTF16 = new TextDecoder('utf-16le', { ignoreBOM: true });
const UTF8 = new TextDecoder();

function withMap(text: string, removedAt: Int32Array): StrippedText {
  // removedAt[k] is the stripped offset where the k-th removed char stood; non-decreasing.
  // Callers ask in increasing order (findings sorted by start), so the search starts from the
  // answer for the last `i`: O(log distance) per call. A smaller `i` searches from the start.
  let lastI = 0;
  let lastLo = 0;
  return {
    text,
    toOriginal(i: number): number {
      const lo = upperBound(removedAt, i, i >= lastI ? lastLo : 0);
      lastI = i;
      lastLo = lo;
      return i + lo;
    },
  };
}

/**
 * The first k >= from with removedAt[k] > i (removedAt is non-decreasing). Gallops from `from`
 * (steps of 1, 2, 4, ...) before the binary search, so an answer d entries on costs O(log d) loads
 * near `from` instead of O(log n) loads across the whole array.
 */
function upperBound(removedAt: Int32Array, i: number, from: number): number {
  let lo = from;
  let hi = from;
  for (let step = 1; hi < removedAt.length && removedAt[hi]! <= i; step *= 2) {
    lo = hi + 1;
    hi += step;
  }
  hi = Math.min(hi, removedAt.length);
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (removedAt[mid]! <= i) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

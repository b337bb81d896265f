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
 * chars, one pass over the text is cheaper. Either way the map back is a bitmap, one bit per char of
 * `text`, set where a char was removed.
 */
export function stripInvisible(text: string): StrippedText {
  const invisible = new Int32Array((text.length + 31) >> 5);
  const positions = findSparse(text);
  if (positions === null) return withMap(stripDense(text, invisible), invisible);
  const parts: string[] = [];
  let at = 0;
  for (const p of positions) {
    parts.push(text.slice(at, p));
    at = p + 1;
    invisible[p >> 5]! |= 1 << (p & 31);
  }
  parts.push(text.slice(at));
  return withMap(parts.join(''), invisible);
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
 * One pass copying the visible code units (and marking the others in the `invisible` bitmap), then
 * one decode into a string: TextDecoder makes the string in native code, twice as fast as
 * `String.fromCharCode` over chunks (which also leaves a rope of chunks for the scan to flatten).
 * When every kept unit is ASCII (keys laced with invisible chars, the usual trick), they are
 * narrowed to bytes and decoded as UTF-8: five times faster than the UTF-16 decode, and the one-byte
 * string it gives scans faster too.
 *
 * Memory pages written for the first time cost more than the loop: a bitmap of the removed chars
 * (n/8 bytes) in place of a position per removed char (up to 4n) took a quarter off this function.
 */
function stripDense(text: string, invisible: Int32Array): string {
  const kept = new Uint16Array(text.length);
  let k = 0;
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xad || !isInvisible(c)) {
      kept[k++] = c;
      bits |= c;
    } else {
      invisible[i >> 5]! |= 1 << (i & 31);
    }
  }
  const units = kept.subarray(0, k);
  return bits < 0x80 ? UTF8.decode(new Uint8Array(units)) : UTF16.decode(units);
}

/**
 * Decode the kept code units one for one: `ignoreBOM` keeps a leading U+FEFF as a char, and a lone
 * surrogate becomes U+FFFD, also one unit, so offsets are unchanged (and no rule reads either).
 * ASCII bytes decode one for one as UTF-8.
 */
const UTF16 = new TextDecoder('utf-16le', { ignoreBOM: true });
const UTF8 = new TextDecoder();

/**
 * The map back from the stripped text: bit `p & 31` of `invisible[p >> 5]` is set when the char at
 * offset `p` of the original text was removed. A cursor walks the words: callers ask in increasing
 * order (scanText: findings sorted by start, non-overlapping), so all their questions together walk
 * the bitmap once. A smaller `i` than the last restarts the walk from the first word.
 */
function withMap(text: string, invisible: Int32Array): StrippedText {
  let word = 0;
  let visibleBefore = 0; // visible chars in the words before `word`
  return {
    text,
    toOriginal(i: number): number {
      if (i < visibleBefore) word = visibleBefore = 0;
      for (let n; i >= visibleBefore + (n = 32 - popcount(invisible[word]!)); word++) visibleBefore += n;
      // The (i - visibleBefore)-th visible bit of the word, counting from 0: drop the lower ones.
      let visible = ~invisible[word]!;
      for (let skip = i - visibleBefore; skip > 0; skip--) visible &= visible - 1;
      return (word << 5) + 31 - Math.clz32(visible & -visible);
    },
  };
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

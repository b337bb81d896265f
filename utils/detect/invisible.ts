/**
 * Invisible characters: every code point Unicode calls default-ignorable (the list, and what it is
 * for, in invisible-set.ts). The scan strips them and maps spans back; this module is what the
 * content script carries, so it holds the tests only, not the list.
 */

/** The BMP invisible chars above U+00FF, and the lead surrogates of the astral ones (checked further). */
const ABOVE_FF_CLASS =
  '\\u034F\\u061C\\u115F\\u1160\\u17B4\\u17B5\\u180B-\\u180F\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u206F\\u3164\\uFE00-\\uFE0F\\uFEFF\\uFFA0\\uFFF0-\\uFFF8\\uD82F\\uD834\\uDB40-\\uDB43';

/** First char above U+00FF. V8 answers at once on a one-byte string, which cannot hold one. */
const NON_LATIN1 = /[^\0-\xFF]/g;
/**
 * Sticky: consumes everything up to the next possible invisible char above U+00FF. One greedy loop
 * instead of an unanchored search (V8 restarts that one at each position); it would walk a one-byte
 * string too, hence NON_LATIN1 first.
 */
const UNTIL_INVISIBLE_ABOVE_FF = new RegExp(`[^${ABOVE_FF_CLASS}]*`, 'y');
/** Every invisible char, an astral one as its surrogate pair (two code units). */
const INVISIBLE_GLOBAL = new RegExp(
  `[\\u00AD${ABOVE_FF_CLASS.replace('\\uD82F\\uD834\\uDB40-\\uDB43', '')}]|\\uD82F[\\uDCA0-\\uDCA3]|\\uD834[\\uDD73-\\uDD7A]|[\\uDB40-\\uDB43][\\uDC00-\\uDFFF]`,
  'g',
);

/** Whether the BMP code unit `c` is an invisible char by itself (astral ones: see `invisibleAt`). */
function isInvisibleUnit(c: number): boolean {
  if (c < 0x2000) return c === 0xad || c === 0x34f || c === 0x61c || c === 0x115f || c === 0x1160 || c === 0x17b4 || c === 0x17b5 || (c - 0x180b) >>> 0 <= 4;
  if (c < 0x3000) return (c - 0x200b) >>> 0 <= 4 || (c - 0x202a) >>> 0 <= 4 || (c - 0x2060) >>> 0 <= 15;
  return c === 0x3164 || (c - 0xfe00) >>> 0 <= 15 || c === 0xfeff || c === 0xffa0 || (c - 0xfff0) >>> 0 <= 8;
}

/** Code units of the invisible char at `i` (1, or 2 for a surrogate pair), 0 when there is none. */
function invisibleAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xad) return 0;
  if (c < 0xd800 || c > 0xdbff) return isInvisibleUnit(c) ? 1 : 0;
  const t = text.charCodeAt(i + 1);
  if (c === 0xd82f) return (t - 0xdca0) >>> 0 <= 3 ? 2 : 0;
  if (c === 0xd834) return (t - 0xdd73) >>> 0 <= 7 ? 2 : 0;
  return (c - 0xdb40) >>> 0 <= 3 && (t - 0xdc00) >>> 0 <= 0x3ff ? 2 : 0;
}

/**
 * Whether `text` contains an invisible char. Split for speed: U+00AD by `indexOf` (memchr); the
 * others are above U+00FF, so none can be in a one-byte string (NON_LATIN1 answers at once) nor
 * before its first such char, from which the greedy UNTIL_INVISIBLE_ABOVE_FF walks on.
 */
export function hasInvisible(text: string): boolean {
  if (text.indexOf('\u00AD') !== -1) return true;
  NON_LATIN1.lastIndex = 0;
  if (!NON_LATIN1.test(text)) return false;
  let at = NON_LATIN1.lastIndex - 1;
  for (;;) {
    UNTIL_INVISIBLE_ABOVE_FF.lastIndex = at;
    UNTIL_INVISIBLE_ABOVE_FF.test(text);
    at = UNTIL_INVISIBLE_ABOVE_FF.lastIndex;
    if (at >= text.length) return false;
    if (invisibleAt(text, at) !== 0) return true;
    at++; // a lead surrogate of some other astral char
  }
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

/**
 * Sorted positions of the invisible code units, or null when there are too many to slice around:
 * more than 1024 and one per 256 chars. Counted against the chars searched so far, not the whole
 * text, so a text laced throughout is handed to the dense pass after a thousand regex calls, not
 * one per 256 of its chars.
 */
function findSparse(text: string): number[] | null {
  const found: number[] = [];
  INVISIBLE_GLOBAL.lastIndex = 0;
  for (let m = INVISIBLE_GLOBAL.exec(text); m !== null; m = INVISIBLE_GLOBAL.exec(text)) {
    for (let i = 0; i < m[0].length; i++) found.push(m.index + i);
    if (found.length > 1024 + (m.index >> 8)) {
      INVISIBLE_GLOBAL.lastIndex = 0;
      return null;
    }
  }
  return found;
}

/**
 * One pass copying the visible code units (and marking the others in the `invisible` bitmap), then
 * one decode into a string: TextDecoder makes the string in native code, twice as fast as
 * `String.fromCharCode` over chunks (which also leaves a rope of chunks for the scan to flatten).
 * While every kept unit is ASCII (keys laced with invisible chars, the usual trick), they are
 * written as bytes and decoded as UTF-8: five times faster than the UTF-16 decode, and the one-byte
 * string it gives scans faster too. The first kept unit above ASCII moves the copy to 16-bit units.
 *
 * Memory pages written for the first time cost more than the loop: a bitmap of the removed chars
 * (n/8 bytes) in place of a position per removed char (up to 4n) took a quarter off this function,
 * and bytes in place of 16-bit units (and no copy to narrow them) some more.
 */
function stripDense(text: string, invisible: Int32Array): string {
  const table = (unitBits ??= unitBitmap());
  const bytes = new Uint8Array(text.length);
  let k = 0;
  let i = 0;
  // The bitmap is filled a word at a time, the word's bits in a local: a read-modify-write of the
  // array per removed char cost a sixth of the pass on keys laced with them.
  /** Bit 0 of the next word: the second half of a surrogate pair that straddles two words. */
  let carry = 0;
  for (let word = 0; i < text.length; word++) {
    const stop = Math.min(text.length, (word + 1) << 5);
    let bits = carry;
    carry = 0;
    for (; i < stop; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) {
        bytes[k++] = c;
        continue;
      }
      const n = invisibleUnitsAt(text, i, c, table);
      if (n === 0) break;
      bits |= 1 << (i & 31);
      if (n === 2 && (++i & 31) === 0) carry = 1;
      else if (n === 2) bits |= 1 << (i & 31);
    }
    invisible[word] = bits;
    if (i < stop) break; // a visible char above ASCII
  }
  if (i >= text.length) return (utf8 ??= new TextDecoder()).decode(bytes.subarray(0, k));
  const kept = new Uint16Array(text.length);
  kept.set(bytes.subarray(0, k));
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const n = invisibleUnitsAt(text, i, c, table);
    if (n === 0) {
      kept[k++] = c;
    } else {
      invisible[i >> 5]! |= 1 << (i & 31);
      if (n === 2) {
        i++;
        invisible[i >> 5]! |= 1 << (i & 31);
      }
    }
  }
  return (utf16 ??= new TextDecoder('utf-16le', { ignoreBOM: true })).decode(kept.subarray(0, k));
}

/**
 * `invisibleAt(text, i)` for the code unit `c` at `i`, through `table` (unitBitmap): one load settles
 * every unit but the lead surrogates of invisible chars, where `isInvisibleUnit` makes up to a dozen
 * range tests. On keys laced with invisible chars, that took a sixth off stripDense.
 */
function invisibleUnitsAt(text: string, i: number, c: number, table: Int32Array): number {
  if (((table[c >> 5]! >>> c) & 1) === 0) return 0;
  return (c & 0xfc00) !== 0xd800 ? 1 : invisibleAt(text, i);
}

/**
 * Bit `c & 31` of word `c >> 5` set when the code unit `c` is an invisible char, or the lead surrogate
 * of one. 8 KB, made at first use: few texts are laced densely enough to need it.
 */
let unitBits: Int32Array | undefined;

function unitBitmap(): Int32Array {
  const bits = new Int32Array(0x10000 >> 5);
  for (let c = 0xad; c < 0x10000; c++) {
    const lead = c === 0xd82f || c === 0xd834 || (c - 0xdb40) >>> 0 <= 3;
    if (lead || isInvisibleUnit(c)) bits[c >> 5]! |= 1 << (c & 31);
  }
  return bits;
}

/**
 * Decode the kept code units one for one: `ignoreBOM` keeps a leading U+FEFF as a char, and a lone
 * surrogate becomes U+FFFD, also one unit, so offsets are unchanged (and no rule reads either).
 * ASCII bytes decode one for one as UTF-8. Made at first use, not as the content script loads (about
 * 0.03 ms of its start): few texts hold an invisible char.
 */
let utf16: TextDecoder | undefined;
let utf8: TextDecoder | undefined;

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

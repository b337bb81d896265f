/**
 * The invisible characters the engine reads through, as data: for tests, for the CLI (which must know
 * whether its Latin-1 fast path would see them), and for anyone checking the list. Kept out of
 * invisible.ts so the content script does not carry it.
 */

/**
 * Invisible characters: every code point Unicode calls default-ignorable (Default_Ignorable_Code_Point
 * in DerivedCoreProperties.txt, Unicode 15.1): soft hyphen, zero-width chars, bidi marks and
 * embeddings (U+200E, U+202A..E, U+2066..9), the combining grapheme joiner U+034F, Mongolian vowel
 * separators, Hangul fillers, variation selectors, tag characters (U+E0000..E0FFF)... Renderers draw
 * nothing for them, so any of them can be slipped inside a key to hide it from a naive scanner while
 * the pasted key still works once the receiving site strips them. The engine reads through them all.
 */
export const DEFAULT_IGNORABLE: readonly (readonly [number, number])[] = [
  [0xad, 0xad], [0x34f, 0x34f], [0x61c, 0x61c], [0x115f, 0x1160], [0x17b4, 0x17b5], [0x180b, 0x180f],
  [0x200b, 0x200f], [0x202a, 0x202e], [0x2060, 0x206f], [0x3164, 0x3164], [0xfe00, 0xfe0f], [0xfeff, 0xfeff],
  [0xffa0, 0xffa0], [0xfff0, 0xfff8], [0x1bca0, 0x1bca3], [0x1d173, 0x1d17a], [0xe0000, 0xe0fff],
];

/**
 * One string per invisible char of the Basic Multilingual Plane, and the first and last of each range
 * beyond it (the tag block alone holds 4096): what tests lace keys with.
 */
export const INVISIBLE_CHARS: readonly string[] = DEFAULT_IGNORABLE.flatMap(([from, to]) =>
  to <= 0xffff
    ? Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i))
    : [String.fromCodePoint(from), String.fromCodePoint(to)],
);

/**
 * The UTF-8 bytes of any invisible char, as a regex over those bytes read as Latin-1 (one char per
 * byte): lets a caller holding UTF-8 bytes (the CLI) tell whether the engine would strip anything.
 */
export const INVISIBLE_UTF8_AS_LATIN1 = new RegExp(
  DEFAULT_IGNORABLE.map(([from, to]) => utf8Range(from, to)).join('|'),
);

function utf8Range(from: number, to: number): string {
  const a = [...utf8Bytes(from)];
  const b = [...utf8Bytes(to)];
  // Ranges here share every byte but the last ones, which the ranges of DEFAULT_IGNORABLE allow.
  let out = '';
  for (let i = 0; i < a.length; i++) {
    const lo = a[i]!;
    const hi = b[i]!;
    const hex = (n: number) => `\\x${n.toString(16).padStart(2, '0')}`;
    out += lo === hi ? hex(lo) : `[${hex(lo)}-${hex(hi)}]`;
  }
  return out;
}

/** UTF-8 bytes of one code point, without Node's Buffer (the engine runs in browsers too). */
function utf8Bytes(cp: number): number[] {
  if (cp < 0x80) return [cp];
  if (cp < 0x800) return [0xc0 | (cp >> 6), 0x80 | (cp & 63)];
  if (cp < 0x10000) return [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
  return [0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
}


/**
 * Character classes as bit flags over ASCII, so the hot paths test a class with one array load
 * instead of a regex. Codes >= 128 belong to no class.
 */

/** `[A-Za-z0-9]` */
export const AN = 1;
/** `[A-Za-z0-9_-]`, the URL-safe base64 alphabet. */
export const B64U = 2;
/** `[A-Za-z0-9_]`, what JavaScript's `\w` means: a prefix glued to one of these is part of a word. */
export const WORD = 4;
/** `[A-Za-z]` */
export const LETTER = 8;
/** `[0-9a-f]` */
export const HEX_LOWER = 16;
/** `[A-Z2-7]`, the base32 alphabet of AWS key ids. */
export const BASE32_UPPER = 32;
/** `[A-Za-z0-9%/+=_-]`, what Slack's `d` session cookie (`xoxd-…`) is made of, URL-encoded or not. */
export const COOKIE = 64;
/** `[0-9]`, the groups of Slack's ids. */
export const DIGIT = 128;

const TABLE = new Uint8Array(128);
/**
 * Sets `flags` on the chars of a regex-style class body (`A-Za-z0-9`; a `-` last is itself). Plain
 * loops, not regex tests: this runs as the content script loads, on every guarded page.
 */
function mark(chars: string, flags: number): void {
  for (let i = 0; i < chars.length; i++) {
    const from = chars.charCodeAt(i);
    const to = chars[i + 1] === '-' && i + 2 < chars.length ? chars.charCodeAt((i += 2)) : from;
    for (let c = from; c <= to; c++) TABLE[c]! |= flags;
  }
}
mark('A-Za-z0-9', AN | B64U | WORD);
mark('_', B64U | WORD);
mark('-', B64U);
mark('A-Za-z', LETTER);
mark('0-9a-f', HEX_LOWER);
mark('A-Z2-7', BASE32_UPPER);
mark('A-Za-z0-9%/+=_-', COOKIE);
mark('0-9', DIGIT);

/** Whether the UTF-16 code `code` is in `cls` (a flag above). */
export function isIn(code: number, cls: number): boolean {
  return code < 128 && (TABLE[code]! & cls) !== 0;
}

/** Whether every char of `text[from, to)` is in `cls`. */
export function allIn(text: string, from: number, to: number, cls: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128 || (TABLE[c]! & cls) === 0) return false;
  }
  return true;
}

/**
 * End of the run of `cls` chars starting at `from`, at most `max` chars long: what the sticky regex
 * `cls{0,max}` would consume, without the cost of a regex call (about 100 ns each in V8).
 */
export function runEnd(text: string, from: number, max: number, cls: number): number {
  const stop = Math.min(text.length, from + max);
  let i = from;
  while (i < stop) {
    const c = text.charCodeAt(i);
    if (c >= 128 || (TABLE[c]! & cls) === 0) break;
    i++;
  }
  return i;
}

/**
 * True when a key starting at `start` is not glued to a preceding word character (`ask-`, `task-`).
 * An escape right before the key is no word: `key%3Dsk-…` and `Bearer%20sk-…` in URL-encoded text,
 * `\nsk-…` and `\u0022sk-…` in a JSON or shell string.
 */
export function freeOnLeft(text: string, start: number): boolean {
  return start === 0 || !isIn(text.charCodeAt(start - 1), WORD) || afterEscape(text, start);
}

const BACKSLASH = 0x5c;
const isHex = (c: number): boolean => (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66);

function afterEscape(text: string, start: number): boolean {
  const c = text.charCodeAt(start - 1);
  // Every escape ends in a hex digit or in `n`, `r`, `t`: one test turns most words away (a text
  // of prefixes glued together asks here at each one).
  if (!isHex(c) && c !== 0x6e && c !== 0x72 && c !== 0x74) return false;
  if (start >= 3 && text.charCodeAt(start - 3) === 0x25 && isHex(text.charCodeAt(start - 2)) && isHex(c)) return true;
  if (start >= 2 && text.charCodeAt(start - 2) === BACKSLASH && (c === 0x6e || c === 0x72 || c === 0x74)) return true;
  if (start < 6 || text.charCodeAt(start - 6) !== BACKSLASH || text.charCodeAt(start - 5) !== 0x75) return false;
  for (let i = start - 4; i < start; i++) if (!isHex(text.charCodeAt(i))) return false;
  return true;
}

/**
 * True when a key ending at `end` is not followed by another char of `glue`, i.e. it is not the
 * truncated head of a longer token. No `\b` here: bodies may end in `-` or `_`.
 */
export function freeOnRight(text: string, end: number, glue: number): boolean {
  return end >= text.length || !isIn(text.charCodeAt(end), glue);
}

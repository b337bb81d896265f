/**
 * Invisible characters that can be slipped inside a key to hide it from naive scanners while the
 * pasted key still works once the receiving site strips them (or the user never notices them).
 */
export const INVISIBLE_CHARS: readonly string[] = ['\u00AD', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF'];

/** The invisible chars `indexOf` finds fast in any string (see `hasInvisible`). */
const FAST_INVISIBLE: readonly string[] = ['\u00AD', '\u2060', '\uFEFF'];
const ZERO_WIDTH = /[\u200B-\u200D]/;
const ZERO_WIDTH_GLOBAL = /[\u200B-\u200D]/g;

function isInvisible(c: number): boolean {
  return c === 0xad || (c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff;
}

/**
 * Whether `text` contains an invisible char. Split for speed: V8's `indexOf` looks for the highest
 * byte of a UTF-16 char with memchr, which is fast for U+00AD, U+2060 and U+FEFF but crawls for
 * U+200B..D in two-byte strings (their 0x20 byte is the space); a regex covers those, and V8
 * answers it at once on one-byte strings, which cannot contain them.
 */
export function hasInvisible(text: string): boolean {
  for (const ch of FAST_INVISIBLE) if (text.indexOf(ch) !== -1) return true;
  return ZERO_WIDTH.test(text);
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

/** One pass copying the visible code units; chunks keep `fromCharCode.apply` under arg limits. */
function stripDense(text: string): StrippedText {
  const kept = new Uint16Array(text.length);
  const removed = new Int32Array(text.length);
  let k = 0;
  let r = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xad || !isInvisible(c)) {
      kept[k++] = c;
    } else {
      removed[r] = i - r;
      r++;
    }
  }
  let stripped = '';
  for (let i = 0; i < k; i += 8192) {
    stripped += String.fromCharCode.apply(null, kept.subarray(i, Math.min(k, i + 8192)) as unknown as number[]);
  }
  return withMap(stripped, removed.subarray(0, r));
}

function withMap(text: string, removedAt: Int32Array): StrippedText {
  return {
    text,
    toOriginal(i: number): number {
      // removedAt[k] is the stripped offset where the k-th removed char stood; non-decreasing.
      let lo = 0;
      let hi = removedAt.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (removedAt[mid]! <= i) lo = mid + 1;
        else hi = mid;
      }
      return i + lo;
    },
  };
}

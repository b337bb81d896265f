import { DEFAULT_IGNORABLE, INVISIBLE_UTF8_AS_LATIN1 } from '../utils/detect/invisible-set';

/**
 * The first UTF-8 byte of every invisible code point the engine reads through (from the engine's
 * own list). Every one of them is a lead byte of a multi-byte sequence, so none occurs in ASCII.
 */
const LEAD_BYTES: readonly number[] = [...new Set(DEFAULT_IGNORABLE.flatMap(([from, to]) => leadBytesOf(from, to)))].sort((a, b) => a - b);

// Past this many lead bytes per byte of input (text full of `“”—`), one regex pass costs less than
// stopping at each.
const DENSE_HITS_PER_BYTE = 1 / 512;

// The searches for the 9 lead bytes run block by block, so that 8 of them read the block from the
// CPU's cache rather than from memory: 3 times less time on 64 MiB than 9 passes over it all.
const BLOCK_BYTES = 256 * 1024;

// The same byte patterns as INVISIBLE_UTF8_AS_LATIN1, to find them all.
const INVISIBLE_UTF8_AS_LATIN1_ALL = new RegExp(INVISIBLE_UTF8_AS_LATIN1.source, 'g');

// Past this many invisible characters per byte of input, their offsets would take more memory than
// the engine's own way of stripping them (a bit per UTF-16 unit).
const MOST_INVISIBLE_PER_BYTE = 1 / 32;

/**
 * Where valid UTF-8 `bytes` hold the invisible characters the engine strips: the byte offset of
 * each one's first byte, in order (its length follows from that byte; see {@link sequenceLength}).
 * Empty for most files; undefined when there are too many to list cheaply.
 *
 * `Buffer.indexOf` of each lead byte is a memchr at memory speed, and text rarely holds these lead
 * bytes (U+2019 and the dashes share E2 with the invisible ones): several times cheaper than one
 * regex over the bytes read as Latin-1, which reads every byte in turn. Text dense with such lead
 * bytes goes to that regex, on the Latin-1 string `asLatin1` gives, so the cost stays bounded.
 */
export function findInvisibleUtf8(bytes: Buffer, asLatin1: () => string): Int32Array | undefined {
  const found = byLeadBytes(bytes) ?? Int32Array.from(asLatin1().matchAll(INVISIBLE_UTF8_AS_LATIN1_ALL), (match) => match.index);
  return found.length > Math.max(64, bytes.length * MOST_INVISIBLE_PER_BYTE) ? undefined : found;
}

/** The offsets found lead byte by lead byte, or undefined past the budget of other characters' lead bytes. */
function byLeadBytes(bytes: Buffer): Int32Array | undefined {
  const budget = Math.max(64, bytes.length * DENSE_HITS_PER_BYTE);
  const found: number[] = [];
  let hits = 0;
  for (let from = 0; from < bytes.length; from += BLOCK_BYTES) {
    // A sequence may run past the block's end: it is found by its lead byte, and read from `bytes`.
    const block = bytes.subarray(from, from + BLOCK_BYTES);
    for (const lead of LEAD_BYTES) {
      for (let at = block.indexOf(lead); at !== -1; at = block.indexOf(lead, at + 1)) {
        if (isIgnorable(codePointAt(bytes, from + at))) found.push(from + at);
        else if (++hits > budget) return undefined;
      }
    }
  }
  // Found one lead byte after another within each block: a typed array sorts numbers by value.
  return Int32Array.from(found).sort();
}

/** Bytes in the UTF-8 sequence that starts with `lead`. */
export function sequenceLength(lead: number): number {
  return lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
}

function isIgnorable(cp: number): boolean {
  for (const [from, to] of DEFAULT_IGNORABLE) if (cp >= from && cp <= to) return true;
  return false;
}

/** The code point whose valid UTF-8 sequence starts with the lead byte at `at`. */
function codePointAt(bytes: Buffer, at: number): number {
  const b0 = bytes[at] ?? 0;
  const b1 = (bytes[at + 1] ?? 0) & 0x3f;
  if (b0 < 0xe0) return ((b0 & 0x1f) << 6) | b1;
  const b2 = (bytes[at + 2] ?? 0) & 0x3f;
  if (b0 < 0xf0) return ((b0 & 0x0f) << 12) | (b1 << 6) | b2;
  return ((b0 & 0x07) << 18) | (b1 << 12) | (b2 << 6) | ((bytes[at + 3] ?? 0) & 0x3f);
}

/** The UTF-8 lead bytes of the code points `from` to `to`: consecutive, as the lead grows with the code point. */
function leadBytesOf(from: number, to: number): number[] {
  const leads: number[] = [];
  for (let lead = leadByte(from); lead <= leadByte(to); lead++) leads.push(lead);
  return leads;
}

function leadByte(cp: number): number {
  if (cp < 0x80) return cp;
  if (cp < 0x800) return 0xc0 | (cp >> 6);
  if (cp < 0x10000) return 0xe0 | (cp >> 12);
  return 0xf0 | (cp >> 18);
}

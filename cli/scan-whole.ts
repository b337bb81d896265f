import { isAscii, isUtf8 } from 'node:buffer';
import type { KeyFinding } from '../utils/detect/types';
import { hasInvisibleUtf8 } from './invisible-bytes';
import { createTextScanner, type LocatedFinding } from './scan-text';
import { createUtf16Counter } from './utf16-counter';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const ASCII_ONLY = /^[\0-\x7f]*$/;

/**
 * Scans a whole input held in memory: UTF-8 with invalid bytes replaced, a leading BOM dropped,
 * positions in UTF-16 units of that decoded text.
 *
 * Why the detour: V8 decodes UTF-8 with any non-ASCII in it at a few hundred MB/s, slower than
 * the engine scans. Every built-in rule matches ASCII only, so when the bytes are valid UTF-8 and
 * hold none of the invisible characters the engine reads through, scanning them as Latin-1 (one
 * byte, one char, a plain copy) finds the same keys; only the offsets need converting from bytes
 * to UTF-16 units, and only where something was found.
 */
export function scanWhole(input: Buffer, findKeys: (text: string) => KeyFinding[], { atFileStart = true } = {}): LocatedFinding[] {
  const bytes = atFileStart ? withoutBom(input) : input;
  return scanAsLatin1(bytes, findKeys) ?? createTextScanner(findKeys).push(bytes.toString('utf8'), true);
}

/** The bytes after a leading UTF-8 byte-order mark, which editors do not count as a column. */
export function withoutBom(input: Buffer): Buffer {
  return input.subarray(0, BOM.length).equals(BOM) ? input.subarray(BOM.length) : input;
}

/** The Latin-1 fast path, or undefined where it would not give the exact answer. */
function scanAsLatin1(bytes: Buffer, findKeys: (text: string) => KeyFinding[]): LocatedFinding[] | undefined {
  const ascii = isAscii(bytes);
  if (!ascii && !isUtf8(bytes)) return undefined;
  let latin1: string | undefined;
  const asLatin1 = () => (latin1 ??= bytes.toString('latin1'));
  if (!ascii && hasInvisibleUtf8(bytes, asLatin1)) return undefined;
  const found = createTextScanner(findKeys).push(asLatin1(), true);
  if (ascii) return found; // byte offsets are UTF-16 offsets
  // A rule matching non-ASCII (none does today) would see mangled text here: take the slow path.
  if (!found.every((finding) => ASCII_ONLY.test(finding.key))) return undefined;
  const toUtf16 = createUtf16Counter(bytes);
  let lineStart = -1;
  let lineStartUnits = 0;
  // The findings are this scan's own objects: converted in place (a spread per finding costs more
  // than the rest of the conversion on a file dense with keys).
  for (const finding of found) {
    // Keys hold no line break, so line starts and key bounds arrive in order, as the counter needs.
    const findingLineStart = finding.start - finding.column + 1;
    if (findingLineStart !== lineStart) {
      lineStart = findingLineStart;
      lineStartUnits = toUtf16(lineStart);
    }
    finding.start = toUtf16(finding.start);
    finding.end = toUtf16(finding.end);
    finding.column = finding.start - lineStartUnits + 1;
  }
  return found;
}

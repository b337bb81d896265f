import { isAscii, isUtf8 } from 'node:buffer';
import type { Detector } from '../utils/detect/detector';
import type { KeyFinding } from '../utils/detect/types';
import { findInvisibleUtf8, sequenceLength } from './invisible-bytes';
import { createTextScanner, type LocatedFinding } from './scan-text';
import { createUtf16Counter } from './utf16-counter';

/** The engine's two ways in that the CLI scans with: any text, and a text known to hold no invisible character. */
export type KeyFinder = Pick<Detector, 'findKeys' | 'findVisibleKeys'>;

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const ASCII_ONLY = /^[\0-\x7f]*$/;
const NONE = new Int32Array(0);

/**
 * Scans a whole input held in memory: UTF-8 with invalid bytes replaced, a leading BOM dropped,
 * positions in UTF-16 units of that decoded text.
 *
 * Why the detour: V8 decodes UTF-8 with any non-ASCII in it at a few hundred MB/s, slower than
 * the engine scans. Every built-in rule matches ASCII only, so when the bytes are valid UTF-8,
 * scanning them as Latin-1 (one byte, one char, a plain copy) finds the same keys, once the bytes
 * of the invisible characters the engine reads through are cut out as it would cut them; only the
 * offsets need converting from bytes to UTF-16 units, and only where something was found.
 */
export function scanWhole(input: Buffer, finder: KeyFinder, { atFileStart = true } = {}): LocatedFinding[] {
  return scanMeasured(input, finder, atFileStart, false).findings;
}

/** What {@link scanWholeMeasured} gives: the findings, and the size of the decoded text. */
export interface MeasuredScan {
  findings: LocatedFinding[];
  /** Line feeds in the text. */
  lineEnds: number;
  /** Its length in UTF-16 units. */
  units: number;
}

/**
 * {@link scanWhole}, and if `measure`, the size of the text scanned (else 0s), which places the
 * findings of the text that follows it (a range of a file cut across threads). Counted on from
 * where placing the findings left off, rather than in a second pass over the bytes.
 */
export function scanWholeMeasured(input: Buffer, finder: KeyFinder, { atFileStart = true, measure = true } = {}): MeasuredScan {
  return scanMeasured(input, finder, atFileStart, measure);
}

function scanMeasured(input: Buffer, finder: KeyFinder, atFileStart: boolean, measure: boolean): MeasuredScan {
  const bytes = atFileStart ? withoutBom(input) : input;
  const fast = scanAsLatin1(bytes, finder, measure);
  if (fast !== undefined) return fast;
  const text = bytes.toString('utf8');
  const scanner = createTextScanner((decoded) => finder.findKeys(decoded));
  const findings = scanner.push(text, true);
  return { findings, lineEnds: measure ? scanner.lineEnds() : 0, units: text.length };
}

/** The bytes after a leading UTF-8 byte-order mark, which editors do not count as a column. */
export function withoutBom(input: Buffer): Buffer {
  return input.subarray(0, BOM.length).equals(BOM) ? input.subarray(BOM.length) : input;
}

/** The Latin-1 fast path (measured if asked), or undefined where it would not give the exact answer. */
function scanAsLatin1(bytes: Buffer, finder: KeyFinder, measure: boolean): MeasuredScan | undefined {
  const ascii = isAscii(bytes);
  if (!ascii && !isUtf8(bytes)) return undefined;
  let latin1: string | undefined;
  const asLatin1 = () => (latin1 ??= bytes.toString('latin1'));
  const invisible = ascii ? NONE : findInvisibleUtf8(bytes, asLatin1);
  // Too many to cut out here: the engine strips them from the decoded text.
  if (invisible === undefined) return undefined;
  // Lines, columns and allow comments are read in the text as it is, invisible characters included.
  const findKeys = (text: string) => (invisible.length === 0 ? finder.findVisibleKeys(text) : findKeysAround(text, invisible, finder));
  const scanner = createTextScanner(findKeys);
  const found = scanner.push(asLatin1(), true);
  const lineEnds = measure ? scanner.lineEnds() : 0;
  if (ascii) return { findings: found, lineEnds, units: bytes.length }; // byte offsets are UTF-16 offsets
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
  // The counter goes on from the last finding's end to the end of the bytes.
  return { findings: found, lineEnds, units: measure ? toUtf16(bytes.length) : 0 };
}

/**
 * The engine's findings in UTF-8 read as Latin-1 (`text`), with the invisible characters starting
 * at the offsets `invisible` cut out first, as the engine cuts them out of decoded text: keys as
 * found without them, spans in `text`.
 */
function findKeysAround(text: string, invisible: Int32Array, finder: KeyFinder): KeyFinding[] {
  const parts: string[] = [];
  // For each cut: where it falls in the text without the cuts, and the bytes cut up to its end.
  const cutAt = new Int32Array(invisible.length);
  const cutThrough = new Int32Array(invisible.length);
  let cut = 0;
  let from = 0;
  for (const [i, at] of invisible.entries()) {
    parts.push(text.slice(from, at));
    cutAt[i] = at - cut;
    from = at + sequenceLength(text.charCodeAt(at));
    cut += from - at;
    cutThrough[i] = cut;
  }
  parts.push(text.slice(from));
  /** The offset in `text` of the char at `visible` in the text without the cuts. */
  const toOriginal = (visible: number): number => {
    // Cuts at or before `visible` lie before its char (adjacent invisible chars share one place).
    let low = 0;
    let high = cutAt.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((cutAt[mid] ?? 0) <= visible) low = mid + 1;
      else high = mid;
    }
    return visible + (low > 0 ? (cutThrough[low - 1] ?? 0) : 0);
  };
  const findings = finder.findVisibleKeys(parts.join(''));
  for (const finding of findings) {
    const start = toOriginal(finding.start);
    finding.end = toOriginal(finding.end - 1) + 1;
    finding.start = start;
  }
  return findings;
}

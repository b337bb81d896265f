import { closeSync, openSync, readSync } from 'node:fs';
import { looksBinary } from './read-source';
import type { LocatedFinding } from './scan-text';
import { scanWholeMeasured, type KeyFinder } from './scan-whole';

/**
 * One byte range of a file, scanned on its own: findings placed within the range, plus what the
 * ranges after it need to place theirs (its line ends and its length in UTF-16 units).
 */
export type RangeOutcome =
  | { kind: 'scanned'; findings: LocatedFinding[]; lineEnds: number; units: number }
  | { kind: 'binary' }
  | { kind: 'error'; code: string | undefined; message: string };

/**
 * Scans bytes `start` to `end` of a file. Ranges are cut just after a line feed, so they decode
 * to the same text as the whole file would (no UTF-8 sequence spans a line feed) and every line,
 * with any key and allow comment on it, lies in one range; only the first range may start with
 * a byte-order mark or be judged binary. Without `measure` (the last range, which no range
 * follows) its line ends and units are not counted, and given as 0.
 */
export function scanRange(path: string, start: number, end: number, finder: KeyFinder, measure = true): RangeOutcome {
  const bytes = Buffer.allocUnsafe(end - start);
  let filled = 0;
  try {
    const fd = openSync(path, 'r');
    try {
      while (filled < bytes.length) {
        const read = readSync(fd, bytes, filled, bytes.length - filled, start + filled);
        if (read === 0) break;
        filled += read;
      }
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    return { kind: 'error', code, message: message ?? String(error) };
  }
  const range = bytes.subarray(0, filled);
  const first = start === 0;
  if (first && looksBinary(range)) return { kind: 'binary' };
  return { kind: 'scanned', ...scanWholeMeasured(range, finder, { atFileStart: first, measure }) };
}

/**
 * Cuts a file of `size` bytes into up to `parts` ranges that end just after a line feed, reading
 * only a little around each cut. A cut with no line feed within reach is dropped (the range grows).
 */
export function cutAtLines(path: string, size: number, parts: number): Array<[number, number]> {
  const cuts = [0];
  const probe = Buffer.allocUnsafe(64 * 1024);
  const fd = openSync(path, 'r');
  try {
    for (let k = 1; k < parts; k++) {
      const from = Math.max(Math.floor((size * k) / parts), cuts.at(-1) ?? 0);
      const read = readSync(fd, probe, 0, probe.length, from);
      const lineFeed = probe.subarray(0, read).indexOf(10);
      if (lineFeed !== -1 && from + lineFeed + 1 < size) cuts.push(from + lineFeed + 1);
    }
  } finally {
    closeSync(fd);
  }
  return cuts.map((cut, i) => [cut, cuts[i + 1] ?? size]);
}

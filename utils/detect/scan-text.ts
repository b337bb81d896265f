import { runCustom, type CompiledCustom } from './custom';
import { hasInvisible, stripInvisible } from './invisible';
import { orderAndDropOverlaps, type RawFinding, type Scanner } from './scan';
import type { KeyFinding } from './types';

/**
 * Scans one text with compiled parts: built-in rules, then custom patterns within `budgetMs`, with
 * invisible characters stripped first (unless the caller knows there are none) and spans mapped
 * back to the original text. Shared by `createDetector` and the content script's detector
 * (utils/guard/detector.ts); a module of its own so the content script imports nothing else of
 * detector.ts.
 */
export function scanText(
  text: string,
  scanner: Scanner,
  custom: readonly CompiledCustom[],
  budgetMs: number,
  mayHoldInvisible = true,
): KeyFinding[] {
  // Fast path: without invisible chars, offsets in the scanned text are offsets in the original.
  const stripped = mayHoldInvisible && hasInvisible(text) ? stripInvisible(text) : null;
  const scanned = stripped === null ? text : stripped.text;
  const raw: RawFinding[] = [];
  scanner(scanned, raw);
  if (custom.length > 0) runCustom(scanned, custom, performance.now() + budgetMs, raw);
  const findings = orderAndDropOverlaps(raw);
  if (stripped !== null) {
    // Keys stay as found (invisible chars removed); their spans go back to the original text.
    // In order of position (start, then end), which toOriginal answers fastest.
    for (const f of findings) {
      const start = stripped.toOriginal(f.start);
      f.end = stripped.toOriginal(f.end - 1) + 1;
      f.start = start;
    }
  }
  return findings;
}

import { DEFAULT_CUSTOM_BUDGET_MS, type RejectedPattern, compileCustom } from './custom';
import { PREFIX_RULES } from './rules';
import { createScanner } from './scan';
import { scanText } from './scan-text';
import type { DetectorSpec, KeyFinding } from './types';

/** A precompiled set of rules. */
export interface Detector {
  /** All keys in `text`, sorted by `start`, non-overlapping. Never throws. */
  findKeys(text: string): KeyFinding[];
  /**
   * `findKeys` for a text its caller knows holds no invisible character: skips the search for them.
   * The CLI checks a file's UTF-8 bytes itself, then scans them read as Latin-1, where the bytes of
   * other characters (`í` is C3 AD) would pass for soft hyphens and be stripped for nothing.
   */
  findVisibleKeys(text: string): KeyFinding[];
  /** Custom patterns that failed `checkCustomPattern` and are therefore not run. */
  readonly rejected: readonly RejectedPattern[];
}

/** Every built-in provider on, no custom pattern: the detector before any settings arrive. */
export const DEFAULT_DETECTOR_SPEC: DetectorSpec = { off: [], custom: [] };

/**
 * The one way a detector is built: from a checked spec (`compileDetector`, checked-detector.ts).
 * This module carries neither the custom-pattern checker nor zod, so the content script, which loads
 * the spec the background compiled with the settings, stays small. Reuse the result for every text.
 */
export function loadDetector(spec: DetectorSpec = DEFAULT_DETECTOR_SPEC): Pick<Detector, 'findKeys' | 'findVisibleKeys'> {
  const off = new Set<string>(spec.off);
  const scanner = createScanner(
    PREFIX_RULES.filter((r) => !off.has(r.provider)),
    !off.has('openai'),
  );
  const custom = compileCustom(spec.custom);
  const budgetMs = spec.customBudgetMs ?? DEFAULT_CUSTOM_BUDGET_MS;
  return {
    findKeys: (text) => (typeof text !== 'string' || text.length === 0 ? [] : scanText(text, scanner, custom, budgetMs)),
    findVisibleKeys: (text) => (typeof text !== 'string' || text.length === 0 ? [] : scanText(text, scanner, custom, budgetMs, false)),
  };
}

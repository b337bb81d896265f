import { DEFAULT_CUSTOM_BUDGET_MS, type RejectedPattern, compileCustom } from './custom';
import { PREFIX_RULES } from './rules';
import { createScanner } from './scan';
import { scanText } from './scan-text';
import type { DetectOptions, KeyFinding, ProviderId } from './types';

/** A precompiled set of rules. */
export interface Detector {
  /** All keys in `text`, sorted by `start`, non-overlapping. Never throws. */
  findKeys(text: string): KeyFinding[];
  /** Custom patterns that failed `checkCustomPattern` (or were never given to it) and are therefore not run. */
  readonly rejected: readonly RejectedPattern[];
}

/**
 * Compiles the rules for `options` once; reuse the detector for every text.
 *
 * This is the lean detector: it does not carry the custom-pattern safety check (custom-check.ts and
 * its regex parser), so a bundle that only imports this module stays small. It therefore runs only
 * custom patterns whose RegExp was returned by `checkCustomPattern`; any other custom pattern is
 * skipped and listed in `rejected` (never run, never thrown, so one bad policy entry cannot switch
 * off the built-in protection). To pass patterns that were not checked yet, use the
 * `createDetector` exported by `utils/detect` (checked-detector.ts), which checks them first.
 */
export function createDetector(options: DetectOptions = {}): Detector {
  const enabled = (id: ProviderId): boolean => options.providers?.[id] !== false;
  const scanner = createScanner(
    PREFIX_RULES.filter((r) => enabled(r.provider)),
    enabled('openai'),
  );
  const { compiled, rejected } = compileCustom(options.custom ?? []);
  const budgetMs = options.customBudgetMs ?? DEFAULT_CUSTOM_BUDGET_MS;
  return {
    rejected,
    findKeys(text: string): KeyFinding[] {
      if (typeof text !== 'string' || text.length === 0) return [];
      return scanText(text, scanner, compiled, budgetMs);
    },
  };
}

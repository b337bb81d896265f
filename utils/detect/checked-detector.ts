import { checkCustomPattern } from './custom-check';
import type { RejectedPattern } from './custom';
import { type Detector, loadDetector } from './detector';
import type { DetectOptions, DetectorSpec, KeyFinding, ProviderId } from './types';

/**
 * Compiles detection options into the spec every detector runs (`loadDetector`): the providers
 * switched off, and each custom pattern checked (`checkCustomPattern`); unsafe ones are left out and
 * listed in `rejected` with the checker's reason, never run and never thrown, so one bad policy
 * entry cannot switch off the built-in protection. The spec is plain JSON: the background stores it
 * with the settings for the content script.
 */
export function compileDetector(options: DetectOptions = {}): { spec: DetectorSpec; rejected: RejectedPattern[] } {
  const off = Object.entries(options.providers ?? {})
    .filter(([, on]) => on === false)
    .map(([id]) => id as ProviderId);
  const custom: DetectorSpec['custom'] = [];
  const rejected: RejectedPattern[] = [];
  for (const { name, pattern } of options.custom ?? []) {
    const check = checkCustomPattern(pattern.source, pattern.flags);
    if (check.ok) custom.push({ name, source: check.pattern.source, flags: check.pattern.flags, literal: check.literal });
    else rejected.push({ name, reason: check.reason });
  }
  const spec: DetectorSpec = { off, custom };
  if (options.customBudgetMs !== undefined) spec.customBudgetMs = options.customBudgetMs;
  return { spec, rejected };
}

/** Compiles the rules for `options` once (`compileDetector` then `loadDetector`); reuse the detector for every text. */
export function createDetector(options: DetectOptions = {}): Detector {
  const { spec, rejected } = compileDetector(options);
  return { rejected, ...loadDetector(spec) };
}

let defaultDetector: Detector | undefined;
const detectors = new WeakMap<DetectOptions, Detector>();

/**
 * Finds every key in `text`, sorted by start and non-overlapping. Without options it uses a shared
 * default detector; an options object is compiled once and cached for as long as it is alive, but
 * for a hot path prefer holding a {@link createDetector} result.
 */
export function findKeys(text: string, options?: DetectOptions): KeyFinding[] {
  if (options === undefined) return (defaultDetector ??= createDetector()).findKeys(text);
  let detector = detectors.get(options);
  if (detector === undefined) {
    detector = createDetector(options);
    detectors.set(options, detector);
  }
  return detector.findKeys(text);
}

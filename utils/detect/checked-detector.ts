import { checkCustomPattern } from './custom-check';
import { type RejectedPattern, isChecked } from './custom';
import { type Detector, createDetector as createLeanDetector } from './detector';
import type { CustomPattern, DetectOptions, KeyFinding } from './types';

/**
 * Like the lean `createDetector` of detector.ts, but custom patterns need not come from
 * `checkCustomPattern`: those that did not are checked here first, and the unsafe ones are skipped
 * and listed in `rejected` with the checker's reason. This is the `createDetector` that
 * `utils/detect` exports; it carries the checker and its regex parser, which a bundle that only
 * passes checked patterns (the content script) can leave out by importing detector.ts instead.
 */
export function createDetector(options: DetectOptions = {}): Detector {
  if (options.custom === undefined || options.custom.length === 0) return createLeanDetector(options);
  const custom: CustomPattern[] = [];
  const rejected: RejectedPattern[] = [];
  for (const { name, pattern } of options.custom) {
    if (isChecked(pattern)) {
      custom.push({ name, pattern });
      continue;
    }
    const check = checkCustomPattern(pattern.source, pattern.flags);
    if (check.ok) custom.push({ name, pattern: check.pattern });
    else rejected.push({ name, reason: check.reason });
  }
  const lean = createLeanDetector({ ...options, custom });
  // Every pattern given to the lean detector is checked, so it rejects none: the reasons are ours.
  return { rejected, findKeys: (text) => lean.findKeys(text) };
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

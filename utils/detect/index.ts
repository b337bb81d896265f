/**
 * KeyWard's detection engine: pure TypeScript with no browser or Node APIs, shared by the content
 * script, the service worker, the CLI and the benchmarks.
 */
export type { CustomPattern, DetectOptions, DetectorSpec, KeyFinding, ProviderId } from './types';
export { PROVIDERS, type ProviderInfo } from './providers';
// compileDetector checks custom patterns (checked-detector.ts); loadDetector runs the spec it makes
// and carries no checker (detector.ts), so a bundle that only loads specs leaves the checker out.
export { compileDetector, createDetector, findKeys } from './checked-detector';
export { DEFAULT_DETECTOR_SPEC, loadDetector, type Detector } from './detector';
export { checkCustomPattern, MAX_CUSTOM_SOURCE_LENGTH, type CustomPatternCheck } from './custom-check';
export { MAX_CUSTOM_MATCH, DEFAULT_CUSTOM_BUDGET_MS, type RejectedPattern } from './custom';
export { redact } from './redact';
export { fingerprint } from './fingerprint';
export { replaceKeys } from './replace';
export { findKeysInHtml, htmlText } from './html';
export { DEFAULT_IGNORABLE, INVISIBLE_CHARS, INVISIBLE_UTF8_AS_LATIN1 } from './invisible-set';
export { OPENAI_MARKER } from './openai';

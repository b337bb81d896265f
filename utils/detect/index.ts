/**
 * KeyWard's detection engine: pure TypeScript with no browser or Node APIs, shared by the content
 * script, the service worker, the CLI and the benchmarks.
 */
export type { CustomPattern, DetectOptions, KeyFinding, ProviderId } from './types';
export { PROVIDERS, type ProviderInfo } from './providers';
// The checking createDetector (checked-detector.ts); detector.ts holds the lean one, which runs only
// patterns returned by checkCustomPattern and so does not need the checker in its bundle.
export { createDetector, findKeys } from './checked-detector';
export type { Detector } from './detector';
export { checkCustomPattern, MAX_CUSTOM_SOURCE_LENGTH, type CustomPatternCheck } from './custom-check';
export { MAX_CUSTOM_MATCH, DEFAULT_CUSTOM_BUDGET_MS, type RejectedPattern } from './custom';
export { redact } from './redact';
export { fingerprint } from './fingerprint';
export { replaceKeys } from './replace';
export { findKeysInHtml, htmlText } from './html';
export { DEFAULT_IGNORABLE, INVISIBLE_CHARS, INVISIBLE_UTF8_AS_LATIN1 } from './invisible-set';
export { OPENAI_MARKER } from './openai';

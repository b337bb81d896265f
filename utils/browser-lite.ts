import type { browser as Full } from 'wxt/browser';

/**
 * The extension API without webextension-polyfill, for the guard content script only (its size
 * budget is 80 KiB; the polyfill is about 10 KB). Everything that script calls already returns
 * promises natively: Chrome MV3's `chrome.*` and Firefox's `browser.*`. wxt.config.ts points
 * `wxt/browser` here in content-script builds.
 */
type Api = typeof Full;
export const browser: Api = (globalThis as { browser?: Api }).browser ?? (globalThis as unknown as { chrome: Api }).chrome;

import type { browser as Full } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import type { Envelope } from '../utils/envelope';

declare global {
  /** The popup's first `inventoryOverview` reply, asked for by this script; taken by `takePrefetchedOverview` (utils/ask.ts). */
  var keywardPrefetchedOverview: Promise<unknown> | undefined;
}

/**
 * A classic script in the popup's <head> (entrypoints/popup/index.html): it asks the background for
 * the inventory overview while the page's modules are still being fetched and evaluated, so the
 * reply is on its way (or there) when the app first renders. Types only from the rest of the code:
 * no webextension-polyfill here, the native promise-based API (Chrome MV3 `chrome.*`, Firefox `browser.*`).
 */
export default defineUnlistedScript(() => {
  const api = (globalThis as { browser?: typeof Full }).browser ?? (globalThis as unknown as { chrome: typeof Full }).chrome;
  const sent: Promise<unknown> = api.runtime.sendMessage({ keyward: 'inventoryOverview', data: {} } satisfies Envelope);
  // The app awaits this promise (and reports its error); until then a refusal is not "unhandled".
  sent.catch(() => {});
  globalThis.keywardPrefetchedOverview = sent;
});

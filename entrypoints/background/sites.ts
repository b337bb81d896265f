import { browser } from 'wxt/browser';
import type { Settings } from '../../utils/policy/schema';
import { loadSettings, watchSettings } from '../../utils/policy/store';

import { DEFAULT_SITES, isMatchPattern, isWholeSitePattern, permissionPattern } from '../../utils/sites';

/** The id of the run-time registration that carries the guard to sites beyond the default list. */
export const EXTRA_SCRIPT_ID = 'keyward-guard-extra';
/** The same for patterns narrower than a whole site (a path), which cannot match by the maker's origin. */
const EXTRA_PATHS_SCRIPT_ID = 'keyward-guard-extra-paths';
/** The guard's built file, as the manifest's own content script entry names it. */
const GUARD_SCRIPT = 'content-scripts/guard.js';

/**
 * Sites beyond the default list: the user's "Guard this site" (popup), the policy's `extraSites`,
 * and `allSites`. The guard is registered there at run time with `scripting.registerContentScripts`,
 * for the patterns whose host permission the user granted (an optional permission asked from the
 * popup's click). Kept in step at start, on every settings change and when permissions change.
 * Pausing a site needs nothing here: the guard reads `excludedSites` itself in every tab.
 */
export function startSites(): void {
  let queue = Promise.resolve();
  const sync = () => {
    queue = queue.then(syncRegistration).catch(() => {});
  };
  sync();
  watchSettings(sync);
  browser.permissions.onAdded.addListener(sync);
  browser.permissions.onRemoved.addListener(sync);
}

/**
 * The match patterns the settings ask for beyond the defaults, as the guard is registered with them
 * (without a port: the guard checks that itself).
 */
export function wantedPatterns(settings: Pick<Settings, 'extraSites' | 'allSites'>): string[] {
  const wanted = settings.allSites ? ['*://*/*'] : settings.extraSites.filter((p) => isMatchPattern(p) && p !== '<all_urls>').map(permissionPattern);
  if (settings.allSites === false && settings.extraSites.includes('<all_urls>')) wanted.push('*://*/*');
  return [...new Set(wanted)];
}

async function syncRegistration(): Promise<void> {
  const { settings } = await loadSettings();
  const permitted: string[] = [];
  for (const pattern of wantedPatterns(settings)) {
    if (await hasPermission(pattern)) permitted.push(pattern);
  }
  const ids = [EXTRA_SCRIPT_ID, EXTRA_PATHS_SCRIPT_ID];
  const existing = await browser.scripting.getRegisteredContentScripts({ ids }).catch(() => []);
  const before = new Set(existing.flatMap((script) => script.matches ?? []));
  if (existing.length > 0) await browser.scripting.unregisterContentScripts({ ids: existing.map((script) => script.id) });
  if (permitted.length === 0) return;
  type Script = Parameters<typeof browser.scripting.registerContentScripts>[0][number];
  const script = (id: string, matches: string[]): Script =>
    ({
      id,
      js: [GUARD_SCRIPT],
      matches,
      // The manifest's entry covers these already; the guard also refuses to start twice in one frame.
      excludeMatches: [...DEFAULT_SITES],
      allFrames: true,
      runAt: 'document_start',
      persistAcrossSessions: false,
    }) as Script;
  const whole = permitted.filter(isWholeSitePattern);
  const paths = permitted.filter((p) => !isWholeSitePattern(p));
  const scripts = [...(whole.length ? [script(EXTRA_SCRIPT_ID, whole)] : []), ...(paths.length ? [script(EXTRA_PATHS_SCRIPT_ID, paths)] : [])];
  // As the manifest's entry: the frames and popups a guarded page makes (about:blank, srcdoc, blob:, data:)
  // are guarded as that page. Chrome 119+ and Firefox 128+ take matchOriginAsFallback here; an older
  // browser refuses the whole registration, so it is made again without it.
  const withFallback = scripts.map((s) => (s.id === EXTRA_SCRIPT_ID ? ({ ...s, matchOriginAsFallback: true } as Script) : s));
  await browser.scripting.registerContentScripts(withFallback).catch(() => browser.scripting.registerContentScripts(scripts));
  // A site just added ("Guard this site") is guarded in its open tabs too, without a reload.
  await startInOpenTabs(permitted.filter((p) => !before.has(p)));
}

/** Starts the guard in the open tabs of newly guarded sites (it refuses to start twice in a frame). */
async function startInOpenTabs(patterns: readonly string[]): Promise<void> {
  for (const pattern of patterns) {
    const tabs = await browser.tabs.query({ url: pattern }).catch(() => []);
    for (const tab of tabs) {
      if (tab.id === undefined) continue;
      await browser.scripting.executeScript({ target: { tabId: tab.id, allFrames: true }, files: [`/${GUARD_SCRIPT}`] }).catch(() => {});
    }
  }
}

async function hasPermission(pattern: string): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: [pattern] });
  } catch {
    return false;
  }
}

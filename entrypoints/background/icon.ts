import { browser, type Browser } from 'wxt/browser';
import { loadSettings, watchSettings, type EffectiveSettings } from '../../utils/policy/store';
import { matchesPattern } from '../../utils/sites';

/** What the toolbar icon shows (the images are drawn by scripts/make-icons.mjs). */
export type IconState = 'guarding' | 'paused' | 'problem';

const PREFIX: Record<IconState, string> = { guarding: '', paused: 'paused-', problem: 'problem-' };

function iconPaths(state: IconState): Record<string, string> {
  const p = PREFIX[state];
  return { 16: `/icon/${p}16.png`, 32: `/icon/${p}32.png`, 48: `/icon/${p}48.png` };
}

/**
 * The icon for a tab: paused when the user paused KeyWard on its site; otherwise a policy problem
 * (the organisation's settings have errors) or, as usual, guarding.
 */
export function iconStateFor(url: string | undefined, effective: Pick<EffectiveSettings, 'settings' | 'errors'>): IconState {
  if (url && /^https?:/.test(url) && effective.settings.excludedSites.some((p) => matchesPattern(p, url))) return 'paused';
  return effective.errors.length > 0 ? 'problem' : 'guarding';
}

/** MV3 has `action`, Firefox MV2 `browserAction`; the same calls on both. */
function toolbarAction() {
  return browser.action ?? browser.browserAction;
}

async function setTabIcon(tab: Browser.tabs.Tab, effective: EffectiveSettings): Promise<void> {
  if (tab.id === undefined) return;
  await toolbarAction()
    .setIcon({ tabId: tab.id, path: iconPaths(iconStateFor(tab.url, effective)) })
    .catch(() => {}); // the tab closed meanwhile
}

/** Keeps the toolbar icon in step with the settings, per tab: set as a tab loads, and for every tab when settings change. */
export function startIcon(): void {
  let effective: Promise<EffectiveSettings> = loadSettings();
  const all = async () => {
    const current = await effective;
    await toolbarAction().setIcon({ path: iconPaths(current.errors.length > 0 ? 'problem' : 'guarding') });
    for (const tab of await browser.tabs.query({})) await setTabIcon(tab, current);
  };
  void all().catch(() => {});
  watchSettings((next) => {
    effective = Promise.resolve(next);
    void all().catch(() => {});
  });
  browser.tabs.onUpdated.addListener((_id, change, tab) => {
    // A navigation resets a tab's icon in Chrome: set it again once the new URL is known.
    if (change.url !== undefined || change.status === 'loading') void effective.then((e) => setTabIcon(tab, e));
  });
}

import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { showAlert } from '../../components/alert/show';
import { loadDetector } from '../../utils/detect/detector';
import { DESCRIPTORS } from '../../utils/detect/provider';
import { fingerprint } from '../../utils/detect/fingerprint';
import { redact } from '../../utils/detect/redact';
import { DEFAULTS } from '../../utils/policy/defaults';
import type { Settings } from '../../utils/policy/schema';
import { loadSettings, watchSettings, type EffectiveSettings } from '../../utils/policy/store';
import { startGuard } from '../../utils/guard';
import { standDownForNewer, startCopy } from '../../utils/guard/copies';
import { pageLocation } from '../../utils/guard/page-location';
import { fingerprintWithoutSubtle } from '../../utils/guard/sha256';
import { reportSighting } from '../../utils/inventory/client';
import { DEFAULT_SITES, isGuardedUrl } from '../../utils/sites';
import { t } from '../../utils/i18n';

export default defineContentScript({
  matches: [...DEFAULT_SITES],
  allFrames: true,
  matchAboutBlank: true,
  runAt: 'document_start',
  // No `ctx`: WXT's content script context is left out of this build (wxt.config.ts); the guard keeps
  // its own lifetime (utils/guard/copies.ts).
  main() {
    const life = startCopy(window);
    if (!life) return;

    // Until the stored settings arrive (a few ms), the defaults apply: a paste at load is still caught.
    // Never mutated: settings objects are replaced whole when they change.
    const defaults = DEFAULTS as unknown as Settings;
    let effective: EffectiveSettings = { settings: defaults, managed: [], errors: [], organization: {} };
    // Built on first use, not at page load (start-up cost), and again after a settings change, from the
    // spec the background compiled and checked with the settings.
    let detector: ReturnType<typeof loadDetector> | undefined;
    let active = true;
    let applied = false;

    // The page's mark for the guard's state once the settings are in, on the root element (a new one
    // after document.open()).
    const mark = () => {
      const root = applied ? document.documentElement : null;
      if (root) root.dataset.keywardGuard = active ? 'on' : 'paused';
    };
    const apply = (next: EffectiveSettings) => {
      applied = true;
      effective = next;
      detector = undefined;
      active = isGuardedUrl(pageLocation(window).href, next.settings);
      mark();
    };

    startGuard(
      window as Window & typeof globalThis,
      {
        findKeys: (text) => (detector ??= loadDetector(effective.detector)).findKeys(text),
        settings: () => effective,
        active: () => active,
        // crypto.subtle exists only in secure contexts; Chromium's data: frames are not one. Looked up
        // at the first key, not at page load (the first touch of `crypto` in this world costs).
        fingerprint: (key) => (globalThis.crypto?.subtle ? fingerprint : fingerprintWithoutSubtle)(key),
        redact,
        providerLabel,
        report: reportSighting,
        showAlert,
        signal: life.signal,
      },
      (signal) => {
        mark();
        standDownForNewer(window, life, () => !browser.runtime?.id, signal);
      },
    );

    // Settings are read right after this first run, not in it: the first use of the storage API costs
    // more than everything above (page-load budget: 2 ms). Until then the defaults apply.
    setTimeout(() => {
      if (life.signal.aborted) return;
      void loadSettings().then((s) => !life.signal.aborted && apply(s));
      const unwatch = watchSettings((s) => !life.signal.aborted && apply(s));
      life.signal.addEventListener('abort', () => {
        unwatch();
        if (document.documentElement) delete document.documentElement.dataset.keywardGuard;
      });
    }, 0);
  },
});

/** A provider's name for the alert, from the providers' descriptors. */
export function providerLabel(id: string): string {
  return id === 'custom' ? t('alert_customPattern') : (DESCRIPTORS.find((d) => d.id === id)?.label ?? id);
}

import { browser } from 'wxt/browser';
import { computeSettings } from '../../utils/policy/compute';
import { USER_SETTINGS_KEY } from '../../utils/policy/defaults';

/**
 * Keeps the cached settings (read by every content script, popup and options page through
 * utils/policy/store.ts) in step with the policy and the user's settings: computed at start, and again
 * whenever either changes, so a change reaches open tabs without a reload.
 *
 * Chromium fires storage.onChanged('managed') when an admin changes the policy (waking the service
 * worker). Firefox reads its managed-storage manifest (or policies.json) once per session and announces
 * nothing, so there a policy change applies when Firefox restarts.
 */
export function startPolicy(): void {
  void computeSettings();
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed' || ((area === 'local' || area === 'sync') && USER_SETTINGS_KEY in changes)) void computeSettings();
  });
}

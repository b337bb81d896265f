import { browser } from 'wxt/browser';
import type { CachedSettings, SaveResult } from './compute';
import { DEFAULTS, EFFECTIVE_SETTINGS_KEY, SETTINGS_VERSION } from './defaults';
import type { EffectiveSettings } from './locked';
import type { Settings } from './schema';

export type { EffectiveSettings, SettingError } from './locked';
export type { SaveResult } from './compute';
export { isLocked } from './locked';

/**
 * Settings for every context: content scripts, popup, options, background.
 *
 * Precedence is managed policy, then the user's settings, then defaults (merge.ts). The background
 * computes the result whenever the policy or the user's settings change (compute.ts, which loads zod)
 * and caches it in `storage.local`; this module only reads that cache, so the content script stays
 * small. Nothing here imports zod: keep it that way (content script budget, see GUARD-NOTES.md).
 */

function defaultsEffective(): EffectiveSettings {
  const settings = structuredClone(DEFAULTS) as unknown as Settings;
  return { settings, managed: [], errors: [], organization: {} };
}

function fromCache(entry: unknown): EffectiveSettings | undefined {
  const cached = entry as CachedSettings | undefined;
  if (!cached || cached.v !== SETTINGS_VERSION || typeof cached.effective?.settings !== 'object') return undefined;
  const e = cached.effective;
  // Fields missing from an older copy take their defaults rather than `undefined`.
  return { ...e, settings: { ...(structuredClone(DEFAULTS) as unknown as Settings), ...e.settings } };
}

/**
 * The settings in force. Never throws: until the background has computed them once (the first
 * moments after install), the defaults, which block.
 */
export async function loadSettings(): Promise<EffectiveSettings> {
  try {
    const stored = await browser.storage.local.get(EFFECTIVE_SETTINGS_KEY);
    return fromCache(stored[EFFECTIVE_SETTINGS_KEY]) ?? defaultsEffective();
  } catch {
    return defaultsEffective();
  }
}

/**
 * Calls `cb` with the new settings whenever the policy or the user's settings change, in any context,
 * open tabs included (no reload). Returns a function that stops watching.
 */
export function watchSettings(cb: (settings: EffectiveSettings) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local' || !(EFFECTIVE_SETTINGS_KEY in changes)) return;
    const next = fromCache(changes[EFFECTIVE_SETTINGS_KEY]!.newValue);
    if (next) cb(next);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

/**
 * Saves the user's changes; refused as a whole, with an error per field, when a field is invalid or
 * locked by policy. The validator is loaded on first use, so contexts that never save never load zod.
 */
export async function saveUserSettings(patch: Partial<Settings>): Promise<SaveResult> {
  const { saveUserSettingsNow } = await import('./compute');
  return saveUserSettingsNow(patch);
}

import { browser } from 'wxt/browser';
import { compileDetector } from '../detect/checked-detector';
import { checkCustomPattern } from '../detect/custom-check';
import type { DetectorSpec, ProviderId } from '../detect/types';
import { t } from '../i18n';
import { EFFECTIVE_SETTINGS_KEY, SETTINGS_VERSION, USER_SETTINGS_KEY } from './defaults';
import { POLICY_ONLY, type EffectiveSettings, type SettingError } from './locked';
import { mergeSettings } from './merge';
import type { Settings } from './schema';
import { validateSettings } from './validate';

/**
 * The full path: reads the managed policy and the user's settings, checks them field by field, merges
 * them and caches the result for content scripts. Loads zod, so the content script never imports it
 * (it reads the cache through store.ts).
 */

export type SaveResult = { ok: true; effective: EffectiveSettings } | { ok: false; errors: SettingError[] };

/** The cached copy, tagged with the settings version that wrote it. */
export interface CachedSettings {
  v: number;
  effective: EffectiveSettings;
}

/** The raw managed policy; `{}` when there is none (Firefox throws when no managed-storage manifest exists). */
export async function readManagedPolicy(): Promise<unknown> {
  try {
    return (await browser.storage.managed.get(null)) ?? {};
  } catch {
    return {};
  }
}

async function readUserSettings(): Promise<unknown> {
  const stored = await browser.storage.local.get(USER_SETTINGS_KEY);
  return stored[USER_SETTINGS_KEY] ?? {};
}

let latestComputation = 0;

/** Computes the settings in force now, from the policy and the user's settings, and refreshes the cache. */
export async function computeSettings(): Promise<EffectiveSettings> {
  const computation = ++latestComputation;
  // Chromium answers storage.managed.get only once it has loaded extension policy, which can take
  // seconds after start; meanwhile the cache keeps the last settings (or the defaults, which block)
  // and Chromium fires storage.onChanged('managed') when the policy arrives.
  const [managed, user] = await Promise.all([readManagedPolicy(), readUserSettings().catch(() => ({}))]);
  const merged = mergeSettings(validateSettings(user, 'user', checkCustomPattern), validateSettings(managed, 'policy', checkCustomPattern));
  const effective: EffectiveSettings = { ...merged, detector: detectorFor(merged.settings) };
  // A slow computation must not overwrite what a later one found.
  if (computation === latestComputation) await writeCache(effective);
  return effective;
}

/** The detector the settings call for: providers switched off and custom patterns, checked once, here. */
export function detectorFor(settings: Settings): DetectorSpec {
  const custom = settings.customPatterns.flatMap(({ name, pattern, flags }) => {
    try {
      return [{ name, pattern: new RegExp(pattern, flags) }];
    } catch {
      return []; // validateSettings has reported it
    }
  });
  return compileDetector({ providers: settings.providers as Partial<Record<ProviderId, boolean>>, custom }).spec;
}

/**
 * What content scripts, the popup and the options page may read: everything but the reporting token,
 * which only the background needs (it reads it from the policy itself, utils/reporting/config.ts).
 */
export function forCache(effective: EffectiveSettings): EffectiveSettings {
  const { token, ...reporting } = effective.settings.reporting;
  return token === undefined ? effective : { ...effective, settings: { ...effective.settings, reporting } };
}

async function writeCache(effective: EffectiveSettings): Promise<void> {
  const entry: CachedSettings = { v: SETTINGS_VERSION, effective: forCache(effective) };
  try {
    const current = (await browser.storage.local.get(EFFECTIVE_SETTINGS_KEY))[EFFECTIVE_SETTINGS_KEY];
    // Written only when different, so open tabs are not woken for nothing.
    if (JSON.stringify(current) !== JSON.stringify(entry)) await browser.storage.local.set({ [EFFECTIVE_SETTINGS_KEY]: entry });
  } catch {
    // Storage unavailable (e.g. the extension is being updated): the next computation writes it.
  }
}

/**
 * Saves the user's changes. Refused as a whole (nothing saved) when any field is invalid, locked by
 * policy, or when the policy forbids users to change settings; each error names the field.
 */
export async function saveUserSettingsNow(patch: Partial<Settings>): Promise<SaveResult> {
  const current = await computeSettings();
  const checked = validateSettings(patch, 'user', checkCustomPattern);
  const errors = [...checked.errors];
  const org = current.organization.name ?? t('yourOrganisation');
  if (!current.settings.userMayChange) {
    errors.push({ field: '(all)', message: t('setting_orgForbids', org) });
  } else {
    for (const path of checked.set) {
      if (POLICY_ONLY.includes(path.split('.')[0]!)) {
        errors.push({ field: path, message: t('setting_policyOnly') });
      } else if (current.managed.includes(path) && path !== 'actions' && path !== 'retention') {
        errors.push({ field: path, message: t('setting_setByOrg', org) });
      }
    }
  }
  if (errors.length > 0) return { ok: false, errors };

  const stored = validateSettings(await readUserSettings(), 'user').values as Record<string, unknown>;
  for (const [key, value] of Object.entries(checked.values)) {
    stored[key] = key === 'actions' || key === 'retention' ? { ...(stored[key] as object), ...(value as object) } : value;
  }
  await browser.storage.local.set({ [USER_SETTINGS_KEY]: stored });
  return { ok: true, effective: await computeSettings() };
}

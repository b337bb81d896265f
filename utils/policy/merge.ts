import { DEFAULT_SETTINGS, SETTING_KEYS, type SettingKey, type Settings } from './schema';
import { POLICY_ONLY, type EffectiveSettings } from './locked';
import type { ValidatedSettings } from './validate';

export type { EffectiveSettings } from './locked';

/** Object settings whose sub-fields are set (and locked) one by one. */
const NESTED = new Set<SettingKey>(['actions', 'retention', 'organization', 'reporting']);

/**
 * Precedence: managed policy, then the user's settings, then defaults. A field the policy sets is
 * not user-editable; when the policy sets `userMayChange: false`, no user setting applies.
 */
export function mergeSettings(user: ValidatedSettings, managed: ValidatedSettings): EffectiveSettings {
  const userMayChange = managed.values.userMayChange ?? DEFAULT_SETTINGS.userMayChange;
  const settings = structuredClone(DEFAULT_SETTINGS) as Record<SettingKey, unknown>;
  for (const key of SETTING_KEYS) {
    const userValue = userMayChange && !POLICY_ONLY.includes(key) ? user.values[key] : undefined;
    const managedValue = managed.values[key];
    if (NESTED.has(key)) {
      const merged: Record<string, unknown> = { ...(settings[key] as object) };
      for (const [sub, v] of Object.entries((userValue as object | undefined) ?? {})) {
        if (!managed.set.includes(`${key}.${sub}`)) merged[sub] = v;
      }
      Object.assign(merged, managedValue ?? {});
      settings[key] = merged;
    } else if (managedValue !== undefined) settings[key] = managedValue;
    else if (userValue !== undefined) settings[key] = userValue;
  }
  const result = settings as Settings;
  return {
    settings: result,
    managed: [...new Set(managed.set)],
    errors: managed.errors,
    organization: { ...result.organization },
  };
}

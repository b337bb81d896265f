import type { DetectorSpec } from '../detect/types';
import type { Settings } from './schema';

/** One problem with a policy or a user setting: which field, and why, in words an admin can act on. */
export interface SettingError {
  /** A dotted path, e.g. `actions.paste`, `customPatterns[2]`, `allowlist`. */
  field: string;
  message: string;
}

/** The settings in force, with what the policy locks and what was wrong with it. */
export interface EffectiveSettings {
  settings: Settings;
  /**
   * Settings locked by policy: top-level keys (e.g. `'actions'`) and, inside the object settings,
   * the sub-fields the policy sets (e.g. `'actions.paste'`). Prefer {@link isLocked} to reading it.
   */
  managed: string[];
  /** Problems with the managed policy, each naming the field and why; each such field fell back (validate.ts). */
  errors: SettingError[];
  organization: { name?: string; helpUrl?: string };
  /** The detector these settings call for, compiled and checked by the background (absent until it has). */
  detector?: DetectorSpec;
}

/** Settings only a policy can set: a user naming their own organisation means nothing. */
export const POLICY_ONLY: readonly string[] = ['organization', 'userMayChange', 'reporting'];

/**
 * Whether a setting is locked for the user. `path` is a top-level key or a dotted sub-field
 * (`'actions.paste'`). A top-level object key counts as locked when the policy sets any of its
 * sub-fields; everything is locked when the policy sets `userMayChange: false`.
 */
export function isLocked(effective: Pick<EffectiveSettings, 'managed' | 'settings'>, path: string): boolean {
  if (!effective.settings.userMayChange) return true;
  if (POLICY_ONLY.includes(path.split('.')[0]!)) return true;
  if (effective.managed.includes(path)) return true;
  return !path.includes('.') && effective.managed.some((m) => m.startsWith(`${path}.`));
}

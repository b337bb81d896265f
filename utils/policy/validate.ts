import * as z from 'zod/mini';
import {
  CustomPatternSchema,
  DEFAULT_SETTINGS,
  EVENT_KINDS,
  LIMITS,
  NamedKeySchema,
  SETTING_KEYS,
  SettingsSchema,
  type CustomPatternSetting,
  type NamedKey,
  type SettingKey,
  type Settings,
} from './schema';

import { checkMatchPattern, checkOrigin } from '../sites';
import type { SettingError } from './locked';

export type { SettingError } from './locked';

/** Checks a custom pattern's source and flags; supplied by the engine (`checkCustomPattern`). */
export type PatternCheck = (source: string, flags?: string) => { ok: true; pattern: RegExp } | { ok: false; reason: string };

/**
 * What one settings object (a managed policy, or what a user saved) amounts to once checked field by field.
 * `values` holds only the fields the object set; a bad field holds its fallback (see {@link validateSettings}).
 */
export interface ValidatedSettings {
  values: Partial<Settings>;
  /** Paths the object set, valid or not: top-level keys, plus `actions.paste`-style paths inside objects. */
  set: string[];
  errors: SettingError[];
}

/**
 * How a bad field is treated.
 * - `policy`: the field falls back to its most protective valid value and stays set (so still locked):
 *   an action → `block`; `allowInsertAnyway` → false; `requireJustification` → true; `allSites` → true;
 *   `userMayChange` → false; a bad list entry (site, fingerprint, custom pattern, provider switch) is dropped;
 *   a list over its limit is truncated for lists that add protection (`extraSites`, `customPatterns`) and
 *   dropped whole for lists that loosen it (`excludedSites`, `allowlist`); retention → its default;
 *   a bad organisation name or help link → not shown.
 * - `user`: the same checks, but a bad field is simply left out (the default, or the policy, applies).
 */
export type Mode = 'policy' | 'user';

const PROTECTIVE_BOOLEANS: Partial<Record<SettingKey, boolean>> = {
  allowInsertAnyway: false,
  requireJustification: true,
  allSites: true,
  userMayChange: false,
};

/** Lists that widen what is guarded: over the limit, keep the first entries. Others are dropped whole. */
const TRUNCATE_WHEN_OVERSIZED = new Set<SettingKey>(['extraSites', 'customPatterns']);

const LIST_LIMITS: Partial<Record<SettingKey, number>> = {
  extraSites: LIMITS.sites,
  excludedSites: LIMITS.sites,
  allowlist: LIMITS.allowlist,
  namedKeys: LIMITS.namedKeys,
  customPatterns: LIMITS.customPatterns,
};

/** A short name for the type of a value, as JSON would call it. */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  return `${typeof value} ${String(value)}`;
}

/** Words for the first problem zod found. zod/mini ships no messages, so they are written here. */
function explain(error: z.core.$ZodError, value: unknown): string {
  const issue = error.issues[0];
  if (!issue) return 'is not valid';
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'int' ? `must be a whole number, not ${typeName(value)}` : `must be ${article(issue.expected)}, not ${typeName(value)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, not ${typeName(value)}`;
    case 'too_big':
      return issue.origin === 'string' ? `must be at most ${issue.maximum} characters` : `must be at most ${issue.maximum}`;
    case 'too_small':
      return issue.origin === 'string'
        ? issue.minimum === 1
          ? 'must not be empty'
          : `must be at least ${issue.minimum} characters`
        : `must be at least ${issue.minimum}`;
    case 'invalid_format':
      return 'pattern' in issue && issue.pattern ? `does not have the expected form (${issue.pattern})` : 'does not have the expected form';
    default:
      return 'is not valid';
  }
}

function article(expected: string): string {
  if (expected === 'boolean') return 'true or false';
  if (expected === 'array') return 'a list';
  if (expected === 'object' || expected === 'record') return 'an object';
  if (expected === 'string') return 'text';
  return `a ${expected}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const PROVIDER_ID = /^[a-z0-9-]{1,40}$/;

/** Hosts that may receive reports over plain http: this machine only. */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Why a reporting URL is refused, or undefined when it is fine. */
export function checkReportingUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not a URL like "https://siem.example.com/keyward"';
  }
  if (parsed.username || parsed.password) return 'must not carry a user name or password (use reporting.token)';
  if (parsed.protocol === 'https:') return undefined;
  if (parsed.protocol === 'http:') return LOOPBACK.has(parsed.hostname) ? undefined : 'must use https (http only for localhost and 127.0.0.1)';
  return `must be an https URL, not ${parsed.protocol}`;
}

/**
 * The reporting fields together: a bad URL, or any bad reporting field, keeps reporting off (the URL
 * is dropped), so events never go somewhere the admin did not mean, in a form the receiver cannot read.
 */
function checkReporting(out: Record<string, unknown>, errors: SettingError[], fail: (field: string, message: string) => void): void {
  if (typeof out.url === 'string') {
    const problem = checkReportingUrl(out.url);
    if (problem) {
      fail('reporting.url', problem);
      delete out.url;
    }
  }
  const bad = errors.filter((e) => e.field.startsWith('reporting.'));
  if (bad.length === 0) return;
  for (const e of bad) if (!e.message.endsWith('reporting stays off')) e.message += '; reporting stays off';
  delete out.url;
}

/**
 * Checks a settings object field by field, so one bad field never sinks the rest.
 * Unknown fields are reported and ignored.
 */
export function validateSettings(raw: unknown, mode: Mode, checkPattern?: PatternCheck): ValidatedSettings {
  const result: ValidatedSettings = { values: {}, set: [], errors: [] };
  if (raw === undefined || raw === null) return result;
  if (!isPlainObject(raw)) {
    result.errors.push({ field: '(policy)', message: `must be an object of settings, not ${typeName(raw)}` });
    return result;
  }
  const values = result.values as Record<string, unknown>;
  const fail = (field: string, message: string) => result.errors.push({ field, message });

  for (const [key, value] of Object.entries(raw)) {
    if (!(SETTING_KEYS as string[]).includes(key)) {
      fail(key, 'is not a KeyWard setting; ignored');
      continue;
    }
    const k = key as SettingKey;
    if (value === undefined) continue;
    result.set.push(k);

    switch (k) {
      case 'actions':
      case 'retention':
      case 'organization':
      case 'reporting': {
        if (!isPlainObject(value)) {
          fail(k, `must be an object, not ${typeName(value)}`);
          if (mode === 'policy') {
            // Locked as a whole, at its most protective: every action blocks, retention keeps its default.
            if (k === 'actions') values.actions = Object.fromEntries(EVENT_KINDS.map((e) => [e, 'block']));
            if (k === 'retention') values.retention = { ...DEFAULT_SETTINGS.retention };
            if (k === 'actions' || k === 'retention') for (const sub of Object.keys(DEFAULT_SETTINGS[k])) result.set.push(`${k}.${sub}`);
          }
          break;
        }
        const inner = SettingsSchema.shape[k];
        const shape = (inner as unknown as { def: { innerType: z.ZodMiniObject } }).def.innerType.shape as Record<string, z.ZodMiniType>;
        const out: Record<string, unknown> = {};
        for (const [sub, subValue] of Object.entries(value)) {
          const path = `${k}.${sub}`;
          const schema = shape[sub];
          if (!schema) {
            fail(path, `is not a KeyWard setting; ignored${k === 'actions' ? ` (event kinds: ${EVENT_KINDS.join(', ')})` : ''}`);
            continue;
          }
          if (subValue === undefined) continue;
          result.set.push(path);
          const parsed = schema.safeParse(subValue);
          if (parsed.success) out[sub] = parsed.data;
          else {
            fail(path, explain(parsed.error, subValue));
            if (mode === 'policy' && k === 'actions') out[sub] = 'block';
            else if (mode === 'policy' && k === 'retention') out[sub] = (DEFAULT_SETTINGS.retention as Record<string, unknown>)[sub];
          }
        }
        if (k === 'reporting') checkReporting(out, result.errors, fail);
        values[k] = out;
        break;
      }
      case 'providers': {
        if (!isPlainObject(value)) {
          fail(k, `must be an object of provider ids to true or false, not ${typeName(value)}`);
          if (mode === 'policy') values[k] = {};
          break;
        }
        const out: Record<string, boolean> = {};
        for (const [id, on] of Object.entries(value)) {
          if (!PROVIDER_ID.test(id)) fail(`${k}.${id}`, 'is not a provider id; ignored');
          else if (typeof on !== 'boolean') fail(`${k}.${id}`, `must be true or false, not ${typeName(on)}; the provider stays on`);
          else out[id] = on;
        }
        values[k] = out;
        break;
      }
      case 'extraSites':
      case 'excludedSites':
      case 'allowlist':
      case 'namedKeys':
      case 'customPatterns': {
        if (!Array.isArray(value)) {
          fail(k, `must be a list, not ${typeName(value)}`);
          if (mode === 'policy') values[k] = [];
          break;
        }
        const limit = LIST_LIMITS[k]!;
        let list: unknown[] = value;
        if (list.length > limit) {
          if (TRUNCATE_WHEN_OVERSIZED.has(k) && mode === 'policy') {
            fail(k, `has ${list.length} entries, more than the ${limit} allowed; only the first ${limit} apply`);
            list = list.slice(0, limit);
          } else {
            fail(k, `has ${list.length} entries, more than the ${limit} allowed; the whole list is ignored`);
            if (mode === 'policy') values[k] = [];
            break;
          }
        }
        values[k] = list.flatMap((entry, i) => {
          const message = checkEntry(k, entry, checkPattern);
          if (message) {
            fail(`${k}[${i}]`, `${message}; this entry is ignored`);
            return [];
          }
          if (k === 'customPatterns') return [normalisePattern(entry as CustomPatternSetting)];
          if (k === 'namedKeys') return [normaliseNamedKey(entry as NamedKey)];
          return [entry];
        });
        break;
      }
      default: {
        const parsed = SettingsSchema.shape[k].safeParse(value);
        if (parsed.success) values[k] = parsed.data;
        else {
          fail(k, explain(parsed.error, value));
          if (mode === 'policy' && k in PROTECTIVE_BOOLEANS) values[k] = PROTECTIVE_BOOLEANS[k];
        }
      }
    }
  }
  return result;
}

function normalisePattern(p: CustomPatternSetting): CustomPatternSetting {
  return p.flags ? { name: p.name, pattern: p.pattern, flags: p.flags } : { name: p.name, pattern: p.pattern };
}

/** Words for the first problem in a list entry that is an object, naming its field. */
function explainEntry(error: z.core.$ZodError, entry: unknown): string {
  const issue = error.issues[0];
  const where = issue?.path.length ? `${String(issue.path[0])} ` : '';
  const value = isPlainObject(entry) && issue?.path.length ? entry[String(issue.path[0])] : entry;
  return `${where}${explain(error, value)}`;
}

function normaliseNamedKey(k: NamedKey): NamedKey {
  return { fingerprint: k.fingerprint, name: k.name, sites: k.sites };
}

/** Why one list entry is refused, or undefined when it is fine. */
function checkEntry(list: SettingKey, entry: unknown, checkPattern?: PatternCheck): string | undefined {
  switch (list) {
    case 'extraSites':
    case 'excludedSites':
      if (typeof entry !== 'string') return `must be a match pattern text, not ${typeName(entry)}`;
      if (entry.length > LIMITS.siteLength) return `is longer than ${LIMITS.siteLength} characters`;
      return checkMatchPattern(entry);
    case 'allowlist':
      if (typeof entry !== 'string' || !/^[0-9a-f]{16}$/.test(entry))
        return `must be a fingerprint of 16 lowercase hex digits (as the inventory shows it), not ${typeName(entry)}`;
      return undefined;
    case 'namedKeys': {
      const parsed = NamedKeySchema.safeParse(entry);
      if (!parsed.success) return explainEntry(parsed.error, entry);
      for (const site of parsed.data.sites) {
        const problem = checkOrigin(site);
        if (problem) return `sites: ${problem}`;
      }
      return undefined;
    }
    case 'customPatterns': {
      const parsed = CustomPatternSchema.safeParse(entry);
      if (!parsed.success) return explainEntry(parsed.error, entry);
      if (checkPattern) {
        const checked = checkPattern(parsed.data.pattern, parsed.data.flags);
        if (!checked.ok) return `pattern ${JSON.stringify(parsed.data.name)} is refused: ${checked.reason}`;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}


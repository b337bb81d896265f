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

import { t, type MessageKey } from '../i18n';
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
 *   Its errors are shown only when a save is refused (nothing saved), so a bad entry's error says what
 *   is wrong with it and not that it is ignored.
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
  if (Array.isArray(value)) return t('setting_aList');
  if (typeof value === 'object') return t('setting_anObject');
  if (typeof value === 'string') return t('setting_theText', JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value));
  return t(typeof value === 'number' ? 'setting_theNumber' : typeof value === 'boolean' ? 'setting_theBoolean' : 'setting_theValue', String(value));
}

/** Words for the first problem zod found. zod/mini ships no messages, so they are written here. */
function explain(error: z.core.$ZodError, value: unknown): string {
  const issue = error.issues[0];
  if (!issue) return t('setting_invalid');
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'int' ? t('setting_wholeNumber', typeName(value)) : t('setting_mustBe', article(issue.expected), typeName(value));
    case 'invalid_value':
      return t('setting_oneOf', issue.values.map((v) => JSON.stringify(v)).join(', '), typeName(value));
    case 'too_big':
      return t(issue.origin === 'string' ? 'setting_maxLength' : 'setting_max', String(issue.maximum));
    case 'too_small':
      if (issue.origin === 'string') return issue.minimum === 1 ? t('setting_notEmpty') : t('setting_minLength', String(issue.minimum));
      return t('setting_min', String(issue.minimum));
    case 'invalid_format':
      return 'pattern' in issue && issue.pattern ? t('setting_formOf', String(issue.pattern)) : t('setting_form');
    default:
      return t('setting_invalid');
  }
}

const ARTICLES: Record<string, MessageKey> = {
  boolean: 'setting_trueOrFalse',
  array: 'setting_aList',
  object: 'setting_anObject',
  record: 'setting_anObject',
  string: 'setting_text',
  number: 'setting_aNumber',
};

function article(expected: string): string {
  const key = ARTICLES[expected];
  return key ? t(key) : t('setting_aValueOf', expected);
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
    return t('setting_urlNotUrl');
  }
  if (parsed.username || parsed.password) return t('setting_urlCredentials');
  if (parsed.protocol === 'https:') return undefined;
  if (parsed.protocol === 'http:') return LOOPBACK.has(parsed.hostname) ? undefined : t('setting_urlHttp');
  return t('setting_urlScheme', parsed.protocol);
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
  for (const e of bad) e.message = t('setting_reportingStaysOff', e.message);
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
    result.errors.push({ field: '(policy)', message: t('setting_notSettings', typeName(raw)) });
    return result;
  }
  const values = result.values as Record<string, unknown>;
  const fail = (field: string, message: string) => result.errors.push({ field, message });

  for (const [key, value] of Object.entries(raw)) {
    if (!(SETTING_KEYS as string[]).includes(key)) {
      fail(key, t('setting_unknown'));
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
          fail(k, t('setting_mustBe', t('setting_anObject'), typeName(value)));
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
            fail(path, k === 'actions' ? t('setting_unknownEvent', EVENT_KINDS.join(', ')) : t('setting_unknown'));
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
          fail(k, t('setting_notProviders', typeName(value)));
          if (mode === 'policy') values[k] = {};
          break;
        }
        const out: Record<string, boolean> = {};
        for (const [id, on] of Object.entries(value)) {
          if (!PROVIDER_ID.test(id)) fail(`${k}.${id}`, t('setting_notProvider'));
          else if (typeof on !== 'boolean') fail(`${k}.${id}`, t('setting_providerStaysOn', typeName(on)));
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
          fail(k, t('setting_mustBe', t('setting_aList'), typeName(value)));
          if (mode === 'policy') values[k] = [];
          break;
        }
        const limit = LIST_LIMITS[k]!;
        let list: unknown[] = value;
        if (list.length > limit) {
          if (TRUNCATE_WHEN_OVERSIZED.has(k) && mode === 'policy') {
            fail(k, t('setting_listTruncated', list.length, limit));
            list = list.slice(0, limit);
          } else {
            fail(k, t('setting_listIgnored', list.length, limit));
            if (mode === 'policy') values[k] = [];
            break;
          }
        }
        values[k] = list.flatMap((entry, i) => {
          const message = checkEntry(k, entry, checkPattern);
          if (message) {
            fail(`${k}[${i}]`, mode === 'policy' ? t('setting_entryIgnored', message) : message);
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
      if (typeof entry !== 'string') return t('setting_notPatternText', typeName(entry));
      if (entry.length > LIMITS.siteLength) return t('setting_longerThan', LIMITS.siteLength);
      return checkMatchPattern(entry);
    case 'allowlist':
      if (typeof entry !== 'string' || !/^[0-9a-f]{16}$/.test(entry))
        return t('setting_notFingerprint', typeName(entry));
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
        if (!checked.ok) return t('setting_patternRefused', JSON.stringify(parsed.data.name), checked.reason);
      }
      return undefined;
    }
    default:
      return undefined;
  }
}


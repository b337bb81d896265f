import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { DEFAULTS } from '../../utils/policy/defaults';
import { managedStorageSchema, managedStorageSchemaText } from '../../utils/policy/managed-schema';
import { DEFAULT_SETTINGS, SETTING_KEYS, SettingsSchema } from '../../utils/policy/schema';

type Json = Record<string, any>;
const zodJson = z.toJSONSchema(SettingsSchema, { io: 'input' }) as Json;

describe('the settings schema', () => {
  it('defaults are the plain defaults the content script starts from', () => {
    expect(DEFAULT_SETTINGS).toEqual(DEFAULTS);
    expect(SettingsSchema.parse({})).toEqual(DEFAULTS);
  });

  it('defaults are fresh objects, so one caller changing them cannot change another caller', () => {
    const a = SettingsSchema.parse({});
    a.extraSites.push('https://x.example/*');
    a.actions.paste = 'off';
    expect(SettingsSchema.parse({}).extraSites).toEqual([]);
    expect(SettingsSchema.parse({}).actions.paste).toBe('block');
  });

  it('every setting and sub-setting has a description for admins', () => {
    const walk = (schema: Json, path: string) => {
      expect(schema.description, path).toMatch(/\w{3,}/);
      for (const [k, v] of Object.entries<Json>(schema.properties ?? {})) walk(v, `${path}.${k}`);
      if (schema.items?.properties) for (const [k, v] of Object.entries<Json>(schema.items.properties)) walk(v, `${path}[].${k}`);
    };
    for (const key of SETTING_KEYS) walk(zodJson.properties[key], key);
  });

  it('accepts a full valid policy and rejects an unknown action', () => {
    expect(SettingsSchema.safeParse({ actions: { paste: 'redact' }, customPatterns: [{ name: 'n', pattern: 'x_[0-9]{8}', flags: 'i' }] }).success).toBe(true);
    expect(SettingsSchema.safeParse({ actions: { paste: 'explode' } }).success).toBe(false);
  });
});

/** Chrome's policy schema parser refuses the extension when a schema uses a keyword it does not know. */
const CHROME_KEYWORDS = ['type', 'title', 'description', 'properties', 'additionalProperties', 'items', 'id', '$ref', 'enum', 'pattern', 'minimum', 'maximum'];
const CHROME_TYPES = ['object', 'array', 'string', 'integer', 'number', 'boolean'];

describe('managed_schema.json (Chrome)', () => {
  const chrome = managedStorageSchema() as Json;

  it('follows Chrome\'s rules: a top-level object without additionalProperties, one type per schema, known keywords only', () => {
    expect(chrome.type).toBe('object');
    expect(chrome).not.toHaveProperty('additionalProperties');
    const walk = (schema: Json, path: string) => {
      for (const key of Object.keys(schema)) expect(CHROME_KEYWORDS, `${path}: ${key}`).toContain(key);
      expect(CHROME_TYPES, path).toContain(schema.type);
      for (const [k, v] of Object.entries<Json>(schema.properties ?? {})) walk(v, `${path}.${k}`);
      if (schema.items) walk(schema.items, `${path}[]`);
      if (typeof schema.additionalProperties === 'object') walk(schema.additionalProperties, `${path}{}`);
    };
    walk(chrome, '(root)');
  });

  it('agrees with the zod schema: same settings, same nesting, same types, same descriptions', () => {
    const compare = (fromZod: Json, fromChrome: Json, path: string) => {
      expect(fromChrome.type, path).toBe(fromZod.type);
      if (fromZod.description) expect(fromChrome.description, path).toContain(fromZod.description);
      expect(Object.keys(fromChrome.properties ?? {}), path).toEqual(Object.keys(fromZod.properties ?? {}));
      for (const k of Object.keys(fromZod.properties ?? {})) compare(fromZod.properties[k], fromChrome.properties[k], `${path}.${k}`);
      if (fromZod.items) compare(fromZod.items, fromChrome.items, `${path}[]`);
      if (typeof fromZod.additionalProperties === 'object') compare(fromZod.additionalProperties, fromChrome.additionalProperties, `${path}{}`);
    };
    compare({ ...zodJson, description: undefined }, chrome, '(root)');
    expect(Object.keys(chrome.properties)).toEqual(SETTING_KEYS);
  });

  it('names each default and each allowed action in the description admins see in chrome://policy', () => {
    expect(chrome.properties.actions.properties.typing.description).toMatch(/Default: "warn"\. One of: block, warn, redact, off\./);
    expect(chrome.properties.allowInsertAnyway.description).toMatch(/Default: true\./);
  });

  it('is emitted into Chrome builds only, and the Chrome manifest declares it', async () => {
    const config = (await import('../../wxt.config')).default as Json;
    const emitted = (browser: string) => {
      const files: Json[] = [];
      config.hooks['build:publicAssets']({ config: { browser } }, files);
      return files;
    };
    expect(emitted('chrome')).toEqual([{ relativeDest: 'managed_schema.json', contents: managedStorageSchemaText() }]);
    expect(emitted('firefox')).toEqual([]);
    expect(config.manifest({ browser: 'chrome' }).storage).toEqual({ managed_schema: 'managed_schema.json' });
    expect(config.manifest({ browser: 'firefox' })).not.toHaveProperty('storage');
  });
});

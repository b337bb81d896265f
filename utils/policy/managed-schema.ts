import * as z from 'zod/mini';
import { SettingsSchema } from './schema';

/**
 * The keywords Chrome's policy schema parser accepts (a subset of JSON Schema draft 3); anything
 * else makes Chrome refuse to load the extension. Deliberately left out even where Chrome knows them:
 * `enum`, `pattern`, `minimum`/`maximum` and length limits. Chrome drops a policy value that breaks
 * its schema before KeyWard can see it, so the admin would get no error in the popup and the field would
 * silently fall back to the user's value. KeyWard checks those itself, reports them, and falls back to
 * the most protective value (utils/policy/validate.ts). Types stay: Chrome requires one per schema.
 */
const CHROME_KEYWORDS = new Set(['type', 'title', 'description', 'properties', 'additionalProperties', 'items']);

type JsonSchema = { [key: string]: unknown };

function toChromeDialect(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (!CHROME_KEYWORDS.has(key)) continue;
    if (key === 'properties') {
      out.properties = Object.fromEntries(Object.entries(value as Record<string, JsonSchema>).map(([k, v]) => [k, toChromeDialect(v)]));
    } else if (key === 'items' || (key === 'additionalProperties' && typeof value === 'object')) {
      out[key] = toChromeDialect(value as JsonSchema);
    } else if (key === 'additionalProperties') {
      continue; // `false` from zod's strict objects: Chrome forbids it at the top level and KeyWard reports unknown keys itself.
    } else out[key] = value;
  }
  // Chrome shows a default nowhere, so it goes into the description admins read in chrome://policy.
  if ('default' in schema && typeof out.description === 'string' && out.type !== 'object') {
    out.description = `${out.description} Default: ${JSON.stringify(schema.default)}.`;
  }
  if (Array.isArray(schema.enum) && typeof out.description === 'string') {
    out.description = `${out.description} One of: ${schema.enum.join(', ')}.`;
  }
  return out;
}

/** The Chrome managed-storage schema (`managed_schema.json`), generated from {@link SettingsSchema}. */
export function managedStorageSchema(): JsonSchema {
  const json = z.toJSONSchema(SettingsSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const chrome = toChromeDialect(json);
  return {
    type: 'object',
    title: 'KeyWard policy',
    description: 'Team policy for KeyWard. Each setting set here is locked for users. See docs/admin.md.',
    properties: chrome.properties,
  };
}

/** The file's text, as the build writes it. */
export function managedStorageSchemaText(): string {
  return `${JSON.stringify(managedStorageSchema(), null, 2)}\n`;
}

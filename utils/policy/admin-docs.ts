import * as z from 'zod/mini';
import { SettingsSchema, type Settings } from './schema';

/**
 * The generated parts of docs/admin.md: the settings table (from the schema) and every deployment
 * example (from one example policy). tests/unit/policy-docs.test.ts fails when the document differs,
 * and rewrites it with `UPDATE_ADMIN_DOCS=1`.
 */

export const CHROME_ID = 'nljhdllblphjniflnbmekkdpdhfgdped';
export const GECKO_ID = 'keyward@keyward.dev';

/** The policy every example deploys. */
export const EXAMPLE_POLICY = {
  actions: { paste: 'block', drop: 'block', typing: 'warn', submit: 'block', upload: 'block' },
  allowInsertAnyway: true,
  requireJustification: true,
  extraSites: ['https://chat.internal.example.com/*'],
  providers: { stripe: false },
  allowlist: ['0123456789abcdef'],
  customPatterns: [{ name: 'Example Corp service token', pattern: 'excorp_[A-Za-z0-9]{32}' }],
  retention: { maxAgeDays: 180 },
  organization: { name: 'Example Corp', helpUrl: 'https://intranet.example.com/security/api-keys' },
  userMayChange: true,
} satisfies z.input<typeof SettingsSchema>;

type Json = { [key: string]: any };

function typeOf(schema: Json): string {
  if (schema.type === 'array') return `list of ${schema.items.type === 'object' ? 'objects' : `${schema.items.type}s`}`;
  if (schema.type === 'object' && schema.additionalProperties) return `object of ${schema.additionalProperties.type}s`;
  if (schema.enum) return schema.enum.map((v: string) => `\`${v}\``).join(' | ');
  return schema.type;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const defaultOf = (schema: Json) => ('default' in schema ? `\`${JSON.stringify(schema.default)}\`` : '—');

/** The settings reference: every setting and sub-setting, its type, default and description. */
export function settingsTable(): string {
  const json = z.toJSONSchema(SettingsSchema, { io: 'input' }) as Json;
  const rows = ['| Setting | Type | Default | Description |', '| --- | --- | --- | --- |'];
  for (const [key, schema] of Object.entries<Json>(json.properties)) {
    const nested = schema.type === 'object' && schema.properties;
    rows.push(`| \`${key}\` | ${nested ? 'object' : cell(typeOf(schema))} | ${nested ? '' : cell(defaultOf(schema))} | ${cell(schema.description)} |`);
    for (const [sub, s] of Object.entries<Json>(nested ? schema.properties : schema.items?.properties ?? {})) {
      const path = nested ? `${key}.${sub}` : `${key}[].${sub}`;
      rows.push(`| \`${path}\` | ${cell(typeOf(s))} | ${cell(defaultOf(s))} | ${cell(s.description ?? '')} |`);
    }
  }
  return rows.join('\n');
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

/** Chromium, Chrome and Edge on Linux: a file in the managed policy directory. */
export function chromePolicyFile(policy: Json = EXAMPLE_POLICY): string {
  return json({
    ExtensionSettings: {
      [CHROME_ID]: { installation_mode: 'force_installed', update_url: 'https://clients2.google.com/service/update2/crx' },
    },
    '3rdparty': { extensions: { [CHROME_ID]: policy } },
  });
}

/** The Google Admin console's "Policy for extensions" box: each setting wrapped in `{"Value": …}`. */
export function adminConsoleJson(policy: Json = EXAMPLE_POLICY): string {
  return json(Object.fromEntries(Object.entries(policy).map(([k, v]) => [k, { Value: v }])));
}

/**
 * Windows registry: booleans and integers as DWORDs, text as strings, lists and objects as JSON text
 * (Chrome parses a string value as JSON where its schema expects a list or an object).
 */
export function windowsReg(policy: Json = EXAMPLE_POLICY, vendorKey = 'Google\\Chrome'): string {
  const lines = ['Windows Registry Editor Version 5.00', '', `[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\${vendorKey}\\3rdparty\\extensions\\${CHROME_ID}\\policy]`];
  const regString = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  for (const [key, value] of Object.entries(policy)) {
    if (typeof value === 'boolean') lines.push(`"${key}"=dword:${value ? '00000001' : '00000000'}`);
    else if (typeof value === 'number') lines.push(`"${key}"=dword:${value.toString(16).padStart(8, '0')}`);
    else if (typeof value === 'string') lines.push(`"${key}"=${regString(value)}`);
    else lines.push(`"${key}"=${regString(JSON.stringify(value))}`);
  }
  lines.push('', `[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\${vendorKey}\\ExtensionInstallForcelist]`);
  lines.push(`"1"="${CHROME_ID};https://clients2.google.com/service/update2/crx"`);
  return lines.join('\n');
}

function plist(value: unknown, indent: string): string {
  const inner = `${indent}  `;
  if (typeof value === 'boolean') return `${indent}<${value}/>`;
  if (typeof value === 'number') return `${indent}<integer>${value}</integer>`;
  if (typeof value === 'string') return `${indent}<string>${value.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</string>`;
  if (Array.isArray(value)) return [`${indent}<array>`, ...value.map((v) => plist(v, inner)), `${indent}</array>`].join('\n');
  const entries = Object.entries(value as Json).flatMap(([k, v]) => [`${inner}<key>${k}</key>`, plist(v, inner)]);
  return [`${indent}<dict>`, ...entries, `${indent}</dict>`].join('\n');
}

/** macOS: a configuration profile whose payload type names the extension. */
export function mobileconfig(policy: Json = EXAMPLE_POLICY): string {
  const payload = {
    PayloadType: `com.google.Chrome.extensions.${CHROME_ID}`,
    PayloadIdentifier: `com.example.keyward.policy`,
    PayloadUUID: '6f1b8c1e-3c55-4d5e-9b8e-2a1d6c0f4b10',
    PayloadVersion: 1,
    PayloadDisplayName: 'KeyWard policy',
    ...policy,
  };
  const profile = {
    PayloadContent: [payload],
    PayloadDisplayName: 'KeyWard',
    PayloadIdentifier: 'com.example.keyward',
    PayloadType: 'Configuration',
    PayloadUUID: 'a3d1e0b2-7f4c-4e8a-8c2d-5b9e1f0a6c21',
    PayloadVersion: 1,
  };
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    plist(profile, ''),
    '</plist>',
  ].join('\n');
}

/** Firefox: policies.json with the policy under 3rdparty and the force-install under ExtensionSettings. */
export function firefoxPoliciesJson(policy: Json = EXAMPLE_POLICY): string {
  return json({
    policies: {
      ExtensionSettings: {
        [GECKO_ID]: { installation_mode: 'force_installed', install_url: 'https://downloads.example.com/keyward/keyward-latest.xpi' },
      },
      '3rdparty': { Extensions: { [GECKO_ID]: policy } },
    },
  });
}

/** Firefox: a managed-storage manifest (native manifest of type "storage"). */
export function firefoxManagedManifest(policy: Json = EXAMPLE_POLICY): string {
  return json({ name: GECKO_ID, description: 'KeyWard policy', type: 'storage', data: policy });
}

/** Every generated block of docs/admin.md, by marker name, with its fence. */
export function generatedBlocks(): Record<string, string> {
  const fence = (lang: string, body: string) => `\`\`\`${lang}\n${body}\n\`\`\``;
  return {
    'settings-table': settingsTable(),
    'chrome-linux': fence('json', chromePolicyFile()),
    'admin-console': fence('json', adminConsoleJson()),
    'windows-chrome': fence('reg', windowsReg()),
    'windows-edge': fence('reg', windowsReg(EXAMPLE_POLICY, 'Microsoft\\Edge')),
    'macos': fence('xml', mobileconfig()),
    'firefox-policies': fence('json', firefoxPoliciesJson()),
    'firefox-managed-storage': fence('json', firefoxManagedManifest()),
  };
}

/** Replaces each `<!-- generated:NAME -->…<!-- /generated:NAME -->` block of `doc` with its generated text. */
export function fillGenerated(doc: string): string {
  let out = doc;
  for (const [name, body] of Object.entries(generatedBlocks())) {
    const re = new RegExp(`(<!-- generated:${name} -->)[\\s\\S]*?(<!-- /generated:${name} -->)`);
    if (!re.test(out)) throw new Error(`docs/admin.md has no generated:${name} block`);
    out = out.replace(re, (_m, open: string, close: string) => `${open}\n${body}\n${close}`);
  }
  return out;
}

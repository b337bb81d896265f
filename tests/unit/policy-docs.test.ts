import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { checkCustomPattern } from '../../utils/detect/custom-check';
import { CHROME_ID, EXAMPLE_POLICY, fillGenerated, GECKO_ID } from '../../utils/policy/admin-docs';
import { SETTING_KEYS, SettingsSchema } from '../../utils/policy/schema';
import { validateSettings } from '../../utils/policy/validate';
import { reportingConfig } from '../../utils/reporting/config';

const DOC = join(import.meta.dirname, '../../docs/admin.md');
const doc = readFileSync(DOC, 'utf8');

/** The KeyWard policy inside any of the documented JSON shapes. */
function policyIn(block: Record<string, any>): unknown {
  if (block['3rdparty']) return block['3rdparty'].extensions[CHROME_ID];
  if (block.policies) return block.policies['3rdparty'].Extensions[GECKO_ID];
  if (block.type === 'storage') return block.data;
  if (Object.values(block).every((v) => v && typeof v === 'object' && 'Value' in v)) {
    return Object.fromEntries(Object.entries(block).map(([k, v]) => [k, (v as { Value: unknown }).Value]));
  }
  return block;
}

describe('docs/admin.md', () => {
  it('matches what is generated from the schema (UPDATE_ADMIN_DOCS=1 rewrites it)', () => {
    const filled = fillGenerated(doc);
    if (process.env.UPDATE_ADMIN_DOCS) writeFileSync(DOC, filled);
    else expect(doc, 'run UPDATE_ADMIN_DOCS=1 npx vitest run tests/unit/policy-docs').toBe(filled);
  });

  it('lists every setting and sub-setting with its description and default', () => {
    const json = z.toJSONSchema(SettingsSchema, { io: 'input' }) as Record<string, any>;
    for (const key of SETTING_KEYS) {
      const schema = json.properties[key];
      const row = doc.split('\n').find((l) => l.startsWith(`| \`${key}\` |`));
      expect(row, key).toBeDefined();
      expect(row).toContain(schema.description.replace(/\|/g, '\\|'));
      for (const [sub, s] of Object.entries<Record<string, any>>(schema.properties ?? {})) {
        const subRow = doc.split('\n').find((l) => l.startsWith(`| \`${key}.${sub}\` |`));
        expect(subRow, `${key}.${sub}`).toContain(s.description);
        expect(subRow).toContain('default' in s ? `\`${JSON.stringify(s.default)}\`` : '| — |');
      }
    }
  });

  it('every JSON example parses, and the policy in it is valid: no errors, every field applied', () => {
    const blocks = [...doc.matchAll(/```json\n([\s\S]*?)\n```/g)].map((m) => m[1]!);
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    for (const block of blocks) {
      const policy = policyIn(JSON.parse(block));
      const checked = validateSettings(policy, 'policy', checkCustomPattern);
      expect(checked.errors, block.slice(0, 80)).toEqual([]);
      // The reporting section's examples are policy fragments: each must turn reporting on.
      if (Object.keys(policy as object).join() === 'reporting') expect(reportingConfig(checked.values.reporting), block).toBeDefined();
      else expect(checked.values).toEqual(EXAMPLE_POLICY);
    }
  });

  it('the Windows registry examples carry every setting with the right value type', () => {
    const blocks = [...doc.matchAll(/```reg\n([\s\S]*?)\n```/g)];
    expect(blocks).toHaveLength(2);
    for (const m of blocks) {
      const values = Object.fromEntries(
        [...m[1]!.matchAll(/^"(\w+)"=(dword:([0-9a-f]{8})|"((?:[^"\\]|\\.)*)")$/gm)].map((v) => [
          v[1],
          v[3] !== undefined ? Number.parseInt(v[3], 16) : v[4]!.replace(/\\(.)/g, '$1'),
        ]),
      );
      const policy = Object.fromEntries(
        Object.keys(EXAMPLE_POLICY).map((k) => {
          const raw = values[k];
          const expected = (EXAMPLE_POLICY as Record<string, unknown>)[k];
          return [k, typeof expected === 'boolean' ? raw === 1 : typeof expected === 'object' ? JSON.parse(raw as string) : raw];
        }),
      );
      expect(policy).toEqual(EXAMPLE_POLICY);
      expect(m[1]).toContain(`\\3rdparty\\extensions\\${CHROME_ID}\\policy]`);
    }
  });

  it('the macOS profile names the extension and carries every setting', () => {
    const xml = /```xml\n([\s\S]*?)\n```/.exec(doc)![1]!;
    expect(xml).toContain(`<string>com.google.Chrome.extensions.${CHROME_ID}</string>`);
    for (const key of Object.keys(EXAMPLE_POLICY)) expect(xml).toContain(`<key>${key}</key>`);
    expect(xml).toContain('<string>excorp_[A-Za-z0-9]{32}</string>');
  });
});

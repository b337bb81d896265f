import { describe, expect, it } from 'vitest';
import { PROVIDERS } from '../../utils/detect';
import { DESCRIPTORS } from '../../utils/detect/provider';
import { PROVIDER_EXAMPLES } from '../../utils/detect/provider/examples';
import { PREFIX_RULES } from '../../utils/detect/rules';
import { redact } from '../../utils/detect/redact';
import { providerLabel } from '../../entrypoints/guard.content';
import { ALL_SHAPES, seededRng } from '../helpers/keys';

describe('one descriptor per provider', () => {
  it('lists every provider once, with examples and near-misses beside its descriptor', () => {
    const ids = DESCRIPTORS.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(PROVIDER_EXAMPLES.map((p) => p.id)).toEqual(ids);
    for (const p of PROVIDER_EXAMPLES) expect(p.examples.length, p.id).toBeGreaterThan(0);
  });

  it('gives every rule an example key, except the Slack session cookie (tested by its own forms)', () => {
    const exampled = new Set(ALL_SHAPES.map((s) => s.rule));
    const missing = [...new Set(PREFIX_RULES.map((r) => r.id))].filter((id) => !exampled.has(id));
    expect(missing).toEqual(['slack-session-cookie']);
    for (const d of DESCRIPTORS) for (const r of d.rules) expect(r.provider, r.id).toBe(d.id);
  });

  it('derives the engine tables from the descriptors: labels, key pages, the alert names and the redaction prefixes', () => {
    expect(PROVIDERS.map((p) => p.id)).toEqual(DESCRIPTORS.map((d) => d.id));
    for (const d of DESCRIPTORS) {
      expect(d.keyPageUrl).toMatch(/^https:\/\//);
      expect(providerLabel(d.id)).toBe(d.label);
    }
    const rng = seededRng(5);
    for (const shape of ALL_SHAPES) {
      const key = shape.make(rng);
      const visible = redact(key).split('\u2026')[0]!;
      const prefixes = DESCRIPTORS.flatMap((d) => [...(d.visiblePrefixes ?? []), ...d.rules.map((r) => r.prefix)]);
      // The longest known prefix of the key is kept, and nothing of its secret body.
      const longest = prefixes.filter((p) => key.startsWith(p)).sort((a, b) => b.length - a.length)[0];
      expect(visible, shape.shape).toBe(longest);
    }
  });
});

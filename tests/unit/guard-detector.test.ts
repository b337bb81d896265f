import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCustomPattern, createDetector, PROVIDERS, type DetectOptions } from '../../utils/detect';
import { createGuardDetector, leadingLiteral } from '../../utils/guard/detector';
import { providerLabel } from '../../entrypoints/guard.content';
import { ALL_SHAPES, makeKey, seededRng } from '../helpers/keys';

function custom(...sources: [string, string][]): DetectOptions['custom'] {
  return sources.map(([name, source]) => {
    const checked = checkCustomPattern(source);
    if (!checked.ok) throw new Error(checked.reason);
    return { name, pattern: checked.pattern };
  });
}

describe("the content script's detector", () => {
  const rng = seededRng(7);
  const keys = ALL_SHAPES.map((s) => makeKey(s.shape, rng));
  const options: DetectOptions[] = [
    {},
    { providers: { openai: false, aws: false } },
    { custom: custom(['acme', 'acme_[A-Za-z0-9]{24}'], ['corp', '\\bCORP-[0-9]{6}\\b'], ['any', '(?:tok|key)=[a-f0-9]{20}']) },
  ];
  const texts = [
    keys.join('\n'),
    keys.map((k, i) => `${['x=', '"', '(', 'key: '][i % 4]}${k}${[',', ')', '.', '<', '&'][i % 5]}`).join(' '),
    `hidden\u200B${keys[0]!.slice(0, 10)}\u200B${keys[0]!.slice(10)} and acme_${'a1B2'.repeat(6)} CORP-123456 key=${'ab12'.repeat(5)}`,
    'sk-... sk-proj-XXXX placeholder sk-learn task-force',
  ];

  it('finds exactly what the engine finds, for every key shape and option', () => {
    for (const o of options) {
      const engine = createDetector(o);
      const guard = createGuardDetector(o);
      for (const text of texts) expect(guard.findKeys(text)).toEqual(engine.findKeys(text));
    }
  });

  it('agrees with the engine on any text around any key', () => {
    const o = options[2]!;
    const engine = createDetector(o);
    const guard = createGuardDetector(o);
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(...keys), fc.string(), (before, key, after) => {
        const text = before + key + after;
        expect(guard.findKeys(text)).toEqual(engine.findKeys(text));
      }),
      { numRuns: 300 },
    );
  });

  it('uses only literals every match must start with as prefilter', () => {
    expect(leadingLiteral('acme_[A-Za-z0-9]{24}', 'g')).toBe('acme_');
    expect(leadingLiteral('\\bCORP-[0-9]{6}', 'g')).toBe('CORP-');
    expect(leadingLiteral('abcd?e', 'g')).toBe('abc');
    expect(leadingLiteral('ab', 'g')).toBeNull();
    expect(leadingLiteral('acme_x|other', 'g')).toBeNull();
    expect(leadingLiteral('acme_x', 'gi')).toBeNull();
    expect(leadingLiteral('(?:tok|key)=', 'g')).toBeNull();
    expect(leadingLiteral('a\\.b\\-c\\d', 'g')).toBe('a.b-c');
  });

  it('names providers as the engine does', () => {
    for (const p of PROVIDERS) expect(providerLabel(p.id)).toBe(p.label);
  });
});

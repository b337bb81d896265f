import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCustomPattern, compileDetector, createDetector, loadDetector, PROVIDERS, type DetectOptions } from '../../utils/detect';
import { providerLabel } from '../../entrypoints/guard.content';
import { ALL_SHAPES, makeKey, seededRng } from '../helpers/keys';

describe("the detector spec: compiled and checked once, loaded by the content script", () => {
  const rng = seededRng(7);
  const keys = ALL_SHAPES.map((s) => makeKey(s.shape, rng));
  const options: DetectOptions[] = [
    {},
    { providers: { openai: false, aws: false } },
    {
      custom: [
        { name: 'acme', pattern: /acme_[A-Za-z0-9]{24}/ },
        { name: 'corp', pattern: /\bCORP-[0-9]{6}\b/ },
        { name: 'any', pattern: /(?:tok|key)=[a-f0-9]{20}/ },
      ],
    },
  ];
  const texts = [
    keys.join('\n'),
    keys.map((k, i) => `${['x=', '"', '(', 'key: '][i % 4]}${k}${[',', ')', '.', '<', '&'][i % 5]}`).join(' '),
    `hidden\u200B${keys[0]!.slice(0, 10)}\u200B${keys[0]!.slice(10)} and acme_${'a1B2'.repeat(6)} CORP-123456 key=${'ab12'.repeat(5)}`,
    'sk-... sk-proj-XXXX placeholder sk-learn task-force',
  ];
  /** The spec as the content script gets it: through storage, as JSON. */
  const stored = (o: DetectOptions) => loadDetector(JSON.parse(JSON.stringify(compileDetector(o).spec)));

  it('finds, after a trip through storage, exactly what the engine finds, for every key shape and option', () => {
    for (const o of options) {
      const engine = createDetector(o);
      const guard = stored(o);
      for (const text of texts) expect(guard.findKeys(text)).toEqual(engine.findKeys(text));
    }
    expect(stored(options[1]!).findKeys(keys.join('\n')).some((f) => f.provider === 'openai' || f.provider === 'aws')).toBe(false);
    expect(stored(options[2]!).findKeys(texts[2]!).filter((f) => f.provider === 'custom').map((f) => f.rule)).toEqual(['custom:acme', 'custom:corp', 'custom:any']);
  });

  it('agrees with the engine on any text around any key', () => {
    const o = options[2]!;
    const engine = createDetector(o);
    const guard = stored(o);
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(...keys), fc.string(), (before, key, after) => {
        const text = before + key + after;
        expect(guard.findKeys(text)).toEqual(engine.findKeys(text));
      }),
      { numRuns: 300 },
    );
  });

  it('leaves out a pattern the checker refuses, with its reason, and runs the rest', () => {
    const { spec, rejected } = compileDetector({ custom: [{ name: 'slow', pattern: /(a+)+$/ }, options[2]!.custom![0]!] });
    expect(spec.custom.map((c) => c.name)).toEqual(['acme']);
    expect(rejected).toEqual([{ name: 'slow', reason: expect.stringContaining('repeated group') }]);
  });

  it('uses only literals every match must start with as prefilter', () => {
    const literal = (source: string, flags = '') => {
      const check = checkCustomPattern(source, flags);
      if (!check.ok) throw new Error(check.reason);
      return check.literal;
    };
    expect(literal('acme_[A-Za-z0-9]{24}')).toBe('acme_');
    expect(literal('\\bCORP-[0-9]{6}')).toBe('CORP-');
    expect(literal('^CORP-[0-9]{6}', 'm')).toBe('CORP-');
    expect(literal('abcd?e')).toBe('abc');
    expect(literal('ab')).toBeNull();
    expect(literal('acme_x|other')).toBeNull();
    expect(literal('acme_x', 'i')).toBeNull();
    expect(literal('(?:tok|key)=')).toBeNull();
    expect(literal('a\\.b\\-c\\d')).toBe('a.b-c');
    expect(literal('(?<=key=)[A-Z0-9]{16}')).toBeNull();
  });

  it('names providers as the engine does', () => {
    for (const p of PROVIDERS) expect(providerLabel(p.id)).toBe(p.label);
  });
});

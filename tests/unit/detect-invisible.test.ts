import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDetector, DEFAULT_IGNORABLE, findKeys, INVISIBLE_CHARS, INVISIBLE_UTF8_AS_LATIN1 } from '../../utils/detect';
import { stripInvisible } from '../../utils/detect/invisible';
import { ALL_SHAPES, makeKey, seededRng } from '../helpers/keys';

/** Unicode's own list, independent of the engine's. */
const strip = (s: string) => s.replace(/\p{Default_Ignorable_Code_Point}/gu, '');

/** `key` with `char` inserted after each position in `at`. */
function lace(key: string, char: string, at: number[]): string {
  let out = '';
  for (let i = 0; i < key.length; i++) out += key[i] + (at.includes(i) && i < key.length - 1 ? char : '');
  return out;
}

describe('invisible characters inside a key', () => {
  it.each(INVISIBLE_CHARS.map((c) => [c.codePointAt(0)!.toString(16).toUpperCase(), c]))('U+%s does not hide a key', (_hex, char) => {
    for (const spec of ALL_SHAPES) {
      const key = spec.make(seededRng(spec.shape.length));
      const laced = lace(key, char, [2, 5, Math.floor(key.length / 2), key.length - 2]);
      const text = 'pasted: ' + laced + ', done';
      const found = findKeys(text);
      expect(found, spec.shape).toEqual([
        { start: 8, end: 8 + laced.length, key, provider: spec.provider, type: spec.type, rule: spec.rule },
      ]);
      expect(text.slice(found[0]!.start, found[0]!.end)).toBe(laced);
    }
  });

  it('maps the span to the first and last key chars, leaving invisible chars around the key outside', () => {
    const key = makeKey('openai-project-164', seededRng(1));
    const text = 'a \u200B\u200D' + key.slice(0, 10) + '\u00AD' + key.slice(10) + '\uFEFF\u2060 b';
    const [found] = findKeys(text);
    expect(found?.key).toBe(key);
    expect(found?.start).toBe(4);
    expect(text[found!.end - 1]).toBe(key[key.length - 1]);
    expect(found?.end).toBe(4 + key.length + 1);
  });

  it('handles an invisible char between every two chars of a key', () => {
    const key = makeKey('openai-legacy-51', seededRng(2));
    const laced = [...key].join('\u200C');
    expect(findKeys(`"${laced}"`)).toMatchObject([{ start: 1, end: 1 + laced.length, key }]);
  });

  // The dense path keeps the visible text as bytes when it is all ASCII, as UTF-16 otherwise.
  it.each([
    ['ASCII', 'x'],
    ['non-ASCII', 'caf\u00e9 \u20ac x'],
  ])('keeps offsets right in a text with many invisible chars (the dense path), visible text %s', (_name, word) => {
    const rng = seededRng(3);
    const keys = ALL_SHAPES.map((s) => s.make(rng));
    let text = '\u200B'.repeat(5000);
    const expected: { start: number; key: string }[] = [];
    for (const key of keys) {
      text += word + '\u2060y ';
      const laced = lace(key, '\u200B', [0, 3, 7]);
      expected.push({ start: text.length, key });
      text += laced + '\u200D\n';
    }
    const found = findKeys(text);
    expect(found.map((f) => ({ start: f.start, key: f.key }))).toEqual(expected);
    for (const f of found) expect(strip(text.slice(f.start, f.end))).toBe(f.key);
  });

  it('keeps offsets right next to an emoji joined with U+200D (the sparse path)', () => {
    const key = makeKey('github-pat', seededRng(4));
    const text = '\uFEFFfamily: \u{1F468}\u200D\u{1F469}\u200D\u{1F467} token ' + key + '\n';
    expect(findKeys(text)).toMatchObject([{ start: text.indexOf(key), end: text.indexOf(key) + key.length, key }]);
  });

  it('does not join a key to a word through an invisible char', () => {
    const key = makeKey('openai-legacy-51', seededRng(5));
    expect(findKeys('ta\u200B' + key)).toEqual([]);
  });
});

describe('findVisibleKeys: for a text its caller knows holds no invisible character', () => {
  const detector = createDetector();

  it('finds what findKeys finds in such a text', () => {
    for (const spec of ALL_SHAPES) {
      const text = `pasted: ${spec.make(seededRng(spec.shape.length))}, done`;
      expect(detector.findVisibleKeys(text), spec.shape).toEqual(detector.findKeys(text));
    }
  });

  it('takes a soft hyphen for a char like any other (UTF-8 read as Latin-1 holds such bytes: í is C3 AD)', () => {
    const key = makeKey(ALL_SHAPES[0]!.shape, seededRng(1));
    const hyphenated = `${key.slice(0, 12)}\u00ad${key.slice(12)}`;
    expect(detector.findKeys(hyphenated).map((f) => f.key)).toEqual([key]);
    expect(detector.findVisibleKeys(hyphenated).map((f) => f.key)).not.toContain(key);
  });
});

describe('stripInvisible: the way back to the original offsets', () => {
  const ascii = fc.constantFrom('a', 'K', '-', ' ', '\n');
  const beyondAscii = fc.oneof(ascii, fc.constantFrom('\u00e9', '\u20ac', '\u{1F468}'));
  const invisible = fc.constantFrom(...INVISIBLE_CHARS);
  // Runs longer than one 32-char word of the bitmap.
  const run = fc.array(invisible, { minLength: 30, maxLength: 70 }).map((a) => a.join(''));
  const text = (...pieces: fc.WeightedArbitrary<string>[]) =>
    fc.array(fc.oneof(...pieces), { minLength: 200, maxLength: 3000, size: 'max' }).map((a) => a.join(''));
  const isDense = (t: string) => countInvisible(t) > 1024 + (t.length >> 8); // past findSparse's limit for the whole text
  const countInvisible = (t: string) => t.length - strip(t).length; // in code units, as findSparse counts

  // Sparse: a few invisible chars, cut out by slicing. Dense: one pass over every char, keeping
  // bytes while the visible chars are ASCII, then UTF-16 units.
  it.each([
    ['sparse', text({ arbitrary: beyondAscii, weight: 30 }, { arbitrary: invisible, weight: 1 }), false],
    ['dense, visible chars ASCII', text({ arbitrary: ascii, weight: 2 }, { arbitrary: invisible, weight: 1 }, { arbitrary: run, weight: 1 }), true],
    ['dense, visible chars beyond ASCII', text({ arbitrary: beyondAscii, weight: 2 }, { arbitrary: invisible, weight: 1 }, { arbitrary: run, weight: 1 }), true],
  ] as const)('%s: maps each char of the stripped text to the same char of the original', (_name, texts, dense) => {
    fc.assert(
      fc.property(texts, fc.nat(), (original, seed) => {
        expect(isDense(original)).toBe(dense);
        const stripped = stripInvisible(original);
        expect(stripped.text).toBe(strip(original));
        const expected: number[] = [];
        for (let i = 0; i < original.length; ) {
          const ch = String.fromCodePoint(original.codePointAt(i)!);
          if (strip(ch) !== '') for (let u = 0; u < ch.length; u++) expected.push(i + u);
          i += ch.length;
        }
        // In increasing order (as scanText asks), then in a scrambled order.
        expect(expected.map((_, i) => stripped.toOriginal(i))).toEqual(expected);
        const order = expected.map((_, i) => (i * 7919 + seed) % expected.length);
        expect(order.map((i) => stripped.toOriginal(i))).toEqual(order.map((i) => expected[i]));
      }),
      { numRuns: 100 },
    );
  });
});

describe('the invisible set is Unicode default-ignorable set', () => {
  it('strips exactly the code points Unicode calls default-ignorable, astral ones included', () => {
    const isIgnorable = /^\p{Default_Ignorable_Code_Point}$/u;
    const wrong: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp += cp < 0x20000 || (cp >= 0xe0000 && cp < 0xe1000) ? 1 : 97) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      const text = 'a' + ch + 'b';
      const expected = isIgnorable.test(ch);
      const stripped = stripInvisible(text).text === 'ab';
      const inUtf8 = INVISIBLE_UTF8_AS_LATIN1.test(Buffer.from(text, 'utf8').toString('latin1'));
      const listed = DEFAULT_IGNORABLE.some(([from, to]) => cp >= from && cp <= to);
      if (stripped !== expected || inUtf8 !== expected || listed !== expected) wrong.push(cp.toString(16));
    }
    expect(wrong).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { findKeys, INVISIBLE_CHARS } from '../../utils/detect';
import { ALL_SHAPES, makeKey, seededRng } from '../helpers/keys';

const strip = (s: string) => s.replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, '');

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

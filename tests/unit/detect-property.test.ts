import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCustomPattern, findKeys, INVISIBLE_CHARS, OPENAI_MARKER } from '../../utils/detect';
import { PREFIX_RULES } from '../../utils/detect/rules';
import { ALL_SHAPES, AN, B64U, DIGITS, UPPER, randomString, seededRng } from '../helpers/keys';

/** Any UTF-16 code unit, lone surrogates included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const anyText = fc.string({ unit: codeUnit, maxLength: 200 });
/** Invisible, or half of an invisible surrogate pair (a lone half is not invisible, but may pair with a neighbour). */
const isInvisible = (ch: string) => INVISIBLE_CHARS.includes(ch) || /[\uD82F\uD834\uDB40-\uDB43\uDC00-\uDFFF]/.test(ch);
/** Chars that separate a key from its neighbours: not a name/body char, not invisible. */
const separator = codeUnit.filter((ch) => !/[A-Za-z0-9_-]/.test(ch) && !isInvisible(ch));
const shape = fc.constantFrom(...ALL_SHAPES);
const seed = fc.integer({ min: 0, max: 2 ** 31 - 1 });

const LITERALS = [
  OPENAI_MARKER, 'sk-', 'AIza', 'AKIA', 'ASIA', 'ABIA', 'ACCA', 'gsk_', 'hf_', 'xai-', 'pplx-', 'r8_', 'gh', 'github_pat_',
  'sk_', 'rk_', 'xox', 'hooks.slack.com',
];
const hasLiteral = (s: string) => LITERALS.some((l) => s.includes(l));

const strip = (s: string) => s.replace(/\p{Default_Ignorable_Code_Point}/gu, '');

describe('properties', () => {
  it('finds any key shape at exactly its span, whatever surrounds it', () => {
    fc.assert(
      fc.property(shape, seed, anyText, separator, separator, anyText, (spec, s, before, left, right, after) => {
        fc.pre(!hasLiteral(before + left) && !hasLiteral(right + after));
        fc.pre(!spec.glue.test(right));
        const key = spec.make(seededRng(s));
        const text = before + left + key + right + after;
        const start = before.length + left.length;
        expect(findKeys(text)).toEqual([
          { start, end: start + key.length, key, provider: spec.provider, type: spec.type, rule: spec.rule },
        ]);
      }),
      { numRuns: 3000 },
    );
  });

  it('finds a key at the start or the end of the text', () => {
    fc.assert(
      fc.property(shape, seed, separator, anyText, fc.boolean(), (spec, s, sep, rest, atStart) => {
        fc.pre(!hasLiteral(rest) && !spec.glue.test(sep));
        const key = spec.make(seededRng(s));
        const text = atStart ? key + sep + rest : rest + sep + key;
        expect(findKeys(text).map((f) => [f.start, f.key])).toEqual([[atStart ? 0 : rest.length + 1, key]]);
      }),
      { numRuns: 1000 },
    );
  });

  it('sees through invisible chars anywhere inside a key', () => {
    fc.assert(
      fc.property(
        shape,
        seed,
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...INVISIBLE_CHARS)), { maxLength: 12 }),
        (spec, s, inserts) => {
          const key = spec.make(seededRng(s));
          let laced = key;
          for (const [at, ch] of inserts) {
            const i0 = 1 + (at % (laced.length - 1)); // strictly inside: after the first, before the last char
            const i = /[\uD800-\uDBFF]/.test(laced[i0 - 1]!) ? i0 + 1 : i0; // not between the halves of a pair
            laced = laced.slice(0, i) + ch + laced.slice(i);
          }
          const text = 'k: ' + laced + '\n';
          expect(findKeys(text)).toEqual([
            { start: 3, end: 3 + laced.length, key, provider: spec.provider, type: spec.type, rule: spec.rule },
          ]);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('finds nothing in random text without a prefix or the marker', () => {
    const keyish = fc.string({ unit: fc.constantFrom(...(B64U + './:=" \n\u200B').split('')), maxLength: 400 });
    fc.assert(
      fc.property(fc.oneof(anyText, keyish), (text) => {
        fc.pre(!hasLiteral(strip(text)));
        expect(findKeys(text)).toEqual([]);
      }),
      { numRuns: 3000 },
    );
  });

  it('never throws, and returns sorted, non-overlapping findings whose span holds the key', () => {
    const piece = fc.oneof(anyText, fc.tuple(shape, seed).map(([spec, s]) => spec.make(seededRng(s))));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const text = pieces.join('');
        const found = findKeys(text);
        let lastEnd = 0;
        for (const f of found) {
          expect(f.start).toBeGreaterThanOrEqual(lastEnd);
          expect(f.end).toBeGreaterThan(f.start);
          expect(strip(text.slice(f.start, f.end))).toBe(f.key);
          lastEnd = f.end;
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('checkCustomPattern answers, never throws or hangs, on any source that compiles', () => {
    const regexChar = fc.constantFrom(...'ab01_-.*+?|()[]{}^$\\/:<>=!,dwsDWSbBkpuxc'.split(''));
    const flags = fc.constantFrom('', 'i', 'u', 'v', 'm', 'su', 'iu');
    fc.assert(
      fc.property(fc.string({ unit: regexChar, maxLength: 40 }), flags, (source, f) => {
        let compiles = true;
        try {
          new RegExp(source, f);
        } catch {
          compiles = false;
        }
        const check = checkCustomPattern(source, f);
        if (!compiles) expect(check.ok).toBe(false);
        if (check.ok) {
          // A pattern it accepts runs without error on text with and without matches.
          expect(() => findKeys('ab01_- ' + source + ' x', { custom: [{ name: 'fuzz', pattern: check.pattern }] })).not.toThrow();
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("a rule's hand-written body reader ends where its regex ends, on text near its shape", () => {
    // Pieces of the readers' shapes, glued at random, their lengths mostly at or next to the
    // patterns' bounds: groups of digits (mostly followed by `-`), webhook ids, alphanumeric tails,
    // cookie chars, escapes.
    const around = (...bounds: number[]) =>
      fc.oneof(fc.constantFrom(...bounds.flatMap((b) => [b - 1, b, b + 1])), fc.integer({ min: 0, max: Math.max(...bounds) + 2 }));
    const group = fc.tuple(around(1, 6, 8, 16), fc.constantFrom('-', '-', '-', 'a', '')).map(([n, after]) => ({ lead: '', chars: DIGITS, n, after }));
    const id = (lead: string) => around(6, 12).map((n) => ({ lead, chars: UPPER + DIGITS, n, after: '/' }));
    const tail = around(8, 20, 32, 140, 255).map((n) => ({ lead: '', chars: AN, n, after: '' }));
    const piece = fc.oneof(
      group,
      fc.constantFrom('T', 'B', '').chain(id),
      tail,
      around(60, 400).map((n) => ({ lead: '', chars: AN + '%/+=_-', n, after: '' })),
      fc.constantFrom('\\', '\\n', '\\x', ' ').map((after) => ({ lead: '', chars: '', n: 0, after })),
    );
    const pieces = fc.oneof(
      fc.array(piece, { maxLength: 8 }),
      fc.tuple(fc.array(group, { maxLength: 6 }), tail, fc.array(piece, { maxLength: 2 })).map(([g, t, rest]) => [...g, t, ...rest]),
      fc.tuple(id('T'), id('B'), tail, fc.array(piece, { maxLength: 2 })).map(([t, b, a, rest]) => [t, b, a, ...rest]),
      fc.tuple(group, tail),
      around(140, 255).map((n) => [{ lead: '', chars: DIGITS, n: 1, after: '-' }, { lead: '', chars: AN, n, after: '' }]),
    );
    const body = fc
      .tuple(pieces, seed)
      .map(([list, s]) => list.map((p) => p.lead + randomString(seededRng(s + p.n), p.chars, p.n) + p.after).join(''));
    const readers = PREFIX_RULES.filter((r) => r.matchBody !== undefined);
    expect(readers.length).toBeGreaterThan(0);
    fc.assert(
      fc.property(fc.constantFrom(...readers), body, (rule, rest) => {
        const text = rule.prefix + rest;
        rule.pattern.lastIndex = 0;
        const expected = rule.pattern.test(text) ? rule.pattern.lastIndex : -1;
        expect(rule.matchBody!(text, rule.prefix.length)).toBe(expected);
      }),
      { numRuns: 20000 },
    );
  });
});

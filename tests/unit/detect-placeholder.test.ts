import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPlaceholderBody, isPlaceholderBrokenBody } from '../../utils/detect/placeholder';

/**
 * The rule as stated, one char at a time: a body is a placeholder when it has three distinct chars
 * or fewer, or a run of more than seven chars that are equal or rise by one. The engine's version
 * skips most chars of a random body; it must agree with this one on every input.
 */
function reference(text: string, from: number, to: number): boolean {
  if (to - from <= 0) return true;
  const distinct = new Set<number>();
  let same = 1;
  let rising = 1;
  let prev = -2;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    same = c === prev ? same + 1 : 1;
    rising = c === prev + 1 ? rising + 1 : 1;
    if (same > 7 || rising > 7) return true;
    distinct.add(c);
    prev = c;
  }
  return distinct.size <= 3;
}

// Bodies built from pieces that make runs likely: repeats, rising sequences, few-char alphabets.
const piece = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', 'b', 'X', '0', '9', '_', '-'), maxLength: 12 }),
  fc.tuple(fc.integer({ min: 0x30, max: 0x7a }), fc.integer({ min: 1, max: 12 })).map(([c, n]) => String.fromCharCode(c).repeat(n)),
  fc.tuple(fc.integer({ min: 0x30, max: 0x70 }), fc.integer({ min: 1, max: 12 })).map(([c, n]) =>
    Array.from({ length: n }, (_, i) => String.fromCharCode(c + i)).join(''),
  ),
  fc.string({ minLength: 0, maxLength: 20 }),
);

describe('isPlaceholderBody', () => {
  it('agrees with the char-by-char rule on any body and any bounds', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.nat(), fc.nat(), (pieces, a, b) => {
        const text = pieces.join('');
        const from = text.length === 0 ? 0 : a % (text.length + 1);
        const to = from + (b % (text.length - from + 1));
        expect(isPlaceholderBody(text, from, to)).toBe(reference(text, from, to));
      }),
      { numRuns: 20_000 },
    );
  });

  it('finds a run of eight at every offset, and lets a run of seven pass', () => {
    // Random-looking filler that cannot extend any of the runs below.
    const random = 'QzKwYxVuTsRpNmLkQzKwYxVuTsRpNm';
    for (const run of ['AAAAAAAA', 'abcdefgh', '01234567']) {
      for (let at = 0; at <= random.length; at++) {
        const body = random.slice(0, at) + run + random.slice(at);
        expect(isPlaceholderBody(body, 0, body.length)).toBe(true);
        const short = random.slice(0, at) + run.slice(0, 7) + random.slice(at);
        expect(isPlaceholderBody(short, 0, short.length)).toBe(false);
      }
    }
  });
});

describe('isPlaceholderBrokenBody', () => {
  it('agrees with the char-by-char rule on the body with its breaks taken out', () => {
    // A wrapped body: chars of a key (none at or below space) between breaks, runs across them too.
    const bodyPiece = piece.map((p) => p.replace(/[\x00-\x20]/g, ''));
    const br = fc.constantFrom('\n', '\r\n', ' ', '\t\n', '\n    ');
    fc.assert(
      fc.property(fc.array(fc.tuple(bodyPiece, br), { maxLength: 12 }), bodyPiece, (lines, last) => {
        const body = lines.map(([p]) => p).join('') + last;
        const wrapped = lines.map(([p, b]) => p + b).join('') + last;
        expect(isPlaceholderBrokenBody(`sk-${wrapped}\n`, 3, 3 + wrapped.length)).toBe(reference(body, 0, body.length));
      }),
      { numRuns: 20_000 },
    );
  });
});

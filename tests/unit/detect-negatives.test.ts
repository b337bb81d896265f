import { describe, expect, it } from 'vitest';
import { findKeys, redact } from '../../utils/detect';
import { ALL_SHAPES, AN, B64U, HEX, MARKER, NEAR_MISSES, randomString, seededRng } from '../helpers/keys';

const rng = seededRng(1234);
const b64url = (s: string) => Buffer.from(s).toString('base64url');

describe('placeholders are not keys', () => {
  it.each(NEAR_MISSES)("$provider's near-miss: $name", ({ make }) => {
    const text = make(rng);
    expect(findKeys(text)).toEqual([]);
    expect(findKeys(`"token": "${text}"`)).toEqual([]);
  });

  it('does not drop real random keys (5000 keys of every shape)', () => {
    const r = seededRng(99);
    for (const spec of ALL_SHAPES) {
      let found = 0;
      for (let i = 0; i < 5000; i++) if (findKeys(spec.make(r) + ' ').length === 1) found++;
      expect(found, spec.shape).toBe(5000);
    }
  });
});

describe('redacted keys are not keys', () => {
  it.each([
    'sk-proj-\u2026Ab3d',
    'sk-\u2026****Ab3d',
    'sk-proj-****************Ab3d',
    'sk-' + '*'.repeat(20) + MARKER + '*'.repeat(20),
    'sk-proj-' + randomString(rng, B64U, 10) + '\u2026' + randomString(rng, B64U, 10),
  ])('%s', (text) => {
    expect(findKeys(text)).toEqual([]);
  });

  it.each(ALL_SHAPES)("KeyWard's own redact() of $shape", (spec) => {
    const redacted = redact(spec.make(rng));
    expect(findKeys(redacted)).toEqual([]);
    expect(findKeys(`key: ${redacted}.`)).toEqual([]);
  });
});

describe('look-alikes are not keys', () => {
  it.each([
    ['sk-learn', 'pip install scikit-learn  # a.k.a. sk-learn'],
    ['sk-SK locale', 'const locales = ["sk-SK", "sl-SI"];'],
    ['CSS classes', '<div class="task-list mask-image desk-top risk-level btn-sk-primary">'],
    ['CSS with ask-', '.ask-question, .task-item { color: red }'],
    ['UUIDs', 'id=123e4567-e89b-12d3-a456-426614174000 and 550e8400-e29b-41d4-a716-446655440000'],
    ['hex hashes', 'sha1 da39a3ee5e6b4b0d3255bfef95601890afd80709\nsha256 ' + randomString(rng, HEX, 64)],
    ['git object ids', 'commit ' + randomString(rng, HEX, 40) + '\nMerge: ' + randomString(rng, HEX, 7)],
    ['short Stripe-like ids', 'sk_live_ cus_12345 pi_3MtwBwLkdIwHu7ix28a3tqPa'],
    ['prefixes alone', 'sk- sk-proj- sk-ant-api03- AI' + 'za gsk_ hf_ xai- pplx- r8_ sk-or-v1- AKIA ghp_ github_pat_ sk_live_ xoxb-'],
  ])('%s', (_name, text) => {
    expect(findKeys(text)).toEqual([]);
  });

  it('a JWT', () => {
    const jwt =
      b64url('{"alg":"HS256","typ":"JWT"}') + '.' + b64url('{"sub":"1234567890","name":"OpenAI fan"}') + '.' +
      randomString(rng, B64U, 43);
    expect(findKeys(`Authorization: Bearer ${jwt}`)).toEqual([]);
  });

  it('base64 that contains the marker without an sk- prefix', () => {
    const blob = Buffer.from('OpenAI is the company; OpenAI makes models').toString('base64');
    expect(blob).toContain(MARKER);
    expect(findKeys(`data:text/plain;base64,${blob}`)).toEqual([]);
    const bare = randomString(rng, AN, 20) + MARKER + randomString(rng, AN, 20);
    expect(findKeys(bare)).toEqual([]);
    expect(findKeys('x-' + bare)).toEqual([]);
    expect(findKeys('-' + bare)).toEqual([]);
  });

  it('the marker repeated or at the edges of the text', () => {
    expect(findKeys(MARKER)).toEqual([]);
    expect(findKeys(MARKER.repeat(50))).toEqual([]);
    expect(findKeys('sk-' + MARKER)).toEqual([]);
    expect(findKeys(MARKER + '-sk-')).toEqual([]);
  });

  it('an empty text', () => {
    expect(findKeys('')).toEqual([]);
  });
});

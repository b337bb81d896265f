import { describe, expect, it } from 'vitest';
import {
  checkCustomPattern,
  createDetector,
  findKeys,
  MAX_CUSTOM_MATCH,
  PROVIDERS,
  type ProviderId,
} from '../../utils/detect';
import { ALL_SHAPES, AN, makeKey, randomString, seededRng } from '../helpers/keys';

const rng = seededRng(2024);

describe('PROVIDERS', () => {
  it('lists every provider a shape belongs to once, with a label and an https key page', () => {
    const ids = PROVIDERS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const spec of ALL_SHAPES) expect(ids).toContain(spec.provider);
    for (const p of PROVIDERS) {
      expect(p.label).not.toBe('');
      expect(p.keyPageUrl).toMatch(/^https:\/\//);
    }
    expect(PROVIDERS.find((p) => p.id === 'openai')).toEqual({
      id: 'openai',
      label: 'OpenAI',
      keyPageUrl: 'https://platform.openai.com/api-keys',
    });
  });
});

describe('provider switches', () => {
  const keys = ALL_SHAPES.map((spec) => ({ spec, key: spec.make(rng) }));
  const text = keys.map((k) => k.key).join('\n');

  it('finds every provider by default', () => {
    expect(new Set(findKeys(text).map((f) => f.provider))).toEqual(new Set(PROVIDERS.map((p) => p.id)));
  });

  it.each(PROVIDERS.map((p) => p.id))('switches %s off and nothing else', (id: ProviderId) => {
    const found = createDetector({ providers: { [id]: false } }).findKeys(text);
    expect(found.map((f) => f.key)).toEqual(keys.filter((k) => k.spec.provider !== id).map((k) => k.key));
  });

  it('treats true like the default', () => {
    expect(findKeys(text, { providers: { openai: true } })).toEqual(findKeys(text));
  });

  it('can switch everything off', () => {
    const providers = Object.fromEntries(PROVIDERS.map((p) => [p.id, false]));
    expect(findKeys(text, { providers })).toEqual([]);
  });
});

describe('custom patterns', () => {
  const acme = { name: 'acme', pattern: /acme_[A-Za-z0-9]{32}/ };

  it('reports matches with provider custom, the name as type and custom:<name> as rule', () => {
    const token = 'acme_' + randomString(rng, AN, 32);
    const text = `ACME_TOKEN=${token}\n`;
    expect(createDetector({ custom: [acme] }).findKeys(text)).toEqual([
      { start: 11, end: 11 + token.length, key: token, provider: 'custom', type: 'acme', rule: 'custom:acme' },
    ]);
  });

  it('finds every match of a literal-led pattern, including back to back', () => {
    const tokens = [0, 1, 2].map(() => 'acme_' + randomString(rng, AN, 32));
    const found = findKeys(tokens.join('') + ' ' + tokens[0], { custom: [acme] });
    expect(found.map((f) => f.key)).toEqual([...tokens, tokens[0]]);
  });

  it('finds matches of a pattern without a literal, across chunk borders', () => {
    const pattern = { name: 'ticket', pattern: /[A-Z]{3}-[0-9]{6}-[A-Z]{3}/ };
    const filler = 'lorem ipsum '.repeat(1000);
    const tokens: string[] = [];
    let text = '';
    for (let offset = 2040; offset < 9000; offset += 2048) {
      text = text.padEnd(offset, '.');
      const token = randomString(rng, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 3) + '-' + randomString(rng, '0123456789', 6) + '-XYZ';
      tokens.push(token);
      text += token;
    }
    text += filler;
    expect(findKeys(text, { custom: [pattern] }).map((f) => f.key)).toEqual(tokens);
  });

  it('reports consecutive matches over a long run, across chunk borders, without gaps', () => {
    const custom = [{ name: 'q', pattern: /q[a-z]{4,10}/ }];
    const found = findKeys('q'.repeat(11 * 800), { custom });
    expect(found.map((f) => f.start)).toEqual(Array.from({ length: 800 }, (_, i) => i * 11));
    expect(found.every((f) => f.key.length === 11)).toBe(true);
  });

  it('honours the flags of the pattern and ignores a sticky flag', () => {
    const custom = [{ name: 'ci', pattern: /acme_[a-z0-9]{8}/iy }];
    expect(findKeys('x ACME_AbCd1234 y', { custom }).map((f) => f.key)).toEqual(['ACME_AbCd1234']);
  });

  it('maps custom matches back through invisible chars', () => {
    const token = 'acme_' + randomString(rng, AN, 32);
    const text = '\u200B ' + token.slice(0, 8) + '\u00AD' + token.slice(8);
    expect(findKeys(text, { custom: [acme] })).toMatchObject([{ start: 2, end: text.length, key: token }]);
  });

  it('merges custom and built-in findings, sorted and without overlaps', () => {
    const key = makeKey('github-pat', rng);
    const custom = [{ name: 'anything-ghp', pattern: /ghp_[A-Za-z0-9]{10}/ }, acme];
    const token = 'acme_' + randomString(rng, AN, 32);
    const found = findKeys(`${token} ${key}`, { custom });
    expect(found.map((f) => [f.rule, f.start])).toEqual([
      ['custom:acme', 0],
      ['github-pat', token.length + 1],
    ]);
  });

  it('never loops on a pattern that matches empty strings at some positions', () => {
    const custom = [{ name: 'boundary', pattern: /\b(?:acme_\d+)?/ }];
    expect(checkCustomPattern(custom[0]!.pattern.source).ok).toBe(true);
    expect(findKeys('hello world acme_42 bye', { custom }).map((f) => f.key)).toEqual(['acme_42']);
  });

  it('skips unsafe patterns, reports them, and still runs the built-in rules', () => {
    const key = makeKey('openai-legacy-51', rng);
    const detector = createDetector({ custom: [{ name: 'bad', pattern: /(a+)+$/ }, acme] });
    expect(detector.rejected).toEqual([{ name: 'bad', reason: expect.stringContaining('repeated group') }]);
    expect(detector.findKeys(`${key} ${'a'.repeat(50)}!`).map((f) => f.rule)).toEqual(['openai-legacy']);
  });

  it('stops a quadratic pattern on a long run at the time budget', () => {
    // Accepted (one unbounded run), but each window costs O(window²): only the budget bounds 1 MB.
    const custom = [{ name: 'slow', pattern: /[a-z]+X/ }];
    expect(checkCustomPattern(custom[0]!.pattern.source).ok).toBe(true);
    const text = 'a'.repeat(1 << 20);
    let t = performance.now();
    expect(findKeys(text, { custom })).toEqual([]);
    expect(performance.now() - t).toBeLessThan(2000);
    t = performance.now();
    expect(findKeys(text, { custom, customBudgetMs: 1 })).toEqual([]);
    expect(performance.now() - t).toBeLessThan(500);
  });

  it('still runs built-in rules in full when the custom budget is spent', () => {
    const key = makeKey('github-pat', rng);
    const text = 'a'.repeat(1 << 20) + ' ' + key;
    const found = findKeys(text, { custom: [{ name: 'slow', pattern: /[a-z]+X/ }], customBudgetMs: 0 });
    expect(found.map((f) => f.key)).toEqual([key]);
  });

  it('reports matches up to MAX_CUSTOM_MATCH chars, and none cut by their window', () => {
    for (const custom of [[{ name: 'literal', pattern: /LONG[a-z]+/ }], [{ name: 'chunked', pattern: /[A-Z]{4}[a-z]+/ }]]) {
      const exact = 'LONG' + 'a'.repeat(MAX_CUSTOM_MATCH - 4);
      expect(findKeys(exact + ' ', { custom }).map((f) => f.key)).toEqual([exact]);
      expect(findKeys('LONG' + 'a'.repeat(100), { custom }).map((f) => f.key.length)).toEqual([104]);
      expect(findKeys(exact + 'a ', { custom })).toEqual([]);
      expect(findKeys('LONG' + 'a'.repeat(1000) + ' ', { custom })).toEqual([]);
    }
  });

  it('caches the detector of an options object', () => {
    const options = { custom: [acme] };
    const token = 'acme_' + randomString(rng, AN, 32);
    expect(findKeys(token, options)).toEqual(findKeys(token, options));
    expect(findKeys(token, options)).toHaveLength(1);
  });
});

describe('checkCustomPattern', () => {
  it.each([
    'acme_[A-Za-z0-9]{32}',
    'ACME-[0-9a-f]{8}(?:-[0-9a-f]{4}){3}',
    '(?:-[a-z]{4})+',
    '[a-z]+_[0-9]+',
    '[A-Za-z0-9]+-[A-Za-z0-9]+',
    '(?:ab|cd)+',
    '\\btok_[a-z]{20,40}\\b',
    '(?<=key=)[A-Z0-9]{16}',
    'x.*y',
    // A repeated group with a quantifier inside is fine when each repetition can be told apart (x starts one).
    '(?:x(?:y+))+',
  ])('accepts %s', (source) => {
    const check = checkCustomPattern(source);
    expect(check).toMatchObject({ ok: true });
    if (check.ok) expect(check.pattern.flags).toContain('g');
  });

  it.each([
    ['(a+)+', 'repeated group'],
    ['(a*)*', 'repeated group'],
    ['(a|a)*', 'alternatives'],
    ['(a|ab)+c', 'alternatives'],
    ['(.*a){3}', 'repeated group'],
    ['(\\w+\\s?)+$', 'repeated group'],
    ['\\w+\\w+', 'unbounded'],
    ['.*x.*y', 'unbounded'],
    ['[a-z]+[a-z0-9]*!', 'unbounded'],
    ['(a)\\1', 'backreference'],
  ])('rejects the catastrophic shape %s', (source, reason) => {
    expect(checkCustomPattern(source)).toEqual({ ok: false, reason: expect.stringContaining(reason) });
  });

  it('rejects a pattern that does not compile', () => {
    expect(checkCustomPattern('acme_(')).toEqual({ ok: false, reason: expect.stringContaining('does not compile') });
    expect(checkCustomPattern('acme', 'q')).toEqual({ ok: false, reason: expect.stringContaining('does not compile') });
  });

  it('rejects a pattern over 500 chars', () => {
    expect(checkCustomPattern('a'.repeat(500)).ok).toBe(true);
    expect(checkCustomPattern('a'.repeat(501))).toEqual({ ok: false, reason: expect.stringContaining('500') });
  });

  it('rejects a pattern that matches the empty string', () => {
    expect(checkCustomPattern('a*')).toEqual({ ok: false, reason: expect.stringContaining('empty') });
  });

  it('keeps the flags and adds g', () => {
    const check = checkCustomPattern('acme', 'iy');
    expect(check.ok && check.pattern.flags).toBe('gi');
  });

  it('rejects in time on a long pattern', () => {
    const t = performance.now();
    checkCustomPattern('(?:[a-z]{2}|[0-9]{2})'.repeat(20));
    expect(performance.now() - t).toBeLessThan(500);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findKeys, findKeysInHtml, type KeyFinding } from '../../utils/detect';
import { AN, B64U, LOWER, MARKER, makeKey, randomString, seededRng, shapeSpec } from '../helpers/keys';

/** The one finding expected for `key` at `start`, spanning `length` chars of the text (breaks included). */
const at = (key: string, start: number, length: number, type: string, provider = 'openai', rule = `${provider}-${type}`): KeyFinding => ({
  start,
  end: start + length,
  key,
  provider: provider as KeyFinding['provider'],
  type,
  rule,
});

describe('OpenAI: any half of 20 to 100 chars, typed by prefix', () => {
  const prefixes: [string, string, string][] = [
    ['sk-', 'legacy', AN],
    ['sk-proj-', 'project', B64U],
    ['sk-svcacct-', 'service-account', B64U],
    ['sk-admin-', 'admin', B64U],
    ['sk-None-', 'none', B64U],
    ['sk-service-billing-', 'service', AN],
    ['sk-mybot-', 'service', B64U],
  ];
  const halves = Array.from({ length: 81 }, (_, i) => 20 + i);

  it.each(prefixes)('%s with every half length from 20 to 100', (prefix, type, alphabet) => {
    const rng = seededRng(prefix.length);
    for (const half of halves) {
      // Bodies end in an alphanumeric so a following '.' cannot be confused with the body.
      const body = () => randomString(rng, alphabet, half - 1) + randomString(rng, AN, 1);
      const key = prefix + body() + MARKER + body();
      const expectedType = type === 'project' && half === 20 ? 'project-early' : type;
      expect(findKeys(`key=${key}.`), `${prefix} half ${half}`).toEqual([at(key, 4, key.length, expectedType)]);
    }
  });

  it('any length pair that is not equal is no key', () => {
    fc.assert(
      fc.property(fc.integer({ min: 20, max: 100 }), fc.integer({ min: 20, max: 100 }), fc.nat(), (left, right, seed) => {
        fc.pre(left !== right);
        const rng = seededRng(seed);
        const text = 'sk-proj-' + randomString(rng, AN, left) + MARKER + randomString(rng, AN, right) + ' ';
        expect(findKeys(text)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('halves over 100 chars are no key', () => {
    const rng = seededRng(1);
    expect(findKeys('sk-proj-' + randomString(rng, AN, 101) + MARKER + randomString(rng, AN, 101) + ' ')).toEqual([]);
  });
});

describe('keys wrapped across lines', () => {
  const BREAKS = ['\n', '\r\n', ' ', '\n    ', '  \r\n\t'];
  const wrapSafe = [
    'openai-legacy-51',
    'openai-project-early-56',
    'openai-project-132',
    'openai-project-164',
    'openai-service-account-111',
    'openai-admin-133',
    'openai-none-long-164',
    'openai-service-named',
    'groq-api-key',
    'xai-api-key',
    'perplexity-api-key',
    'openrouter-api-key',
    'github-fine-grained-pat',
  ];
  /** Where the body starts: breaks are read inside bodies, not inside prefixes. */
  const prefixLength = (key: string) => {
    const marker = key.indexOf(MARKER);
    if (marker !== -1) return marker - (key.length - marker - MARKER.length);
    return ['gsk_', 'xai-', 'pplx-', 'sk-or-v1-', 'github_pat_'].find((p) => key.startsWith(p))!.length;
  };

  it.each(wrapSafe)('%s is found whole, its span covering both parts, wherever the line breaks', (shape) => {
    const spec = shapeSpec(shape);
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.constantFrom(...BREAKS), (seed, where, br) => {
        const key = spec.make(seededRng(seed));
        const from = prefixLength(key);
        const split = from + (where % (key.length - from));
        const marker = key.indexOf(MARKER);
        // The scan finds a broken marker by its last two chars: a break between them is not read.
        fc.pre(split !== marker + MARKER.length - 1);
        // Known limit: a body that starts with '-' broken before its last character reads as
        // `sk-proj-` + a named key one character short (both readings have equal halves).
        fc.pre(!(key[from] === '-' && split === key.length - 1));
        const wrapped = key.slice(0, split) + br + key.slice(split);
        const text = `My key:\n${wrapped}\nthanks`;
        expect(findKeys(text)).toEqual([{ ...at(key, 8, wrapped.length, spec.type, spec.provider, spec.rule) }]);
      }),
      { numRuns: 150 },
    );
  });

  it('reads a key over several lines of a narrow box, with indentation', () => {
    const key = makeKey('openai-project-164', seededRng(7));
    const lines = key.match(/.{1,30}/g)!;
    const text = '    ' + lines.join('\n    ') + '\n';
    expect(findKeys(text)).toEqual([at(key, 4, text.length - 5, 'project')]);
  });

  it('keeps the span of a whole key followed by a line of other text', () => {
    const key = makeKey('openai-project-132', seededRng(8));
    const text = `OPENAI_API_KEY=${key}\nOTHER=value`;
    expect(findKeys(text)).toEqual([at(key, 15, key.length, 'project')]);
  });

  it('does not join a key cut short to the next line when the lengths do not fit', () => {
    const rng = seededRng(9);
    const text = 'gsk_' + randomString(rng, AN, 30) + '\n' + randomString(rng, AN, 30) + '\n';
    expect(findKeys(text)).toEqual([]);
    const openai = 'sk-proj-' + randomString(rng, B64U, 58) + MARKER + randomString(rng, AN, 30) + '\n' + randomString(rng, AN, 20) + '\n';
    expect(findKeys(openai)).toEqual([]);
  });

  it('drops a placeholder whose run of eight goes through the break, in either half, and keeps the key when the run is cut', () => {
    const rng = seededRng(12);
    const random = () => randomString(rng, B64U, 74);
    // A 74-char half with `run` at its 30th char; the key is broken after the run's fourth char.
    const half = (run: string) => randomString(rng, B64U, 30) + run + randomString(rng, B64U, 36);
    const cases = (run: string): [string, number][] => [
      [`sk-proj-${half(run)}${MARKER}${random()}`, 8 + 34],
      [`sk-proj-${random()}${MARKER}${half(run)}`, 8 + 74 + MARKER.length + 34],
    ];
    const wrap = (key: string, split: number) => `My key:\n${key.slice(0, split)}\n${key.slice(split)}\n`;
    for (const run of ['QQQQQQQQ', 'abcdefgh']) for (const [key, split] of cases(run)) expect(findKeys(wrap(key, split)), run).toEqual([]);
    for (const run of ['QQQQZQQQ', 'abcdZfgh']) {
      for (const [key, split] of cases(run)) expect(findKeys(wrap(key, split)), run).toEqual([at(key, 8, key.length + 1, 'project')]);
    }
  });

  it('does not read Google, AWS or Stripe keys across a break (short or variable bodies)', () => {
    for (const shape of ['google-api-key', 'aws-akia', 'stripe-live-secret', 'github-pat']) {
      const key = makeKey(shape, seededRng(10));
      expect(findKeys(key.slice(0, 10) + '\n' + key.slice(10)).map((f) => f.key), shape).not.toContain(key);
    }
  });
});

describe('keys in encoded text', () => {
  const key = makeKey('openai-project-164', seededRng(11));
  it.each([
    ['a percent-escaped =', `https://x.test/?q=1&key%3D${key}&z=1`, 26],
    ['a percent-escaped space', `Authorization: Bearer%20${key}`, 24],
    ['lowercase hex', `key%3d${key}`, 6],
    ['an HTML entity', `<pre>&quot;${key}&quot;</pre>`, 11],
    ['a JSON \\n escape', `{"log":"line one\\n${key}"}`, 18],
    ['a JSON \\u escape', `{"v":"\\u0022${key}\\u0022"}`, 12],
  ])('finds a key right after %s', (_name, text, start) => {
    expect(findKeys(text)).toEqual([at(key, start, key.length, 'project')]);
  });

  it('still does not take a word for an escape', () => {
    expect(findKeys(`ta${key}`)).toEqual([]);
    expect(findKeys(`x%3${key}`)).toEqual([]);
  });
});

// Slack's placeholders are its descriptor's near-misses (utils/detect/provider/slack.ts), run in detect-negatives.
describe('Slack tokens', () => {
  const rng = seededRng(12);

  it('reports xoxe.xoxp- config tokens with their xoxe. prefix', () => {
    const key = makeKey('slack-config-token', rng);
    expect(findKeys(`token="${key}"`)).toEqual([at(key, 7, key.length, 'config-token', 'slack')]);
  });

  it('finds the d cookie, backslash included, up to a JSON \\n', () => {
    const cookie = 'xox' + 'd-' + randomString(rng, AN + '%/+=', 60) + '\\' + randomString(rng, AN, 40);
    expect(findKeys(`{"c":"d=${cookie}\\nnext"}`)).toEqual([at(cookie, 8, cookie.length, 'session-cookie', 'slack')]);
  });
});

describe('keys in an HTML paste', () => {
  const key = makeKey('openai-project-164', seededRng(13));

  it('finds a key that tags split, spanning the tags', () => {
    const html = `<p>key: <code>${key.slice(0, 8)}<b></b>${key.slice(8, 50)}</code><span>${key.slice(50)}</span></p><p>next</p>`;
    const start = html.indexOf(key.slice(0, 8));
    const end = html.indexOf(key.slice(50)) + key.length - 50;
    expect(findKeysInHtml(html, findKeys)).toEqual([at(key, start, end - start, 'project')]);
  });

  it('decodes entities inside a key and keeps a block tag as a separator', () => {
    const rng = seededRng(14);
    const left = randomString(rng, AN, 20);
    const right = randomString(rng, AN, 20);
    const legacy = 'sk-' + left + MARKER + right;
    const html = `<div>sk&#45;${left}${MARKER}${right}</div><div>more</div>`;
    expect(findKeysInHtml(html, findKeys).map((f) => [f.key, html.slice(f.start, f.end)])).toEqual([[legacy, `sk&#45;${left}${MARKER}${right}`]]);
  });

  it('finds a key in an attribute once', () => {
    const html = `<a href="https://x.test/?k=${key}">${key}</a>`;
    expect(findKeysInHtml(html, findKeys).map((f) => f.start)).toEqual([html.indexOf(key), html.lastIndexOf(key)]);
  });

  it('finds nothing in HTML without keys', () => {
    expect(findKeysInHtml('<p>sk-<b>proj</b>-' + randomString(seededRng(15), LOWER, 40) + '</p>', findKeys)).toEqual([]);
  });
});

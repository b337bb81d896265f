import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findKeys, fingerprint, redact, replaceKeys, type KeyFinding } from '../../utils/detect';
import { ALL_SHAPES, AN, makeKey, randomString, seededRng } from '../helpers/keys';

const rng = seededRng(77);

describe('redact', () => {
  it.each([
    ['openai-project-164', 'sk-proj-'],
    ['openai-legacy-51', 'sk-'],
    ['openai-service-account-111', 'sk-svcacct-'],
    ['openai-admin-133', 'sk-admin-'],
    ['openai-none-long-164', 'sk-None-'],
    ['openai-service-named', 'sk-service-'],
    ['google-api-key', 'AIza'],
    ['github-pat', 'ghp_'],
    ['github-fine-grained-pat', 'github_pat_'],
    ['anthropic-api-key', 'sk-ant-api03-'],
    ['anthropic-admin-key', 'sk-ant-admin01-'],
    ['openrouter-api-key', 'sk-or-v1-'],
    ['stripe-live-secret', 'sk_live_'],
    ['aws-asia', 'ASIA'],
    ['slack-bot-token', 'xoxb-'],
    ['slack-webhook', 'hooks.slack.com/services/'],
  ])('keeps the type prefix and the last 4 chars of %s', (shape, prefix) => {
    const key = makeKey(shape, rng);
    expect(redact(key)).toBe(prefix + '\u2026' + key.slice(-4));
  });

  it.each(ALL_SHAPES)('never shows more than the prefix and 4 secret chars of $shape', (spec) => {
    const key = spec.make(rng);
    const out = redact(key);
    const [head, tail] = out.split('\u2026');
    expect(key.startsWith(head!)).toBe(true);
    expect(tail).toBe(key.slice(-4));
    // The head is a type prefix: it ends where the random body starts.
    expect(head!.length).toBeLessThanOrEqual(key.length - 8);
    expect(out.length).toBe(head!.length + 1 + 4);
  });

  it('keeps min(4, len/4) leading chars and the last 4 of an unknown token', () => {
    expect(redact('abcdefghijklmnopqrstuvwxyz')).toBe('abcd\u2026wxyz');
    expect(redact('ACM-' + 'q'.repeat(8) + 'WXYZ')).toBe('ACM-\u2026WXYZ');
  });

  it('reveals at most a quarter of a token under 16 chars at each end', () => {
    expect(redact('ACME-' + 'q'.repeat(5) + 'WXYZ')).toBe('ACM\u2026XYZ');
    expect(redact('abcdefgh')).toBe('ab\u2026gh');
    expect(redact('abc')).toBe('\u2026');
    expect(redact('')).toBe('\u2026');
  });
});

describe('fingerprint', () => {
  it.each([
    ['a key', () => makeKey('openai-project-164', rng)],
    ['non-ASCII text', () => 'cl\u00e9-\u{1F511}-' + randomString(rng, AN, 10)],
    ['the empty string', () => ''],
  ])('is the first 16 hex digits of SHA-256 of the UTF-8 of %s', async (_name, make) => {
    const key = make();
    const expected = createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 16);
    await expect(fingerprint(key)).resolves.toBe(expected);
  });

  it('is 16 lowercase hex digits and differs between keys', async () => {
    const a = await fingerprint(makeKey('github-pat', rng));
    const b = await fingerprint(makeKey('github-pat', rng));
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(a).not.toBe(b);
  });
});

describe('replaceKeys', () => {
  it('replaces each key with its redaction by default', () => {
    const k1 = makeKey('openai-project-132', rng);
    const k2 = makeKey('aws-akia', rng);
    const text = `a=${k1}\nb=${k2}.`;
    expect(replaceKeys(text, findKeys(text))).toBe(`a=${redact(k1)}\nb=${redact(k2)}.`);
  });

  it('replaces the whole original span, invisible chars included', () => {
    const key = makeKey('google-api-key', rng);
    const text = `"${key.slice(0, 5)}\u200B${key.slice(5)}"`;
    expect(replaceKeys(text, findKeys(text), () => '[KEY]')).toBe('"[KEY]"');
  });

  it('accepts findings in any order and skips overlapping ones', () => {
    const text = '0123456789';
    const f = (start: number, end: number): KeyFinding => ({ start, end, key: '', provider: 'custom', type: 't', rule: 'custom:t' });
    expect(replaceKeys(text, [f(6, 8), f(1, 3), f(2, 4)], (x) => `<${x.start}>`)).toBe('0<1>345<6>89');
  });

  it('leaves a text without findings unchanged', () => {
    expect(replaceKeys('nothing here', [])).toBe('nothing here');
  });
});

import { describe, expect, it } from 'vitest';
import { createDetector, findKeys } from '../../utils/detect';
import { B64U, MARKER, makeKey, randomString, seededRng } from '../helpers/keys';

const MB = 1 << 20;
/** `unit` repeated to `size` chars, as one flat string (like text read from a file or the DOM). */
const fill = (unit: string, size = 5 * MB) => Buffer.from(unit.repeat(Math.ceil(size / unit.length)).slice(0, size)).toString();

/** Runs `findKeys` and checks it ends; the bound is generous on purpose, `npm run bench` measures speed. */
function timed(text: string): ReturnType<typeof findKeys> {
  const start = performance.now();
  const found = findKeys(text);
  expect(performance.now() - start).toBeLessThan(2000);
  return found;
}

describe('pathological inputs scan in linear time', () => {
  it.each([
    ['sk- repeated', 'sk-'],
    ['the marker repeated', MARKER],
    ['a repeated', 'a'],
    ['A repeated', 'A'],
    ['_ repeated', '_'],
    ['x repeated', 'x'],
    ['- repeated', '-'],
    ['-sk- and a short body', '-sk-' + 'abcdefghij'.repeat(2) + MARKER],
    ['invisible chars alternating with key chars', '\u200Ba\u00ADB\u20603\uFEFF_\u200C-\u200Dk'],
  ])('5 MB of %s', (_name, unit) => {
    expect(timed(fill(unit))).toEqual([]);
  });

  it('5 MB of sk-proj- then endless b64u without the marker', () => {
    expect(timed('sk-proj-' + randomString(seededRng(1), B64U, 5 * MB))).toEqual([]);
  });

  it('5 MB of keys separated by spaces', () => {
    const key = makeKey('openai-legacy-51', seededRng(2));
    expect(timed(fill(key + ' ')).length).toBe(Math.floor((5 * MB) / (key.length + 1)));
  });

  it('5 MB of one key with invisible chars between all its chars, repeated', () => {
    const key = makeKey('openai-project-164', seededRng(3));
    const laced = [...key].join('\u200B') + '\n';
    const found = timed(fill(laced));
    expect(found.length).toBe(Math.floor((5 * MB) / laced.length));
    expect(found.every((f) => f.key === key)).toBe(true);
  });

  it('5 MB of every prefix back to back', () => {
    const unit = 'sk-ant-api03-AI' + 'zaAKIAgsk_hf_xai-pplx-r8_sk-or-v1-ghp_github_pat_sk_live_xoxb-hooks.slack.com/services/';
    expect(timed(fill(unit))).toEqual([]);
  });

  it('a detector with a custom pattern stays bounded on 5 MB of near misses and of matches', () => {
    const detector = createDetector({ custom: [{ name: 'acme', pattern: /acme_[a-z]{8,64}/ }], customBudgetMs: 10_000 });
    let start = performance.now();
    expect(detector.findKeys(fill('acme_' + '1'.repeat(100)))).toEqual([]);
    expect(performance.now() - start).toBeLessThan(2000);
    const unit = 'acme_' + 'a'.repeat(100);
    start = performance.now();
    expect(detector.findKeys(fill(unit, unit.length * 50_000)).length).toBe(50_000);
    expect(performance.now() - start).toBeLessThan(2000);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { createDetector } from '../../utils/detect';
import { SLICE, sliceFindings } from '../../utils/guard/slices';
import { makeKey, seededRng } from '../helpers/keys';
import { guardedPage, paste, type GuardedPage } from './guard-harness';

let page: GuardedPage;
afterEach(() => page?.stop());

const detector = createDetector();

describe('big pastes', () => {
  it('finds every key of a big text slice by slice, a key across a slice boundary included, at its offsets in the whole text', () => {
    const rng = seededRng(31);
    const key = makeKey('openai-project-164', rng);
    // One long line (no line break to cut at), with a key that starts just before the first slice ends.
    const text = 'x'.repeat(SLICE - 20) + ' ' + key + ' ' + 'y '.repeat(SLICE) + makeKey('openai-project-164', rng);
    const found = [...sliceFindings(text, (t) => detector.findKeys(t))].flat();
    expect(found.map((f) => text.slice(f.start, f.end))).toEqual(detector.findKeys(text).map((f) => text.slice(f.start, f.end)));
    expect(found[0]!.key).toBe(key);
  });

  it('a paste of 3,000 keys is stopped in the event; the alert lists the first 20 and counts the rest; every key is reported', async () => {
    page = guardedPage('<textarea></textarea>');
    const rng = seededRng(32);
    const keys = Array.from({ length: 3_000 }, () => makeKey('openai-project-164', rng));
    const text = keys.map((k, i) => `KEY_${i}=${k}`).join('\n');
    expect(text.length).toBeGreaterThan(SLICE);
    const event = paste(page.win, page.doc.querySelector('textarea')!, text);
    expect(event.defaultPrevented).toBe(true);
    const alert = await page.alertShown();
    expect(alert.keys).toHaveLength(20);
    expect(alert.more).toBe(2_980);
    await page.answer({ kind: 'cancel' });
    const deadline = Date.now() + 10_000;
    while (page.sightings.length < 3_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(new Set(page.sightings.map((s) => s.fingerprint)).size).toBe(3_000);
    expect(page.sightings.every((s) => s.outcome === 'blocked')).toBe(true);
  }, 30_000);

  it('a paste whose scan takes long: the alert shows the first keys at once, counting, then the whole count; every key is redacted and reported', async () => {
    // Each slice takes 300 ms to scan: the decision (first slice) is made at once, the rest takes longer than the alert waits.
    const slowFindKeys = (t: string) => {
      const until = Date.now() + 300;
      while (Date.now() < until);
      return detector.findKeys(t);
    };
    page = guardedPage('<textarea></textarea>', {}, undefined, slowFindKeys);
    const rng = seededRng(33);
    const keys = Array.from({ length: 3_000 }, () => makeKey('openai-project-164', rng));
    const text = keys.map((k, i) => `KEY_${i}=${k}`).join('\n');
    const field = page.doc.querySelector('textarea')!;
    expect(paste(page.win, field, text).defaultPrevented).toBe(true);
    const alert = await page.alertShown();
    expect(alert.counting, 'the alert came before the scan ended').toBe(true);
    expect(alert.keys).toHaveLength(20);
    const deadline = Date.now() + 10_000;
    while (alert.counting && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(alert.counting).toBe(false);
    expect(alert.more).toBe(2_980);
    await page.answer({ kind: 'redacted' });
    while (page.sightings.length < 3_000 && Date.now() < deadline + 10_000) await new Promise((r) => setTimeout(r, 20));
    expect(new Set(page.sightings.map((s) => s.fingerprint)).size).toBe(3_000);
    expect(field.value.split('\n')).toHaveLength(3_000);
    expect(detector.findKeys(field.value)).toEqual([]);
  }, 60_000);
});

import { redact } from '../../utils/detect';
import { makeKey, seededRng } from '../helpers/keys';
import { expect, poll, test } from './fixtures';
import { GuardPage, testKey } from './guard-helpers';
import { message, overview } from './inventory-helpers';

/**
 * What is stored is never a key, and nothing is dropped: a real paste of 10,000 keys (the outbox used to keep 2,000) is held, the
 * alert lists the first keys and counts the rest, and every key gets one sighting; a key in the
 * page's URL path is stored redacted. (The 100,000-key paste's timings are `npm run bench:browser` rows.)
 */
test.describe('big inputs and what is stored', () => {
  test('one real paste of 10,000 keys, 1,000 of them twice: held, the alert counts the rest, and each key is recorded once (the outbox used to keep 2,000 and drop the rest)', async ({ kw }) => {
    test.setTimeout(300_000);
    const rng = seededRng(150);
    const keys = Array.from({ length: 10_000 }, () => makeKey('openai-project-164', rng));
    // The first 1,000 keys come again at the end: one paste is one sighting per key, however often it holds it.
    const lines = [...keys, ...keys.slice(0, 1_000)].map((k, i) => `KEY_${i}=${k}`);
    const g = await GuardPage.open(kw, 'issue');
    expect(await g.realPaste('body', lines.join('\n')), 'the clipboard was written').toBe(true);
    await g.waitAlert('block', 60_000);
    // A big paste's alert may come before the scan ends ("still counting"); the whole count follows.
    const alert = await g.alertPage.until((v) => (v && /and 9,?980 more keys/.test(v.text) ? v : null), 'the whole count', 60_000);
    expect(alert.heading).toMatch(/KeyWard stopped 10,?000 API keys/);
    await g.clickAlert('Cancel');
    await g.waitNoAlert();
    expect(await g.text('body')).toBe('');
    expect(await g.pageSaw(keys[0]!)).toBe(false);
    const popup = await kw.openExtensionPage('popup.html');
    expect(await poll(async () => (await overview(popup)).total >= 10_000, 240_000, 'the inventory to hold 10,000 sightings')).toBe(true);
    const stored = await overview(popup);
    expect(stored.total, 'one sighting per key, the repeated ones included').toBe(10_000);
    expect(stored.overLimit, 'none counted and left out').toBeUndefined();
    expect(stored.keys.every((k) => k.count === 1)).toBe(true);
    expect(stored.keys.map((k) => k.redacted).sort(), 'every key is there').toEqual(keys.map((k) => redact(k)).sort());
  });

  test('a key in the page path is stored redacted, never whole', async ({ kw }) => {
    const { key } = testKey(151);
    const { key: inPath } = testKey(152);
    const g = await GuardPage.open(kw, 'issue');
    // A single-page app puts a token in its URL (the page does it; no request is made).
    await g.page.evaluate((k) => history.replaceState(null, '', `/octo/repo/issues/new/${k}`), inPath);
    expect(await g.realPaste('body', key)).toBe(true);
    await g.waitAlert('block');
    await g.clickAlert('Cancel');
    const popup = await kw.openExtensionPage('popup.html');
    expect(await poll(async () => (await overview(popup)).total === 1, 10_000, 'the sighting to be recorded')).toBe(true);
    const stored = JSON.stringify((await message(popup, 'exportInventory', {})).data);
    expect(stored).toContain('/octo/repo/issues/new/sk-');
    expect(stored).not.toContain(inPath);
    expect(stored).not.toContain(key);
  });
});

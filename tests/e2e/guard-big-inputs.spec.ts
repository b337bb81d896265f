import { makeKey, seededRng } from '../helpers/keys';
import { expect, poll, test } from './fixtures';
import { GuardPage, testKey } from './guard-helpers';
import { message, overview } from './inventory-helpers';

/**
 * What is stored is never a key, and nothing is dropped: a real paste of 3,000 keys (more than the 2,000 the outbox used to keep) is held, the
 * alert lists the first keys and counts the rest, and every key gets its sighting; a key in the
 * page's URL path is stored redacted. (The 100,000-key paste's timings are `npm run bench:browser` rows.)
 */
test.describe('big inputs and what is stored', () => {
  test('one real paste of 3,000 keys: held, the alert counts the rest, and 3,000 sightings are recorded (the outbox used to keep 2,000)', async ({ kw }) => {
    test.setTimeout(240_000);
    const rng = seededRng(150);
    const keys = Array.from({ length: 3_000 }, () => makeKey('openai-project-164', rng));
    const g = await GuardPage.open(kw, 'issue');
    expect(await g.realPaste('body', keys.map((k, i) => `KEY_${i}=${k}`).join('\n')), 'the clipboard was written').toBe(true);
    await g.waitAlert('block', 60_000);
    // A big paste's alert may come before the scan ends ("still counting"); the whole count follows.
    const alert = await g.alertPage.until((v) => (v && /and 2,?980 more keys/.test(v.text) ? v : null), 'the whole count', 60_000);
    expect(alert.heading).toContain('KeyWard stopped 3000 API keys');
    await g.clickAlert('Cancel');
    await g.waitNoAlert();
    expect(await g.text('body')).toBe('');
    expect(await g.pageSaw(keys[0]!)).toBe(false);
    const popup = await kw.openExtensionPage('popup.html');
    expect(await poll(async () => (await overview(popup)).total === 3_000, 150_000, 'the inventory to hold 3,000 sightings')).toBe(true);
    expect((await overview(popup)).keys).toHaveLength(3_000);
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

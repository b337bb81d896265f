import { expect, poll, test } from './fixtures';
import { GuardPage, setUserSettings, testKey } from './guard-helpers';
import { overview } from './inventory-helpers';

/**
 * Only the user's own actions become sightings. A page that makes up keys and pastes them at itself
 * by script (untrusted events) gets them blocked like any paste, but records nothing; and a tab that
 * records more than 60 sightings a minute has the rest counted, not recorded.
 */
test.describe("the inventory holds the user's own sightings", () => {
  test('script-made pastes, drops and typing are blocked the same way but not recorded; a real paste is', async ({ kw }) => {
    const g = await GuardPage.open(kw, 'issue');
    // The page pastes, drops and types made-up keys at itself.
    for (let i = 0; i < 20; i++) {
      const { key } = testKey(700 + i);
      await g.paste('body', `forged ${key}`);
      await g.waitAlert('block');
      expect(await g.pageSaw(key), 'a script-made paste is blocked like the user\'s').toBe(false);
    }
    const dropped = testKey(730);
    await g.drop('title', { text: dropped.key });
    await g.waitAlert('block');
    expect(await g.pageSaw(dropped.key)).toBe(false);
    const typed = testKey(731, 'github-pat');
    await g.page.evaluate((text) => {
      const el = window.__kw.fields.title!.target() as HTMLInputElement;
      el.value = text;
      el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
    }, `x ${typed.key}`);
    await g.waitAlert('warn');

    // The user's own paste of their real key, after all that.
    const mine = testKey(740, 'anthropic-api-key');
    expect(await g.realPaste('body', mine.key), 'the browser wrote the system clipboard').toBe(true);
    await g.waitAlert('block');
    await g.clickAlert('Cancel');
    await g.waitNoAlert();

    const popup = await kw.openExtensionPage('popup.html');
    const inventory = await poll(async () => {
      const o = await overview(popup);
      return o.total > 0 ? o : undefined;
    }, 10_000, "the user's sighting to reach the inventory");
    expect(inventory!.keys.map((k) => k.redacted)).toEqual([mine.redacted]);
    expect(inventory!.total).toBe(1);
  });

  test('a tab records at most 60 sightings a minute; the rest are counted and the popup says so', async ({ kw }) => {
    // Redact mode: each real paste is recorded at once, with no choice to wait for.
    await setUserSettings(kw, { actions: { paste: 'redact' } });
    const g = await GuardPage.open(kw, 'issue');
    const { key, redacted } = testKey(750);
    const started = Date.now();
    expect(await g.realPaste('body', `${key}\n`), 'the browser wrote the system clipboard').toBe(true);
    for (let i = 1; i < 65; i++) {
      // Back in the field before each paste, wherever the notice left the focus.
      await g.focus('body');
      await g.page.press('Control+V');
    }
    await expect.poll(() => g.text('body').then((t) => t.split(redacted).length - 1), { timeout: 30_000 }).toBe(65);
    const minutes = Math.ceil((Date.now() - started) / 60_000);

    const popup = await kw.openExtensionPage('popup.html');
    const counted = await poll(async () => {
      const o = await overview(popup);
      return o.total + (o.overLimit?.count ?? 0) === 65 ? o : undefined;
    }, 15_000, 'all 65 sightings to be recorded or counted');
    if (minutes === 1) {
      expect(counted!.total).toBe(60);
      expect(counted!.overLimit).toMatchObject({ count: 5, lastOrigin: 'https://github.com' });
    } else {
      // A machine so busy that the pastes took more than a minute: the bound holds per minute.
      expect(counted!.total).toBeLessThanOrEqual(60 * minutes);
    }
    if (!counted!.overLimit) return;
    const shown = await kw.openExtensionPage('popup.html');
    const line = await shown.waitFor(() => document.querySelector('.over-limit')?.textContent);
    expect(line).toContain(`${counted!.overLimit.count} sightings were not recorded`);
  });
});

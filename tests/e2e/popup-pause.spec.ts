import { expect, test, type KwPage } from './fixtures';

/** Pausing KeyWard on a site from the popup: at once, for a chosen time, and back on when the time is up. */

const PAGE = '<!doctype html><title>New issue</title><textarea id="body"></textarea>';

/** Reads or writes KeyWard's local storage from an extension page. */
function storageLocal<T>(page: KwPage, action: 'get' | 'set', value: Record<string, unknown> | string): Promise<T> {
  return page.evaluate(
    async ({ action, value }) => {
      const api = ((globalThis as { browser?: unknown }).browser ?? (globalThis as { chrome?: unknown }).chrome) as {
        storage: { local: { get(k: string): Promise<Record<string, unknown>>; set(v: object): Promise<void> } };
      };
      return (action === 'get' ? (await api.storage.local.get(value as string))[value as string] : await api.storage.local.set(value as object)) as never;
    },
    { action, value },
  );
}

test.describe('pausing on a site', () => {
  test('"For 1 hour" shows the pause at once, stops the guard in the open tab, and the guard comes back when the time is up', async ({ kw, page }) => {
    await kw.route('https://github.com/', { '/octo/repo/issues/new': PAGE });
    await page.goto('https://github.com/octo/repo/issues/new');
    await page.waitFor(() => document.documentElement.dataset.keywardGuard === 'on');
    const popup = await kw.openExtensionPage('popup.html');
    await popup.waitFor(() => document.querySelector('.site-control')?.getAttribute('data-site-state') === 'guarded');

    // The popup switches in the same task as the click: no wait for the settings to save.
    const atOnce = await popup.evaluate(() => {
      document.querySelector<HTMLButtonElement>('button.pause-site-hour')!.click();
      return new Promise<string | null>((done) =>
        requestAnimationFrame(() => done(`${document.querySelector('.site-control')?.getAttribute('data-site-state')}|${document.querySelector('.site-note')?.textContent}`)),
      );
    });
    expect(atOnce).toBe('paused|Paused on github.com for 1 hour. KeyWard does not check what you paste or type here.');
    expect(await page.waitFor(() => document.documentElement.dataset.keywardGuard === 'paused')).toBe(true);
    const ends = await storageLocal<Record<string, number>>(popup, 'get', 'keyward:pause-ends');
    const end = ends['*://github.com/*']!;
    expect(end - Date.now()).toBeGreaterThan(55 * 60 * 1000);
    expect(end - Date.now()).toBeLessThanOrEqual(60 * 60 * 1000);

    // The hour is up (moved to now): the background resumes the site and the open tab is guarded again.
    await storageLocal(popup, 'set', { 'keyward:pause-ends': { '*://github.com/*': Date.now() + 200 } });
    expect(await page.waitFor(() => document.documentElement.dataset.keywardGuard === 'on', undefined, 60_000)).toBe(true);
  });
});

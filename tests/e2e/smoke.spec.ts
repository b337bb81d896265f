import { expect, test } from './fixtures';

test.describe('the extension in a real browser', () => {
  test('loads, runs its content script on a real site URL, and opens its popup', async ({ kw, page }) => {
    await kw.route('https://github.com/', { '/octo/repo/issues/new': '<!doctype html><title>New issue</title><textarea id="body"></textarea>' });
    await page.goto('https://github.com/octo/repo/issues/new');
    expect(await page.waitFor(() => document.documentElement.dataset.keywardGuard)).toBe('on');

    const popup = await kw.openExtensionPage('popup.html');
    expect(await popup.waitFor(() => document.querySelector('h1')?.textContent)).toBe('KeyWard');
  });

  test('does not run on a site it does not guard', async ({ kw, page }) => {
    await kw.route('https://example.org/', { '/': '<!doctype html><textarea></textarea>' });
    await page.goto('https://example.org/');
    await page.waitFor(() => document.readyState === 'complete');
    expect(await page.evaluate(() => document.documentElement.dataset.keywardGuard ?? null)).toBeNull();
  });
});

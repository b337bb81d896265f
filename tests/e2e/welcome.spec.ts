import { expect, test, type KwPage } from './fixtures';

/** The page KeyWard opens on install. */

/** The paths of KeyWard's own pages open in tabs, seen from one of them. */
function openPages(page: KwPage): Promise<string[]> {
  return page.evaluate(() => {
    const api = ((globalThis as { browser?: unknown }).browser ?? (globalThis as { chrome?: unknown }).chrome) as {
      extension: { getViews(q: object): Window[] };
    };
    return api.extension.getViews({ type: 'tab' }).map((w) => w.location.pathname);
  });
}

test.describe('the welcome page', () => {
  test('opens on install', async ({ kw }) => {
    const page = await kw.openExtensionPage('popup.html');
    expect(await page.waitFor(async () => {
      const api = ((globalThis as { browser?: unknown }).browser ?? (globalThis as { chrome?: unknown }).chrome) as {
        extension: { getViews(q: object): Window[] };
      };
      return api.extension.getViews({ type: 'tab' }).some((w) => w.location.pathname === '/welcome.html') || undefined;
    })).toBe(true);
    expect(await openPages(page)).toContain('/welcome.html');
  });

  test('says where KeyWard guards, what the modes mean and what stays here; the try field catches a made-up key', async ({ kw }) => {
    const page = await kw.openExtensionPage('welcome.html');
    const text = await page.waitFor(() => document.querySelector('main')?.textContent);
    expect(text).toContain('chatgpt.com');
    expect(text).toContain('github.com');
    for (const mode of ['Block (ask first)', 'Warn (let it through)', 'Redact automatically', 'Off']) expect(text).toContain(mode);
    expect(text).toContain('What never leaves your browser');

    await page.click('button.make-key');
    const result = await page.waitFor(() => document.querySelector('.try-result')?.textContent || undefined);
    expect(result).toMatch(/^KeyWard caught an Anthropic key \(sk-ant-api03-…\S{4}\)\. On a guarded site the page would not have seen it/);
    // Only the redacted form is shown: the key itself is in the field the user typed into, nowhere else.
    const field = await page.evaluate(() => document.querySelector<HTMLTextAreaElement>('#try-field')!.value);
    const key = field.replace('My key is ', '');
    expect(await page.evaluate((key) => document.body.textContent!.includes(key), key)).toBe(false);

    // Typing ordinary text finds nothing.
    await page.focus('#try-field');
    await page.evaluate(() => {
      const f = document.querySelector<HTMLTextAreaElement>('#try-field')!;
      f.value = '';
    });
    await page.type('hello world');
    expect(await page.waitFor(() => (document.querySelector('.try-result')?.textContent === 'No key found in this text.' ? true : undefined))).toBe(true);

    // The settings link.
    await page.click('a.settings-link');
    expect(await page.waitFor(async () => {
      const api = ((globalThis as { browser?: unknown }).browser ?? (globalThis as { chrome?: unknown }).chrome) as {
        extension: { getViews(q: object): Window[] };
      };
      return api.extension.getViews({ type: 'tab' }).some((w) => w.location.pathname === '/options.html') || undefined;
    })).toBe(true);
  });
});

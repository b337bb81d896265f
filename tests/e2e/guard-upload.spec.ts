import { expect, test } from './fixtures';
import { GuardPage, testKey } from './guard-helpers';

/** File inputs: a text-like file with a key is scanned before the site reads it; blocked, the selection is cleared. */
test.describe('a chosen file with a key', () => {
  for (const [site, selector] of [
    ['issue', '#attach'],
    ['claude', 'input[data-testid="file-upload"]'],
  ] as const) {
    test(`is blocked before the ${site} page's change handler gets it`, async ({ kw }) => {
      const { key, redacted } = testKey(61);
      const g = await GuardPage.open(kw, site);
      await g.chooseFile(selector, { name: 'settings.json', content: `{"apiKey": "${key}"}`, type: 'application/json' });
      const alert = await g.waitAlert('block');
      expect(alert.text, 'the alert names the file').toContain('settings.json');
      expect(alert.text).toContain(redacted);
      expect(alert.text).not.toContain(key);
      expect(await g.fileCount(selector), 'the selection is cleared').toBe(0);
      await new Promise((r) => setTimeout(r, 500));
      expect(await g.uploads(), "the page's own change handler never got the file").toEqual([]);
      expect(await g.pageSaw(key)).toBe(false);
    });
  }

  test('"Attach with key redacted" hands the page a redacted copy', async ({ kw }) => {
    const { key, redacted } = testKey(62);
    const g = await GuardPage.open(kw, 'issue');
    await g.chooseFile('#attach', { name: 'notes.txt', content: `line one\nkey ${key}\n` });
    await g.waitAlert('block');
    await g.clickAlert('Attach with key redacted');
    await expect.poll(() => g.uploads()).toEqual(['notes.txt']);
    await expect.poll(() => g.pageSaw(`key ${redacted}`)).toBe(true);
    expect(await g.pageSaw(key)).toBe(false);
  });

  test('a file chosen through the real file chooser (Chromium: setInputFiles)', async ({ kw }) => {
    test.skip(kw.engine !== 'chromium', 'Playwright setInputFiles drives Chromium only; Firefox is covered by the DataTransfer choice above');
    const { key } = testKey(63);
    const g = await GuardPage.open(kw, 'issue');
    const raw = (g.page as unknown as { raw: import('@playwright/test').Page }).raw;
    await raw.setInputFiles('#attach', { name: 'id_token.txt', mimeType: 'text/plain', buffer: Buffer.from(`token ${key}\n`) });
    const alert = await g.waitAlert('block');
    expect(alert.text).toContain('id_token.txt');
    expect(await g.fileCount('#attach')).toBe(0);
    await new Promise((r) => setTimeout(r, 500));
    expect(await g.uploads()).toEqual([]);
    expect(await g.pageSaw(key)).toBe(false);
  });
});

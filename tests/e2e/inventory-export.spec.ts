import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { expect, test, type KwPage } from './fixtures';
import { record, sighting } from './inventory-helpers';

/**
 * Clicks an export button and returns the saved file's name and content.
 * Chromium: the real download (Playwright's download event, then the file on disk).
 * Firefox: puppeteer's BiDi session offers no download event for the default profile, so the page's
 * own Blob is read back: `URL.createObjectURL` and the `<a download>` click are observed, the file's
 * name taken from the link and its content from the Blob the link points at.
 */
async function exportFile(popup: KwPage, button: string): Promise<{ name: string; text: string }> {
  if (popup.engine === 'chromium') {
    const raw = (popup as unknown as { raw: Page }).raw;
    const [download] = (await Promise.all([raw.waitForEvent('download'), popup.click(button)])) as [Download, void];
    return { name: download.suggestedFilename(), text: await readFile((await download.path())!, 'utf8') };
  }
  await popup.evaluate(() => {
    const seen: { name: string; text?: string }[] = [];
    (window as unknown as { saved: typeof seen }).saved = seen;
    const blobs = new Map<string, Blob>();
    const create = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (blob: Blob) => {
      const url = create(blob);
      blobs.set(url, blob);
      return url;
    };
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      const entry: { name: string; text?: string } = { name: this.download };
      seen.push(entry);
      // Bytes as saved: Blob.text() would drop a byte order mark.
      void blobs.get(this.href)?.arrayBuffer().then((b) => (entry.text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(b)));
      click.call(this);
    };
  });
  await popup.click(button);
  return popup.waitFor(() => (window as unknown as { saved: { name: string; text?: string }[] }).saved.find((s) => s.text !== undefined) as { name: string; text: string });
}

test.describe('exporting the inventory', () => {
  test('JSON and CSV files hold redacted forms and fingerprints, every sighting', async ({ kw }) => {
    const popup = await kw.openExtensionPage('popup.html');
    await record(popup, [
      sighting(1, { time: Date.UTC(2026, 0, 1, 12), outcome: 'inserted-anyway', justification: 'test key, "revoked"' }),
      sighting(1, { time: Date.UTC(2026, 0, 2, 12), origin: 'https://chatgpt.com', path: '/c/1' }),
      sighting(2, { time: Date.UTC(2026, 0, 3, 12), provider: 'github', redacted: 'ghp_…Q7mz', type: 'classic token', outcome: 'warned' }),
    ]);
    await popup.evaluate(() => location.reload());
    await popup.waitFor(() => document.querySelectorAll('li.key').length === 2);

    const json = await exportFile(popup, 'button.export-json');
    expect(json.name).toMatch(/^keyward-inventory-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(json.text);
    expect(data.format).toBe('keyward-inventory/1');
    expect(data.keys.map((k: { redacted: string; sightings: number }) => [k.redacted, k.sightings])).toEqual([
      ['ghp_…Q7mz', 1],
      ['sk-proj-…0001', 2],
    ]);
    expect(data.sightings).toHaveLength(3);
    expect(data.sightings[0]).toEqual({
      time: '2026-01-01T12:00:00.000Z',
      fingerprint: '0000000000000001',
      redacted: 'sk-proj-…0001',
      provider: 'openai',
      type: 'project key',
      origin: 'https://github.com',
      path: '/octo/repo/issues/new',
      event: 'paste',
      outcome: 'inserted-anyway',
      justification: 'test key, "revoked"',
      afterRotation: false,
    });

    const csv = await exportFile(popup, 'button.export-csv');
    expect(csv.name).toMatch(/^keyward-inventory-\d{4}-\d{2}-\d{2}\.csv$/);
    // UTF-8 with a byte order mark: spreadsheet programs then read "…" as one character.
    expect(csv.text.charCodeAt(0)).toBe(0xfeff);
    // The popup says what it saved.
    expect(await popup.waitFor(() => (document.querySelector('.notice')?.textContent?.includes('.csv') ? document.querySelector('.notice')!.textContent : undefined))).toMatch(/^Saved 3 sightings of 2 keys as keyward-inventory-\d{4}-\d{2}-\d{2}\.csv/);
    const lines = csv.text.slice(1).trimEnd().split('\r\n');
    expect(lines).toEqual([
      'time,fingerprint,redacted,provider,type,origin,path,event,outcome,justification,after_rotation',
      '2026-01-01T12:00:00.000Z,0000000000000001,sk-proj-…0001,openai,project key,https://github.com,/octo/repo/issues/new,paste,inserted-anyway,"test key, ""revoked""",false',
      '2026-01-02T12:00:00.000Z,0000000000000001,sk-proj-…0001,openai,project key,https://chatgpt.com,/c/1,paste,blocked,,false',
      '2026-01-03T12:00:00.000Z,0000000000000002,ghp_…Q7mz,github,classic token,https://github.com,/octo/repo/issues/new,paste,warned,,false',
    ]);
  });
});

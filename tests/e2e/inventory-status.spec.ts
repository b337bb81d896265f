import { expect, poll, test, type KwPage } from './fixtures';
import { badgeText, record, sighting } from './inventory-helpers';

/**
 * Each key's exposure status, as the popup shows it: the "keys to rotate" view on top, the same
 * status (words and colour) in the list and on the key page, through block → insert anyway → rotate
 * → seen again.
 */

const FP = '0000000000000001';

/** Reloads the popup page as a user reopening it (puppeteer's reload never sees a moz-extension:// load finish). */
async function reopen(popup: KwPage): Promise<void> {
  await popup.evaluate(() => {
    (window as { stale?: boolean }).stale = true;
    setTimeout(() => location.reload(), 0);
  });
  await popup.waitFor(() => !(window as { stale?: boolean }).stale && document.readyState === 'complete' && !!document.querySelector('main') && !document.querySelector('.loading'));
}

/** The status tag of a key in the list: its text, status and background colour. */
function listTag(popup: KwPage, fingerprint = FP) {
  return popup.waitFor((fp) => {
    const tag = document.querySelector<HTMLElement>(`li.key[data-fingerprint="${fp}"] .tag.status`);
    return tag ? { text: tag.textContent, status: tag.dataset.status, colour: getComputedStyle(tag).backgroundColor } : undefined;
  }, fingerprint);
}

/** The "N keys to rotate" heading, or '' when there is none. */
function toRotateTitle(popup: KwPage): Promise<string> {
  return popup.evaluate(() => document.querySelector('#to-rotate-title')?.textContent ?? '');
}

async function setField(popup: KwPage, name: string, value: string): Promise<void> {
  await popup.evaluate(
    ({ name, value }) => {
      const field = document.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`)!;
      field.value = value;
      field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
    },
    { name, value },
  );
}

test.describe('exposure status', () => {
  test('block → insert anyway → rotate → seen again: the status the list, the key page and the badge show', async ({ kw }) => {
    // Four reopenings of the popup: past a minute in Firefox on a busy machine.
    test.slow();
    const popup = await kw.openExtensionPage('popup.html');
    const now = Date.now();
    // Blocked: stopped, nothing to rotate.
    await record(popup, [sighting(1, { time: now - 60_000, outcome: 'blocked' })]);
    await reopen(popup);
    expect(await listTag(popup)).toMatchObject({ text: 'Stopped', status: 'stopped' });
    expect(await toRotateTitle(popup)).toBe('');

    // Then inserted anyway into chatgpt.com: exposed, on top with where, when and how.
    await record(popup, [sighting(1, { time: now - 30_000, outcome: 'inserted-anyway', origin: 'https://chatgpt.com', path: '/c/1', event: 'paste' })]);
    await reopen(popup);
    const exposed = (await listTag(popup))!;
    expect(exposed).toMatchObject({ text: 'Exposed: rotate it', status: 'exposed' });
    expect(await toRotateTitle(popup)).toBe('1 key to rotate');
    const item = await popup.evaluate(() => {
      const li = document.querySelector('.to-rotate li.rotate-item')!;
      return { exposure: li.querySelector('.exposure')?.textContent, revoke: li.querySelector<HTMLAnchorElement>('a.revoke-link')?.href, rotate: !!li.querySelector('button.rotate') };
    });
    expect(item.exposure).toMatch(/^Inserted anyway \(paste\) on chatgpt\.com, /);
    expect(item.revoke).toBe('https://platform.openai.com/api-keys');
    expect(item.rotate).toBe(true);
    expect(await poll(async () => (await badgeText(popup)) === '1', 10_000, 'the badge to count 1 key to rotate')).toBe(true);
    // The key page says the same, in the same colour.
    await popup.click(`li.key[data-fingerprint="${FP}"] a.key-link`);
    const page = await popup.waitFor(() => {
      const tag = document.querySelector<HTMLElement>('.key-page .tag.status');
      return tag ? { text: tag.textContent, colour: getComputedStyle(tag).backgroundColor } : undefined;
    });
    expect(page).toEqual({ text: exposed.text, colour: exposed.colour });
    await popup.goto(`${kw.extensionOrigin}/popup.html#/`);
    await reopen(popup);

    // "I rotated it" from the keys-to-rotate view: rotated, with its date, and off the badge.
    await popup.click('.to-rotate button.rotate');
    const rotated = await popup.waitFor(() => (document.querySelector('li.key .tag.status-rotated') ? document.querySelector('li.key .tag.status')!.textContent : undefined));
    expect(rotated).toMatch(/^Rotated \S/);
    expect(await toRotateTitle(popup)).toBe('');
    expect(await poll(async () => (await badgeText(popup)) === '', 10_000, 'the badge to clear')).toBe(true);

    // Seen again after rotation, let through after a warning on claude.ai: exposed again.
    await record(popup, [sighting(1, { time: Date.now() + 1000, outcome: 'warned', origin: 'https://claude.ai', path: '/chat/1', event: 'typing' })]);
    await reopen(popup);
    const again = await listTag(popup);
    expect(again).toMatchObject({ text: 'Exposed again after rotation', status: 'exposed-again', colour: exposed.colour });
    expect(await toRotateTitle(popup)).toBe('1 key to rotate');
    expect(await popup.evaluate(() => document.querySelector('.to-rotate .exposure')?.textContent)).toMatch(/^Let through after a warning \(typing\) on claude\.ai, /);
    await popup.click(`li.key[data-fingerprint="${FP}"] a.key-link`);
    const note = await popup.waitFor(() => document.querySelector('.key-page .rotated-note')?.textContent);
    expect(note).toContain('The old key is still in use');
    expect(await popup.evaluate(() => document.querySelector('.key-page .tag.status')?.textContent)).toBe('Exposed again after rotation');
    // Its outcome row says what happened, not "Done".
    await popup.goto(`${kw.extensionOrigin}/popup.html#/`);
    await reopen(popup);
    expect(await popup.evaluate(() => [...document.querySelectorAll('li.key dt')].map((d) => d.textContent))).toContain('What happened');
  });

  test('"N keys to rotate": the first few with their actions, all of them one click away, undo after "I rotated it"', async ({ kw }) => {
    test.slow();
    const popup = await kw.openExtensionPage('popup.html');
    const now = Date.now();
    await record(popup, [
      ...[1, 2, 3, 4, 5].map((n) => sighting(n, { time: now - n * 1000, outcome: 'inserted-anyway', origin: 'https://chatgpt.com' })),
      sighting(6, { time: now, outcome: 'blocked' }),
      sighting(7, { time: now, outcome: 'redacted', provider: 'anthropic', redacted: 'sk-ant-…Lm7k', origin: 'https://claude.ai' }),
    ]);
    await reopen(popup);
    await popup.waitFor(() => document.querySelectorAll('li.key').length === 7);
    expect(await toRotateTitle(popup)).toBe('5 keys to rotate');
    expect(await popup.evaluate(() => document.querySelectorAll('.to-rotate li.rotate-item').length)).toBe(3);
    // The most recent first.
    expect(await popup.evaluate(() => document.querySelector<HTMLElement>('.to-rotate li.rotate-item')?.dataset.fingerprint)).toBe('0000000000000001');

    await popup.click('.to-rotate button.show-to-rotate');
    expect(await popup.waitFor(() => (document.querySelector('.count')?.textContent === '5 of 7 keys' ? true : undefined))).toBe(true);
    expect(await popup.evaluate(() => document.querySelector<HTMLSelectElement>('select[name="status"]')?.value)).toBe('to-rotate');

    await popup.click('.to-rotate li.rotate-item button.rotate');
    expect(await popup.waitFor(() => (document.querySelector('#to-rotate-title')?.textContent === '4 keys to rotate' ? true : undefined))).toBe(true);
    expect(await popup.evaluate(() => document.querySelector('.notice')?.textContent)).toContain('Marked rotated.');
    await popup.click('.notice button.undo');
    expect(await popup.waitFor(() => (document.querySelector('#to-rotate-title')?.textContent === '5 keys to rotate' ? true : undefined))).toBe(true);

    // Status filter and sort.
    await setField(popup, 'status', 'stopped');
    expect(await popup.evaluate(() => [...document.querySelectorAll<HTMLElement>('li.key')].map((li) => li.dataset.fingerprint).sort())).toEqual([
      '0000000000000006',
      '0000000000000007',
    ]);
    await setField(popup, 'status', '');
    await setField(popup, 'sort', 'status');
    expect(await popup.evaluate(() => [...document.querySelectorAll('li.key .tag.status')].map((t) => (t as HTMLElement).dataset.status))).toEqual([
      'exposed',
      'exposed',
      'exposed',
      'exposed',
      'exposed',
      'stopped',
      'stopped',
    ]);
  });

  test('search matches sites and providers, and says when nothing matches', async ({ kw }) => {
    const popup = await kw.openExtensionPage('popup.html');
    await record(popup, [
      sighting(1, { origin: 'https://chatgpt.com' }),
      sighting(2, { provider: 'anthropic', redacted: 'sk-ant-…Lm7k', origin: 'https://claude.ai' }),
      sighting(3),
    ]);
    await reopen(popup);
    await popup.waitFor(() => document.querySelectorAll('li.key').length === 3);
    const shown = () => popup.evaluate(() => [...document.querySelectorAll<HTMLElement>('li.key')].map((li) => li.dataset.fingerprint));
    await setField(popup, 'search', 'chatgpt');
    expect(await shown()).toEqual(['0000000000000001']);
    await setField(popup, 'search', 'Anthropic');
    expect(await shown()).toEqual(['0000000000000002']);
    await setField(popup, 'search', 'nowhere-at-all');
    expect(await shown()).toEqual([]);
    expect(await popup.evaluate(() => document.querySelector('.no-match')?.textContent)).toContain('No key matches “nowhere-at-all”.');
    await popup.click('.no-match button.clear-filters');
    expect(await popup.waitFor(() => (document.querySelectorAll('li.key').length === 3 ? true : undefined))).toBe(true);
  });

  test('deleting a sighting can be undone', async ({ kw }) => {
    const popup = await kw.openExtensionPage('popup.html');
    await record(popup, [sighting(1, { time: Date.now() - 2000 }), sighting(1, { time: Date.now() - 1000, origin: 'https://chatgpt.com', outcome: 'inserted-anyway' })]);
    await popup.goto(`${kw.extensionOrigin}/popup.html#/key/${FP}`);
    await reopen(popup);
    await popup.waitFor(() => document.querySelectorAll('table.sightings tbody tr').length === 2);
    await popup.click('button.delete-sighting');
    await popup.waitFor(() => document.querySelectorAll('table.sightings tbody tr').length === 1);
    // The deleted one was the exposure: the key is now only stopped.
    expect(await popup.evaluate(() => document.querySelector('.key-page .tag.status')?.textContent)).toBe('Stopped');
    expect(await popup.evaluate(() => document.querySelector('.notice')?.textContent)).toContain('Deleted the sighting on chatgpt.com.');
    await popup.click('.notice button.undo');
    await popup.waitFor(() => document.querySelectorAll('table.sightings tbody tr').length === 2);
    expect(await popup.waitFor(() => document.querySelector('.key-page .tag.status')?.textContent)).toBe('Exposed: rotate it');
  });

  test('"Allow this test key" on a key page adds it to the allowlist, and can be taken back', async ({ kw }) => {
    const popup = await kw.openExtensionPage('popup.html');
    await record(popup, [sighting(1)]);
    await popup.goto(`${kw.extensionOrigin}/popup.html#/key/${FP}`);
    await reopen(popup);
    await popup.waitFor(() => !!document.querySelector('button.allow-key-button'));
    await popup.click('button.allow-key-button');
    expect(await popup.waitFor(() => document.querySelector('.allow-note')?.textContent)).toContain('lets this key through from now on');
    const allowlist = () =>
      popup.evaluate(async () => {
        const api = ((globalThis as { browser?: unknown }).browser ?? (globalThis as { chrome?: unknown }).chrome) as {
          storage: { local: { get(k: null): Promise<Record<string, unknown>> } };
        };
        return JSON.stringify(await api.storage.local.get(null));
      });
    expect(await allowlist()).toContain(FP);
    await popup.waitFor(() => !!document.querySelector('button.disallow-key'));
    await popup.click('button.disallow-key');
    expect(await popup.waitFor(() => (document.querySelector('.allow-note')?.textContent?.includes('stops this key again') ? true : undefined))).toBe(true);
    expect(await poll(async () => !(await allowlist()).includes(FP), 10_000, 'the fingerprint to leave the allowlist')).toBe(true);
  });
});

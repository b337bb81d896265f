import { expect, poll, test, type KwPage } from './fixtures';
import { badgeText, badgeTitle, message, overview, record, sighting } from './inventory-helpers';

/** The text of every key row in the popup list, in order. */
function rows(popup: KwPage): Promise<string[]> {
  return popup.evaluate(() => [...document.querySelectorAll('li.key')].map((li) => li.textContent ?? ''));
}

/** Reloads the popup page as a user reopening it (puppeteer's reload never sees a moz-extension:// load finish). */
async function reopen(popup: KwPage): Promise<void> {
  await popup.evaluate(() => {
    (window as { stale?: boolean }).stale = true;
    setTimeout(() => location.reload(), 0);
  });
  await popup.waitFor(() => !(window as { stale?: boolean }).stale && document.readyState === 'complete' && !!document.querySelector('main') && !document.querySelector('.loading'));
}

function badgeIs(popup: KwPage, text: string): Promise<boolean> {
  return poll(async () => (await badgeText(popup)) === text, 10_000, `the badge to read "${text}"`);
}

/** Sets a <select> or <input> the way a user would and waits for the list to follow. */
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

test.describe('the inventory popup', () => {
  test('first run: says in two lines what KeyWard does and how to try it', async ({ kw }) => {
    const popup = await kw.openExtensionPage('popup.html');
    const lines = await popup.waitFor((): (string | null)[] | undefined => {
      const found = [...document.querySelectorAll('.empty p')].map((p) => p.textContent);
      return found.length ? found : undefined;
    });
    expect(lines).toHaveLength(2);
    expect(lines![0]).toContain('stops API keys from leaking');
    expect(lines![1]).toContain('paste an API key');
  });

  test('lists the keys seen with provider, sightings, sites, dates and what was done; filters, sorts and searches', async ({ kw }) => {
    const popup = await kw.openExtensionPage('popup.html');
    const day = 24 * 60 * 60 * 1000;
    const now = Date.now();
    await record(popup, [
      sighting(1, { time: now - 3 * day, outcome: 'blocked' }),
      sighting(1, { time: now - 2 * day, outcome: 'inserted-anyway', origin: 'https://chatgpt.com', path: '/c/1' }),
      sighting(1, { time: now - 1 * day, outcome: 'blocked' }),
      sighting(2, { time: now - 5 * day, provider: 'github', type: 'fine-grained token', rule: 'github-fine', redacted: 'github_pat_…Zq9w', outcome: 'warned' }),
      sighting(3, { time: now - 10 * day, provider: 'anthropic', type: 'API key', rule: 'anthropic', redacted: 'sk-ant-…Lm7k', outcome: 'redacted', origin: 'https://claude.ai' }),
    ]);
    await reopen(popup);
    const list = await popup.waitFor(() => (document.querySelectorAll('li.key').length === 3 ? true : undefined));
    expect(list).toBe(true);
    const [first, second, third] = await rows(popup);
    // Most recently seen first.
    expect(first).toContain('sk-proj-…0001');
    expect(first).toContain('OpenAI · project key');
    expect(first).toMatch(/Sightings\s*3/);
    expect(first).toContain('github.com, chatgpt.com');
    expect(first).toContain('Blocked 2 · Inserted anyway 1');
    expect(first).toMatch(/First seen.*Last seen/);
    expect(second).toContain('github_pat_…Zq9w');
    expect(second).toContain('Warned 1');
    expect(third).toContain('Anthropic');

    await setField(popup, 'provider', 'github');
    expect(await rows(popup)).toHaveLength(1);
    expect((await rows(popup))[0]).toContain('github_pat_…Zq9w');
    await setField(popup, 'provider', '');

    await setField(popup, 'site', 'https://chatgpt.com');
    expect((await rows(popup)).map((r) => r.slice(0, 20))).toEqual([expect.stringContaining('sk-proj-…0001')]);
    await setField(popup, 'site', '');

    await setField(popup, 'outcome', 'redacted');
    expect((await rows(popup))[0]).toContain('sk-ant-…Lm7k');
    expect(await rows(popup)).toHaveLength(1);
    await setField(popup, 'outcome', '');

    await setField(popup, 'search', 'lm7k');
    expect(await rows(popup)).toEqual([expect.stringContaining('sk-ant-…Lm7k')]);
    await setField(popup, 'search', '0000000000000002');
    expect(await rows(popup)).toEqual([expect.stringContaining('github_pat_…Zq9w')]);
    expect(await popup.evaluate(() => document.querySelector('.count')?.textContent)).toBe('1 of 3 keys');
    await setField(popup, 'search', '');

    await setField(popup, 'sort', 'sightings');
    expect((await rows(popup))[0]).toContain('sk-proj-…0001');
    await setField(popup, 'sort', 'first-seen');
    expect((await rows(popup))[0]).toContain('sk-ant-…Lm7k');
  });

  test('a key page lists every site and time; "I rotated this key" links to the provider and later sightings say so', async ({ kw }) => {
    const popup = await kw.openExtensionPage('popup.html');
    await record(popup, [sighting(7, { time: Date.now() - 60_000 }), sighting(7, { time: Date.now() - 30_000, origin: 'https://chatgpt.com', path: '/c/abc' })]);
    await reopen(popup);
    await popup.waitFor(() => !!document.querySelector('li.key'));
    await popup.click('li.key a.key-link');
    await popup.waitFor(() => !!document.querySelector('.key-page'));
    const where = await popup.evaluate(() => [...document.querySelectorAll('table.sightings tbody tr')].map((tr) => tr.textContent));
    expect(where).toHaveLength(2);
    expect(where[0]).toContain('chatgpt.com/c/abc');
    expect(where[1]).toContain('github.com/octo/repo/issues/new');
    expect(await popup.evaluate(() => document.querySelector<HTMLAnchorElement>('a.revoke-link')?.href)).toBe('https://platform.openai.com/api-keys');

    await popup.click('button.rotate');
    await popup.waitFor(() => !!document.querySelector('.rotated-note'));
    expect(await popup.evaluate(() => document.querySelector('.rotated-note')?.textContent)).toContain('Marked rotated');

    // Seen again after rotation.
    await record(popup, [sighting(7, { time: Date.now() + 1000, origin: 'https://chatgpt.com', path: '/c/later' })]);
    await reopen(popup);
    const note = await popup.waitFor(() => document.querySelector('.rotated-note')?.textContent);
    expect(note).toContain('Seen 1 time since');
    const newest = await popup.evaluate(() => document.querySelector('table.sightings tbody tr')?.textContent);
    expect(newest).toContain('after rotation');
    expect(newest).toContain('/c/later');
    await popup.goto(`${kw.extensionOrigin}/popup.html#/`);
    await reopen(popup);
    // The list says the same as the key page, in the same colour: rotated, seen since but stopped.
    const tag = await popup.waitFor(() => document.querySelector('li.key .tag.status-rotated')?.textContent);
    expect(tag).toMatch(/^Rotated .*, seen 1 since \(stopped\)$/);
  });

  test('deletes a sighting, a key, and everything after a confirmation', async ({ kw }) => {
    const popup = await kw.openExtensionPage('popup.html');
    await record(popup, [sighting(1, { time: Date.now() - 2000 }), sighting(1, { time: Date.now() - 1000 }), sighting(2), sighting(3)]);
    await popup.goto(`${kw.extensionOrigin}/popup.html#/key/0000000000000001`);
    await reopen(popup);
    await popup.waitFor(() => document.querySelectorAll('table.sightings tbody tr').length === 2);
    await popup.click('button.delete-sighting');
    await popup.waitFor(() => document.querySelectorAll('table.sightings tbody tr').length === 1);
    expect((await overview(popup)).keys.find((k) => k.fingerprint === '0000000000000001')?.count).toBe(1);

    await popup.click('.key-page > button.danger');
    await popup.waitFor(() => !!document.querySelector('[role="alertdialog"]'));
    await popup.click('[role="alertdialog"] button.danger');
    await popup.waitFor(() => document.querySelectorAll('li.key').length === 2);
    expect((await overview(popup)).keys.map((k) => k.fingerprint).sort()).toEqual(['0000000000000002', '0000000000000003']);

    // Clear everything: Cancel keeps it all, confirming clears it.
    await popup.click('footer button.danger');
    expect(await popup.waitFor(() => document.querySelector('[role="alertdialog"]')?.textContent)).toContain('Delete all 2 sightings of 2 keys?');
    await popup.click('[role="alertdialog"] button:not(.danger)');
    await popup.waitFor(() => !document.querySelector('[role="alertdialog"]'));
    expect((await overview(popup)).total).toBe(2);
    await popup.click('footer button.danger');
    await popup.click('[role="alertdialog"] button.danger');
    await popup.waitFor(() => !!document.querySelector('.empty'));
    expect(await overview(popup)).toMatchObject({ total: 0, keys: [] });
  });

  test('the toolbar badge counts the keys to rotate, and its tooltip says so', async ({ kw }) => {
    const popup = await kw.openExtensionPage('popup.html');
    await popup.waitFor(() => !!document.querySelector('.empty'));
    // Stopped keys need nothing: no badge.
    await record(popup, [sighting(1), sighting(2)]);
    expect(await poll(async () => (await overview(popup)).keys.length === 2, 10_000, 'two keys recorded')).toBe(true);
    expect(await badgeText(popup)).toBe('');
    // Two keys reach a page (inserted anyway; let through after a warning): 2 to rotate.
    await record(popup, [sighting(1, { outcome: 'inserted-anyway' }), sighting(3, { outcome: 'warned' })]);
    expect(await badgeIs(popup, '2')).toBe(true);
    expect(await badgeTitle(popup)).toBe('KeyWard: 2 keys to rotate');
    // One is rotated: 1 left.
    expect((await message(popup, 'markRotated', { fingerprint: '0000000000000001', rotated: true })).ok).toBe(true);
    expect(await badgeIs(popup, '1')).toBe(true);
    expect(await badgeTitle(popup)).toBe('KeyWard: 1 key to rotate');
  });

  test('refuses a sighting that carries anything but a redacted form', async ({ kw }) => {
    const popup = await kw.openExtensionPage('popup.html');
    const bad = sighting(1, { redacted: 'not-redacted-at-all' });
    const reply = await message(popup, 'recordSighting', bad);
    expect(reply.ok).toBe(false);
    expect(reply.error).toContain('invalid recordSighting');
    const extra = await message(popup, 'recordSighting', { ...sighting(2), key: 'whatever' });
    // Unknown fields are stripped by zod, never stored.
    expect(extra.ok).toBe(true);
    const stored = await message<{ sightings: Record<string, unknown>[] }>(popup, 'exportInventory', {});
    expect(stored.data!.sightings).toHaveLength(1);
    expect(stored.data!.sightings[0]).not.toHaveProperty('key');
  });
});

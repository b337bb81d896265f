import { expect, poll, test, type KwPage } from './fixtures';
import { ALL_SHAPES, makeKey, seededRng } from '../helpers/keys';
import { clipboardPaste } from './guard-helpers';
import { overview } from './inventory-helpers';
import { AlertPage } from './alert-page';

const PAGE = '<!doctype html><title>New issue</title><textarea id="body" aria-label="Body"></textarea>';

/** The user's paste into the textarea (system clipboard and Control+V: only the user's own pastes are recorded). */
async function paste(page: KwPage, text: string): Promise<void> {
  expect(await clipboardPaste(page, text, () => page.focus('textarea')), 'the browser wrote the system clipboard').toBe(true);
}

/** Everything the extension keeps: every store of every IndexedDB database, and every storage area, as text. */
function dumpEverything(page: KwPage): Promise<{ text: string; databases: string[]; sightings: number }> {
  return page.evaluate(async () => {
    const api = ((globalThis as { browser?: unknown }).browser ?? (globalThis as { chrome?: unknown }).chrome) as {
      storage: Record<string, { get(keys: null): Promise<unknown> } | undefined>;
    };
    const parts: string[] = [];
    const names: string[] = [];
    let sightings = 0;
    const request = <T,>(r: IDBRequest<T>) => new Promise<T>((resolve, reject) => ((r.onsuccess = () => resolve(r.result)), (r.onerror = () => reject(r.error))));
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      names.push(info.name);
      const db = await request(indexedDB.open(info.name));
      for (const store of [...db.objectStoreNames]) {
        const tx = db.transaction(store);
        const [values, keys] = await Promise.all([request(tx.objectStore(store).getAll()), request(tx.objectStore(store).getAllKeys())]);
        if (store === 'sightings') sightings += values.length;
        parts.push(`${info.name}/${store}:`, JSON.stringify(values), JSON.stringify(keys));
      }
      db.close();
    }
    for (const area of ['local', 'sync', 'session']) {
      const storage = api.storage[area];
      if (storage) parts.push(`storage.${area}:`, JSON.stringify(await storage.get(null).catch(() => ({}))));
    }
    parts.push('localStorage:', JSON.stringify({ ...localStorage }));
    return { text: parts.join('\n'), databases: names, sightings };
  });
}

test('no full key is stored anywhere after real pastes on a guarded page', async ({ kw, page }) => {
  await kw.route('https://github.com/', { '/octo/repo/issues/new': PAGE });
  await page.goto('https://github.com/octo/repo/issues/new');
  expect(await page.waitFor(() => document.documentElement.dataset.keywardGuard)).toBe('on');

  const rng = seededRng(4242);
  const keys = ALL_SHAPES.map((s) => makeKey(s.shape, rng));
  for (const key of keys) {
    await paste(page, `here is the key: ${key} thanks`);
    // Close the alert from the keyboard (its shortcut, then Escape): the paste stays blocked.
    const alert = new AlertPage(page);
    await alert.shown('block');
    await page.press('Alt+Shift+K');
    await page.press('Escape');
    await alert.gone();
  }

  const extension = await kw.openExtensionPage('popup.html');
  // The guard recorded every paste: one sighting per key.
  const inventory = (await poll(async () => {
    const o = await overview(extension);
    return o.keys.length === keys.length ? o : undefined;
  }, 20_000, 'the pasted keys to reach the inventory'))!;
  expect(inventory.total).toBe(keys.length);

  const dump = await dumpEverything(extension);
  expect(dump.databases).toContain('keyward-inventory');
  expect(dump.sightings).toBe(inventory.total);
  for (const key of keys) {
    expect(dump.text.includes(key), `a full ${key.slice(0, 4)}… key is stored`).toBe(false);
    // Nor the secret middle of it (the redacted form keeps only a prefix and the last 4 characters).
    const middle = key.slice(Math.floor(key.length / 3), Math.floor((2 * key.length) / 3));
    expect(dump.text.includes(middle), `part of a ${key.slice(0, 4)}… key is stored`).toBe(false);
  }
  // The page itself never got the keys either (blocked by default).
  expect(await page.evaluate(() => document.querySelector('textarea')!.value)).not.toContain(keys[0]!.slice(-12));
});

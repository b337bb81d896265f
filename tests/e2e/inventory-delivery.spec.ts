import type { BrowserContext, Page } from '@playwright/test';
import { expect, poll, test, type KwBrowser, type KwPage } from './fixtures';
import { GuardPage, testKey } from './guard-helpers';
import { badgeText, badgeTitle, outboxIdle, overview, pageWithOutbox, reportMany, sighting } from './inventory-helpers';

/** A sighting's fields, without id and time: the outbox adds them, as for the guard. */
function report(n: number, origin: string) {
  const { id: _id, time: _time, ...rest } = sighting(n, { origin });
  return rest;
}

test.describe('the inventory loses nothing', () => {
  test('500 sightings from 5 tabs at once arrive as 500', async ({ kw }) => {
    const tabs = await Promise.all(Array.from({ length: 5 }, () => pageWithOutbox(kw)));
    const ids = await Promise.all(tabs.map((tab, t) => reportMany(tab, 100, report(t + 1, `https://tab${t}.example`))));
    expect(new Set(ids.flat()).size).toBe(500);
    expect(await Promise.all(tabs.map((tab) => outboxIdle(tab)))).toEqual([0, 0, 0, 0, 0]);
    const inventory = await overview(tabs[0]!);
    expect(inventory.total).toBe(500);
    expect(inventory.keys.map((k) => k.count)).toEqual([100, 100, 100, 100, 100]);
    for (const [t, key] of inventory.keys.sort((a, b) => a.fingerprint.localeCompare(b.fingerprint)).entries()) {
      expect(key.sites).toEqual({ [`https://tab${t}.example`]: 100 });
    }
  });

  test('a background stopped in the middle: every sighting is resent until recorded, and recorded once', async ({ kw, engine }) => {
    const tab = await pageWithOutbox(kw);
    // Warm up: the background is running and answering.
    await reportMany(tab, 1, report(1, 'https://warm.example'));
    expect(await outboxIdle(tab)).toBe(0);

    let sent: Promise<string[]>;
    let pendingAtStop: number;
    if (engine === 'chromium') {
      sent = reportMany(tab, 3000, report(2, 'https://busy.example'));
      expect(await stopServiceWorker(kw, tab)).toBe(true);
      pendingAtStop = await pendingNow(tab);
    } else {
      // Reported and stopped in one task of the page, so the stop cannot come after the last answer.
      const stop = reportThenReloadBackground(tab, 3000, report(2, 'https://busy.example'));
      sent = stop.then((s) => s.ids);
      pendingAtStop = (await stop).pendingAtStop;
      expect(await backgroundReloaded(tab)).toBe(true);
    }
    // The stop really came mid-stream: sightings were still waiting for an answer (3,000 are six batches of 500).
    expect(pendingAtStop).toBeGreaterThan(0);
    expect(await sent).toHaveLength(3000);
    expect(await outboxIdle(tab)).toBe(0);
    const inventory = await overview(tab);
    expect(inventory.total).toBe(3001);
    expect(inventory.keys.find((k) => k.fingerprint === '0000000000000002')?.count).toBe(3000);
  });

  test('a full disk: the guard still stops the key, the popup says sightings are not saved, and they are once there is room', async ({ kw, engine }) => {
    const popup = await kw.openExtensionPage('popup.html');
    await popup.waitFor(() => !!document.querySelector('.empty'));
    await setDiskFull(kw, popup, engine, true);

    const g = await GuardPage.open(kw, 'issue');
    const { key, redacted } = testKey(31);
    expect(await g.realPaste('body', key), 'the browser wrote the system clipboard').toBe(true);
    expect(await g.page.waitFor(() => document.querySelector('keyward-alert')?.getAttribute('data-keyward-alert'))).toBe('block');
    await g.clickAlert('Cancel');
    expect(await g.pageSaw(key)).toBe(false);

    // The toolbar badge says so without opening anything, and the button's tooltip says why.
    expect(await poll(async () => (await badgeText(popup)) === '!', 5_000, 'the badge to show "!"')).toBe(true);
    expect(await badgeTitle(popup)).toContain('cannot save new sightings (QuotaExceededError');
    // Opened again (a popup is a new page each time): it says why the list stays empty.
    const warned = await kw.openExtensionPage('popup.html');
    const warning = await warned.waitFor(() => document.querySelector('.save-failure[role="alert"]')?.textContent);
    expect(warning).toContain('New sightings are not being saved.');
    expect(warning).toContain('QuotaExceededError');
    expect(await warned.evaluate(() => !!document.querySelector('.empty'))).toBe(true);

    // Room again: the tab still holds its sighting and sends it again (its backoff tops out at 5 s).
    await setDiskFull(kw, popup, engine, false);
    await poll(async () => (await overview(popup)).total === 1, 20_000, 'the held sighting to be saved');
    expect(await poll(async () => (await badgeTitle(popup)) === 'KeyWard', 5_000, 'the tooltip to be back to normal')).toBe(true);
    expect(await badgeText(popup)).not.toBe('!');
    const after = await kw.openExtensionPage('popup.html');
    expect(await after.waitFor((r) => document.querySelector('li.key')?.textContent?.includes(r), redacted)).toBe(true);
    expect(await after.evaluate(() => !!document.querySelector('.save-failure'))).toBe(false);
  });
});

/**
 * Makes every IndexedDB write in the background fail as on a full disk (`QuotaExceededError`), or
 * undoes it. Injected into the real background: the Chromium service worker through Playwright, the
 * Firefox background page through `extension.getBackgroundPage()` from an extension page.
 */
async function setDiskFull(kw: KwBrowser, extensionPage: KwPage, engine: string, full: boolean): Promise<void> {
  // Self-contained: it runs in the browser, in the worker itself or in an extension page.
  const inject = ({ full, fromExtensionPage }: { full: boolean; fromExtensionPage: boolean }) => {
    type Api = { browser: { extension: { getBackgroundPage(): typeof globalThis } } };
    const scope = fromExtensionPage ? (globalThis as unknown as Api).browser.extension.getBackgroundPage() : globalThis;
    const proto = scope.IDBObjectStore.prototype as IDBObjectStore & { keywardOriginal?: Pick<IDBObjectStore, 'add' | 'put'> };
    proto.keywardOriginal ??= { add: proto.add, put: proto.put };
    if (!full) return void Object.assign(proto, proto.keywardOriginal);
    const fail = () => {
      throw new scope.DOMException('The disk is full (simulated by the test).', 'QuotaExceededError');
    };
    Object.assign(proto, { add: fail, put: fail });
  };
  if (engine === 'chromium') {
    const worker = (kw as unknown as { context: BrowserContext }).context.serviceWorkers()[0]!;
    await worker.evaluate(inject, { full, fromExtensionPage: false });
  } else {
    await extensionPage.evaluate(inject, { full, fromExtensionPage: true });
  }
}

function pendingNow(tab: KwPage): Promise<number> {
  return tab.evaluate(() => (globalThis as unknown as { keywardOutbox(): { size: number } }).keywardOutbox().size);
}

/**
 * Chromium: stops the MV3 service worker through CDP while sightings are in flight, the way Chrome
 * stops an idle or busy worker. True once the worker really went away.
 */
async function stopServiceWorker(kw: unknown, tab: KwPage): Promise<boolean> {
  const context = (kw as { context: BrowserContext }).context;
  const cdp = await context.newCDPSession((tab as unknown as { raw: Page }).raw);
  const stopped = new Promise<boolean>((resolve) =>
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      if (versions.some((v) => v.scriptURL.endsWith('/background.js') && v.runningStatus === 'stopped')) resolve(true);
    }),
  );
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  return Promise.race([stopped, new Promise<boolean>((r) => setTimeout(() => r(false), 5_000))]);
}

/**
 * Firefox MV2 keeps a persistent background page, which the browser never stops; the nearest
 * equivalent is reloading that page mid-stream (its listeners go away, then come back). Reports
 * `count` sightings and, as soon as the outbox has sent them, reloads the background; returns the
 * ids and how many sightings were still unanswered at that moment.
 */
function reportThenReloadBackground(
  tab: KwPage,
  count: number,
  base: ReturnType<typeof report>,
): Promise<{ ids: string[]; pendingAtStop: number }> {
  return tab.evaluate(
    ({ count, base }) => {
      type Outbox = { report(r: unknown): string; size: number };
      type Api = { browser: { extension: { getBackgroundPage(): Window & { stale?: boolean } } } };
      const outbox = (globalThis as unknown as { keywardOutbox(): Outbox }).keywardOutbox();
      const background = (globalThis as unknown as Api).browser.extension.getBackgroundPage();
      const ids = Array.from({ length: count }, (_, i) => outbox.report({ ...base, path: `${base.path}/${i}` }));
      // The outbox hands its batches to the browser in a microtask queued by the first report; the
      // reload comes in the next one, before any answer can be back (a timer could come much later
      // in a background tab, after the last answer).
      return Promise.resolve().then(() => {
        const pendingAtStop = outbox.size;
        background.stale = true;
        background.location.reload();
        return { ids, pendingAtStop };
      });
    },
    { count, base },
  );
}

/** True once the Firefox background page was replaced by a fresh one (see reportThenReloadBackground). */
function backgroundReloaded(tab: KwPage): Promise<boolean> {
  return poll(
    () =>
      tab.evaluate(() => {
        const api = (globalThis as unknown as { browser: { extension: { getBackgroundPage(): (Window & { stale?: boolean }) | null } } }).browser;
        const background = api.extension.getBackgroundPage();
        return !!background && background.stale === undefined && background.document.readyState === 'complete';
      }),
    10_000,
    'the background page to reload',
  );
}

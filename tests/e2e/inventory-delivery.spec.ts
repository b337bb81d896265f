import type { BrowserContext, Page } from '@playwright/test';
import { expect, poll, test, type KwPage } from './fixtures';
import { outboxIdle, overview, pageWithOutbox, reportMany, sighting } from './inventory-helpers';

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

    const sent = reportMany(tab, 300, report(2, 'https://busy.example'));
    const restarted = engine === 'chromium' ? await stopServiceWorker(kw, tab) : await reloadBackgroundPage(tab);
    expect(restarted).toBe(true);
    // The stop really came mid-stream: sightings were still waiting for an answer.
    expect(await pendingNow(tab)).toBeGreaterThan(0);
    expect(await sent).toHaveLength(300);
    expect(await outboxIdle(tab)).toBe(0);
    const inventory = await overview(tab);
    expect(inventory.total).toBe(301);
    expect(inventory.keys.find((k) => k.fingerprint === '0000000000000002')?.count).toBe(300);
  });
});

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
 * equivalent is reloading that page mid-stream (its listeners go away, then come back).
 * True once the background page really was replaced.
 */
async function reloadBackgroundPage(tab: KwPage): Promise<boolean> {
  await tab.evaluate(() => {
    const api = (globalThis as unknown as { browser: { extension: { getBackgroundPage(): Window & { stale?: boolean } } } }).browser;
    const background = api.extension.getBackgroundPage();
    background.stale = true;
    setTimeout(() => background.location.reload(), 20);
  });
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

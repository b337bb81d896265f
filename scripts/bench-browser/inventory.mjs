// The inventory's costs in headless Chromium: the popup's first screen over a full inventory, and
// recording one sighting (see scripts/bench-browser.mjs for the ctx). Runs on its own too:
// `node scripts/bench-browser/inventory.mjs` (after `npm run build`) prints the section.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SIGHTINGS = Number(process.env.KW_BENCH_SIGHTINGS ?? 10_000);
const KEYS = 500;
const LOADS = Number(process.env.KW_BENCH_LOADS ?? 15);
const SENDS = Number(process.env.KW_BENCH_SENDS ?? 600);
const SITES = ['https://github.com', 'https://chatgpt.com', 'https://claude.ai', 'https://gemini.google.com', 'https://stackoverflow.com'];
const OUTCOMES = ['blocked', 'warned', 'redacted', 'inserted-anyway'];

/** A sighting as the guard sends it: fingerprint and redacted form only (no key is ever made here). */
function sighting(i, time) {
  const key = i % KEYS;
  return {
    id: `bench-${i}-${Math.random().toString(36).slice(2, 10)}`,
    fingerprint: key.toString(16).padStart(16, '0'),
    redacted: `sk-proj-…${String(key).padStart(4, '0')}`,
    provider: key % 3 === 0 ? 'github' : 'openai',
    type: 'project key',
    rule: 'openai-project',
    origin: SITES[i % SITES.length],
    path: `/page/${i % 97}`,
    event: 'paste',
    outcome: OUTCOMES[i % OUTCOMES.length],
    time,
  };
}

/** A static page with no script, for the machine's floor: what any extension page costs to show. */
const BLANK_HTML = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>KeyWard</title></head><body><h1>KeyWard</h1></body></html>\n';

/**
 * Opens `url` the way a toolbar popup opens: a new document in a new view, not the previous popup's
 * tab navigated again (that would also count unloading the previous 500-key list). The previous view is
 * closed first, and the browser left a moment to finish closing it, as between two clicks on the button.
 */
async function openFresh(context, previous, url) {
  await previous?.close();
  const page = await context.newPage();
  await new Promise((done) => setTimeout(done, 200));
  await page.goto(url);
  return page;
}

/** Sends recordSighting messages from an extension page, `concurrency` at a time. */
async function seed(page, count) {
  const start = Date.now() - count * 1000;
  const all = Array.from({ length: count }, (_, i) => sighting(i, start + i * 1000));
  for (let i = 0; i < all.length; i += 500) {
    const failed = await page.evaluate(async (batch) => {
      const replies = await Promise.all(batch.map((data) => chrome.runtime.sendMessage({ keyward: 'recordSighting', data })));
      return replies.filter((r) => !r?.ok).length;
    }, all.slice(i, i + 500));
    if (failed) throw new Error(`${failed} sightings refused while seeding`);
  }
}

export async function run(ctx) {
  // A temporary copy of the build with a blank page added (never written into the build itself).
  const extensionDir = mkdtempSync(join(tmpdir(), 'keyward-bench-inventory-'));
  cpSync(ctx.extensionDir, extensionDir, { recursive: true });
  writeFileSync(join(extensionDir, 'blank.html'), BLANK_HTML);
  const context = await ctx.launch({ extension: extensionDir });
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const origin = `chrome-extension://${new URL(worker.url()).host}`;
    let page = await context.newPage();
    await page.goto(`${origin}/popup.html`);
    // The machine's floor: a static extension page with no script, navigation start → first contentful paint.
    const blank = [];
    for (let i = 0; i < LOADS; i++) {
      page = await openFresh(context, page, `${origin}/blank.html`);
      await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, null, { timeout: 15_000 });
      blank.push(await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0].startTime));
    }
    // Baseline: the same popup with an empty inventory (its first screen is the empty state).
    const empty = [];
    for (let i = 0; i < LOADS; i++) {
      page = await openFresh(context, page, `${origin}/popup.html`);
      await page.waitForFunction(() => performance.getEntriesByName('keyward:empty-shown').length > 0, null, { timeout: 15_000 });
      empty.push(await page.evaluate(() => performance.getEntriesByName('keyward:empty-shown')[0].startTime));
    }
    ctx.log(`  seeding ${SIGHTINGS} sightings of ${KEYS} keys…`);
    await seed(page, SIGHTINGS);
    const total = await page.evaluate(async () => (await chrome.runtime.sendMessage({ keyward: 'inventoryOverview', data: {} })).data);
    if (total.total !== SIGHTINGS || total.keys.length !== KEYS) throw new Error(`seeded ${total.total} sightings of ${total.keys.length} keys`);
    // The popup's one request, alone: the service worker reading 500 key summaries and replying.
    const overview = await page.evaluate(async (count) => {
      const times = [];
      for (let i = 0; i < count; i++) {
        const t0 = performance.now();
        await chrome.runtime.sendMessage({ keyward: 'inventoryOverview', data: {} });
        times.push(performance.now() - t0);
      }
      return times;
    }, LOADS * 2);

    // First screen: navigation start → the first screen of keys painted (a performance mark the list sets).
    const firstScreen = [];
    const allRows = [];
    for (let i = 0; i < LOADS; i++) {
      page = await openFresh(context, page, `${origin}/popup.html`);
      await page.waitForFunction(() => performance.getEntriesByName('keyward:keys-shown').length > 0, null, { timeout: 15_000 });
      firstScreen.push(await page.evaluate(() => performance.getEntriesByName('keyward:keys-shown')[0].startTime));
      await page.waitForFunction(() => performance.getEntriesByName('keyward:keys-all-shown').length > 0, null, { timeout: 15_000 });
      allRows.push(await page.evaluate(() => performance.getEntriesByName('keyward:keys-all-shown')[0].startTime));
      if (process.env.KW_DEBUG) ctx.log(JSON.stringify(await page.evaluate(() => performance.getEntries().filter((e) => e.entryType === 'mark' || e.entryType === 'paint' || e.entryType === 'navigation').map((e) => [e.name.slice(-40), Math.round(e.startTime), Math.round(e.duration)]))));
      const rows = await page.evaluate(() => document.querySelectorAll('li.key').length);
      if (rows !== KEYS) throw new Error(`the popup listed ${rows} keys`);
    }

    // Recording: one recordSighting round trip from an extension page, sent one after another. Each is
    // preceded by a message no listener answers: the browser's own round trip to the service worker, the
    // floor under any recording, measured in turn with it so that both see the same machine.
    const { record, floor } = await page.evaluate(
      async ({ count, keys }) => {
        const times = [];
        const floorTimes = [];
        for (let i = 0; i < count; i++) {
          const f0 = performance.now();
          await chrome.runtime.sendMessage({ keyward: 'benchNoSuchMessage', data: {} });
          floorTimes.push(performance.now() - f0);
          const data = {
            id: `bench-rt-${i}-${Math.random().toString(36).slice(2, 10)}`,
            fingerprint: (i % keys).toString(16).padStart(16, '0'),
            redacted: `sk-proj-…${String(i % keys).padStart(4, '0')}`,
            provider: 'openai',
            type: 'project key',
            rule: 'openai-project',
            origin: 'https://github.com',
            path: '/bench',
            event: 'paste',
            outcome: 'blocked',
            time: Date.now(),
          };
          const t0 = performance.now();
          const reply = await chrome.runtime.sendMessage({ keyward: 'recordSighting', data });
          times.push(performance.now() - t0);
          if (!reply?.ok || !reply.data.recorded) throw new Error('not recorded');
        }
        return { record: times, floor: floorTimes };
      },
      { count: SENDS, keys: KEYS },
    );

    const ms = (v) => `${v.toFixed(v < 10 ? 2 : 1)} ms`;
    const rows = [
      `| Static extension page with no script (navigation start → first contentful paint; median of ${LOADS}; p95), the machine's floor | ${ms(ctx.median(blank))} (p95 ${ms(ctx.percentile(blank, 95))}) | — |`,
      `| Popup first screen, empty inventory (navigation start → empty state rendered; median of ${LOADS}; p95), the baseline | ${ms(ctx.median(empty))} (p95 ${ms(ctx.percentile(empty, 95))}) | — |`,
      `| Popup first screen, ${SIGHTINGS.toLocaleString('en')} sightings of ${KEYS} keys (navigation start → list rendered; median of ${LOADS}; p95) | ${ms(ctx.median(firstScreen))} (p95 ${ms(ctx.percentile(firstScreen, 95))}) | ≤ 150 ms |`,
      `| The popup's \`inventoryOverview\` request alone, round trip from an extension page (median of ${LOADS * 2}; p95) | ${ms(ctx.median(overview))} (p95 ${ms(ctx.percentile(overview, 95))}) | — |`,
      `| Popup, all ${KEYS} keys rendered (median of ${LOADS}; p95) | ${ms(ctx.median(allRows))} (p95 ${ms(ctx.percentile(allRows, 95))}) | — |`,
      `| Recording a sighting (recordSighting round trip from an extension page, with ${SIGHTINGS.toLocaleString('en')} kept; median of ${SENDS}; p95) | ${ms(ctx.median(record))} (p95 ${ms(ctx.percentile(record, 95))}) | ≤ 5 ms median |`,
      `| A message no listener answers, sent in turn with the above (the browser's round trip to the service worker, the floor under recording; median; p95) | ${ms(ctx.median(floor))} (p95 ${ms(ctx.percentile(floor, 95))}) | — |`,
    ];
    for (const row of rows) ctx.log(`  ${row}`);
    return [
      '### Inventory',
      '',
      '| measure | KeyWard | target |',
      '|---|---|---|',
      ...rows,
      '',
      'How: the inventory is seeded through the real protocol (`recordSighting` from an extension page, 500 at a time),',
      'then `popup.html` is opened again and again, each time in a new tab as a toolbar popup opens (the previous one closed',
      '200 ms before); the list sets `performance.mark(\'keyward:keys-shown\')` once its first screen is painted (in a task',
      'posted from the next animation frame after the rows entered the DOM), whose `startTime` is milliseconds from',
      'navigation start (it includes loading the page, the `inventoryOverview` round trip to the service worker, which',
      'answers from memory what it last read from IndexedDB while nothing was written since, rendering the first 12 rows',
      'and painting them; the other 488 follow:',
      '"all 500 keys rendered"). The baselines are a static extension page with no script (the browser\'s own cost of',
      'showing any extension page on this machine) and the popup with an empty inventory. Recording is timed one message at a time: validation, the single IndexedDB',
      'transaction that updates the sighting, the key summary and the site summary, and the reply; before each, a message',
      'no listener answers times the browser\'s own messaging, which recording cannot go below.',
      `Standalone: \`KEYWARD_OUT_DIR=.output node scripts/bench-browser/inventory.mjs\`.`,
    ].join('\n');
  } finally {
    await context.close();
    rmSync(extensionDir, { recursive: true, force: true });
  }
}

// Standalone: a minimal ctx (the runner in scripts/bench-browser.mjs gives the full one).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { chromium } = await import('@playwright/test');
  const { findBrowser } = await import('../lib/browsers.mjs');
  const root = resolve(fileURLToPath(import.meta.url), '../../..');
  const extensionDir = resolve(root, process.env.KEYWARD_OUT_DIR ?? '.output', 'chrome-mv3');
  const sorted = (v) => [...v].sort((a, b) => a - b);
  const ctx = {
    extensionDir,
    log: (line) => console.log(line),
    median: (v) => {
      const s = sorted(v);
      const m = s.length >> 1;
      return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
    },
    percentile: (v, p) => sorted(v)[Math.min(v.length - 1, Math.floor((p / 100) * v.length))],
    async launch({ extension }) {
      const args = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--disable-extensions-except=${extension}`, `--load-extension=${extension}`];
      const context = await chromium.launchPersistentContext('', { executablePath: findBrowser('chromium'), headless: true, args });
      context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
      return context;
    },
  };
  console.log(`\n${await run(ctx)}`);
}

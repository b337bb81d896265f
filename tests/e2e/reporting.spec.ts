import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ocsfProblems } from '../helpers/ocsf';
import { expect, launch, test, type KwBrowser, type KwPage } from './fixtures';
import { GuardPage, testKey } from './guard-helpers';
import { message, record, sighting as inventorySighting } from './inventory-helpers';

/**
 * Team reporting end to end: a managed policy turns it on, the guard records sightings from real user
 * actions, and the extension's background delivers them to a receiver this test runs on 127.0.0.1.
 * Policy launches are serial (Chromium's policy directory is machine-wide; see policy.spec.ts).
 */
test.describe.configure({ mode: 'serial' });
// Batches go out up to 10 s after a sighting, retries after 10 s and more: these tests wait on the receiver.
test.setTimeout(180_000);

const TOKEN = 'e2e-receiver-token';

/** A SIEM receiver on 127.0.0.1: answers CORS preflights, records every POST, answers as told. */
class Receiver {
  readonly requests: { url: string; headers: IncomingHttpHeaders; body: string; status: number }[] = [];
  /** The status for the n-th POST (1-based). */
  status: (n: number) => number = () => 200;
  private server!: Server;
  url = '';

  async start(path: string): Promise<void> {
    this.server = createServer((req, res) => {
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Access-Control-Allow-Headers', 'authorization, content-type');
      res.setHeader('Access-Control-Allow-Methods', 'POST');
      if (req.method === 'OPTIONS') {
        res.statusCode = 204;
        res.end();
        return;
      }
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const status = this.status(this.requests.length + 1);
        this.requests.push({ url: req.url ?? '', headers: req.headers, body, status });
        res.statusCode = status;
        res.end();
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** Events the receiver accepted (answered 2xx), OCSF arrays or HEC envelopes. */
  accepted(): Record<string, any>[] {
    return this.requests.filter((r) => r.status < 300).flatMap((r) => parseBody(r.body));
  }
}

function parseBody(body: string): Record<string, any>[] {
  const text = body.trim();
  if (text.startsWith('[')) return JSON.parse(text);
  return text.split('\n').map((line) => JSON.parse(line).event);
}

/** Launches with a reporting policy and waits until KeyWard has applied it (Chromium loads policy seconds after start). */
async function launchReporting(engine: 'chromium' | 'firefox', reporting: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<KwBrowser> {
  const kw = await launch(engine, { policy: { organization: { name: 'Acme Security' }, reporting, ...extra } });
  await allowReceiver(kw, String(reporting.url));
  const popup = await kw.openExtensionPage('popup.html');
  await popup.waitFor(
    () => document.querySelector<HTMLElement>('[data-reporting-status]')?.innerText.includes('Reporting to Acme Security') ?? false,
    undefined,
    30_000,
  );
  await popup.close();
  return kw;
}

/**
 * Lets the background reach the receiver: Playwright's context routing (which serves the fixture sites
 * and refuses every other address) also sees the service worker's requests in Chromium.
 */
async function allowReceiver(kw: KwBrowser, url: string): Promise<void> {
  if (kw.engine !== 'chromium') return;
  const { context } = kw as KwBrowser & { context: import('@playwright/test').BrowserContext };
  await context.route(`${new URL(url).origin}/**`, (route) => route.continue());
}

/** Pastes for real (system clipboard, trusted Control+V) and waits for the block alert. */
async function blockedPaste(g: GuardPage, text: string): Promise<void> {
  expect(await g.realPaste('composer', text), 'the clipboard takes the text').toBe(true);
  await g.waitAlert('block');
}

/** The three recorded sightings the issue names: a blocked paste, an "insert anyway" with justification, a held send. */
async function threeSightings(kw: KwBrowser, keys: string[]): Promise<void> {
  const g = await GuardPage.open(kw, 'chatgpt');
  await blockedPaste(g, `first ${keys[0]}`);
  await g.clickAlert('Cancel');
  await g.waitNoAlert();

  await blockedPaste(g, `second ${keys[1]}`);
  await g.clickAlert('Insert anyway');
  // KeyWard's own justification box has focus after that click: the user types the reason.
  await g.alertPage.until((v) => (v?.buttons.includes('Confirm') ? true : null), 'the justification box');
  await g.page.type(`vendor demo, see ${keys[1]}`);
  await g.clickAlert('Confirm');
  await g.waitNoAlert();

  await g.page.evaluate(() => window.__kw.fields.composer!.setText(''));
  await g.type('composer', `third ${keys[2]}`);
  await g.page.press('Enter');
  await g.waitAlert('block');
  await g.clickAlert("Don't send");
  await g.waitNoAlert();
}

function expectNoKey(receiver: Receiver, keys: string[]): void {
  for (const r of receiver.requests) {
    const everything = r.url + JSON.stringify(r.headers) + r.body;
    for (const key of keys) expect(everything.includes(key), 'a full key in a request').toBe(false);
  }
}

/** A receiver on 127.0.0.1 and a browser whose policy reports to it (ocsf, with the token); both closed after `run`. */
async function withReporting(engine: 'chromium' | 'firefox', run: (receiver: Receiver, kw: KwBrowser) => Promise<void>): Promise<void> {
  const receiver = new Receiver();
  await receiver.start('/keyward');
  const kw = await launchReporting(engine, { url: receiver.url, token: TOKEN });
  try {
    await run(receiver, kw);
  } finally {
    await kw.close();
    await receiver.stop();
  }
}

for (const format of ['ocsf', 'splunk-hec'] as const) {
  test(`${format}: a blocked paste, an "insert anyway" with its justification and a held send each arrive once, valid, with the token and no key`, async ({ engine }) => {
    const receiver = new Receiver();
    await receiver.start(format === 'ocsf' ? '/keyward' : '/services/collector/event');
    const kw = await launchReporting(engine, { url: receiver.url, format, token: TOKEN, userLabel: 'alice@example.com' }, {
      requireJustification: true,
      actions: { typing: 'off' },
    });
    try {
      const keys = [testKey(1701).key, testKey(1702).key, testKey(1703).key];
      await threeSightings(kw, keys);
      await expect.poll(() => receiver.accepted().length, { timeout: 60_000, message: 'three events delivered' }).toBeGreaterThanOrEqual(3);
      const events = receiver.accepted();
      expect(events).toHaveLength(3);
      for (const e of events) expect(ocsfProblems(e)).toBeUndefined();
      expect(new Set(events.map((e) => e.metadata.uid)).size).toBe(3);
      const byOutcome = events.map((e) => `${e.metadata.product.feature.uid}/${e.status_detail}`).sort();
      expect(byOutcome).toEqual(['paste/blocked', 'paste/inserted-anyway', 'submit/blocked']);
      const anyway = events.find((e) => e.status_detail === 'inserted-anyway')!;
      expect(anyway.comment).toMatch(/^vendor demo, see sk-proj-…/);
      expect(anyway.disposition).toBe('Allowed');
      expect(events.find((e) => e.metadata.product.feature.uid === 'submit')!.disposition).toBe('Blocked');
      for (const e of events) {
        expect(e.actor.user.name).toBe('alice@example.com');
        expect(e.resources[0].uid).toBe('https://chatgpt.com/');
      }
      const auth = format === 'ocsf' ? `Bearer ${TOKEN}` : `Splunk ${TOKEN}`;
      for (const r of receiver.requests) expect(r.headers.authorization).toBe(auth);
      if (format === 'splunk-hec') {
        const envelope = JSON.parse(receiver.requests[0]!.body.split('\n')[0]!);
        expect(envelope).toMatchObject({ host: 'alice@example.com', source: 'keyward', sourcetype: 'ocsf:data_security_finding' });
      }
      expectNoKey(receiver, keys);
    } finally {
      await kw.close();
      await receiver.stop();
    }
  });
}

test('the receiver down for a while: sightings made meanwhile are all delivered once it is back, and the popup says how it went', ({ engine }) =>
  withReporting(engine, async (receiver, kw) => {
    receiver.status = (n) => (n <= 2 ? 503 : 200);
    const g = await GuardPage.open(kw, 'chatgpt');
    const keys = [testKey(1711).key, testKey(1712).key];
    for (const key of keys) {
      await blockedPaste(g, key);
      await g.clickAlert('Cancel');
      await g.waitNoAlert();
    }
    // The first attempt fails: the popup names the problem.
    await expect.poll(() => receiver.requests.length, { timeout: 40_000 }).toBeGreaterThanOrEqual(1);
    const popup = await kw.openExtensionPage('popup.html');
    const text = await popup.waitFor(() => document.querySelector<HTMLElement>('[data-reporting-error]')?.innerText ?? '', undefined, 20_000);
    expect(text).toMatch(/503/);
    const options = await kw.openExtensionPage('options.html');
    const optionsText = await options.waitFor(() => document.querySelector<HTMLElement>('[data-reporting-status]')?.innerText ?? '', undefined, 20_000);
    expect(optionsText).toMatch(/Reporting to Acme Security.*is on.*cannot be turned off/s);
    await expect.poll(() => receiver.accepted().length, { timeout: 90_000, message: 'delivered after the receiver came back' }).toBe(2);
    expect(new Set(receiver.accepted().map((e) => e.metadata.uid)).size).toBe(2);
    expectNoKey(receiver, keys);
  }),
);

test('the background stopped before its batch went out: nothing is lost', ({ engine }) =>
  withReporting(engine, async (receiver, kw) => {
    const g = await GuardPage.open(kw, 'chatgpt');
    const first = testKey(1721).key;
    await blockedPaste(g, first);
    await g.clickAlert('Cancel');
    await g.waitNoAlert();
    // The sighting is queued; its batch waits up to 10 s. Stop the background now.
    await stopBackground(kw);
    // The next sighting wakes it; it sends what the stopped one left, and the new one.
    const second = testKey(1722).key;
    await blockedPaste(g, second);
    await g.clickAlert('Cancel');
    await g.waitNoAlert();
    await expect.poll(() => new Set(receiver.accepted().map((e) => e.metadata.uid)).size, { timeout: 90_000 }).toBe(2);
    expectNoKey(receiver, [first, second]);
  }),
);

test('the background stopped after answering, before the queue had the sighting: it is still delivered', ({ engine }) =>
  withReporting(engine, async (receiver, kw) => {
    const page = await kw.openExtensionPage('popup.html');
    // Another connection holds the queue's database: the background answers but cannot queue the event.
    await holdReportingQueue(page);
    const s = inventorySighting(1751);
    await record(page, [s]);
    await stopBackground(kw);
    await page.evaluate(() => (window as unknown as { releaseQueue(): void }).releaseQueue());
    // A message wakes Chromium's worker; Firefox's reloaded page answers once it has started again.
    await expect.poll(() => message(page, 'reportingStatus', {}).then((r) => r.ok, () => false), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => receiver.accepted().map((e) => e.metadata.uid), { timeout: 90_000 }).toContain(s.id);
  }),
);

test('1,000 sightings in a burst: 1,000 events, no duplicates; a batch the receiver refuses (400) is set aside and the rest still flows', ({ engine }) =>
  withReporting(engine, async (receiver, kw) => {
    const page = await kw.openExtensionPage('popup.html');
    await record(page, Array.from({ length: 1000 }, (_, i) => inventorySighting(i + 1)));
    await expect.poll(() => receiver.accepted().length, { timeout: 90_000 }).toBe(1000);
    expect(new Set(receiver.accepted().map((e) => e.metadata.uid)).size).toBe(1000);

    const before = receiver.requests.length;
    receiver.status = (n) => (n === before + 1 ? 400 : 200);
    await record(page, Array.from({ length: 250 }, (_, i) => inventorySighting(2000 + i)));
    // How the 250 are batched depends on how fast they are recorded: the refused batch holds up to 100.
    const refused = () => receiver.requests.filter((r) => r.status === 400).map((r) => parseBody(r.body).length);
    await expect.poll(() => receiver.accepted().length + refused().reduce((a, b) => a + b, 0), { timeout: 90_000 }).toBe(1250);
    expect(refused()).toHaveLength(1);
    const [aside] = refused();
    expect(aside).toBeGreaterThan(0);
    expect(receiver.accepted().length).toBe(1250 - aside!);
    const status = await message<{ setAside: number; queued: number }>(page, 'reportingStatus', {});
    expect(status.data).toMatchObject({ setAside: aside, queued: 0 });
  }),
);

test('a bad reporting policy is reported like any bad policy field, reporting stays off, and the guard keeps working', async ({ engine }) => {
  const kw = await launch(engine, { policy: { organization: { name: 'Acme Security' }, reporting: { url: 'http://siem.example.com/keyward', format: 'syslog' } } });
  try {
    // The employee reads one plain line in the popup; the options page lists the fields for admins.
    const popup = await kw.openExtensionPage('popup.html');
    const line = await popup.waitFor(() => document.querySelector<HTMLElement>('.policy-problems')?.innerText ?? '', undefined, 30_000);
    expect(line).toMatch(/settings have 2 problems/);
    const options = await kw.openExtensionPage('options.html');
    const fields = await options.waitFor(
      () => Array.from(document.querySelectorAll<HTMLElement>('[data-policy-banner] li[data-field]')).map((li) => li.textContent ?? '').join('\n'),
      undefined,
      30_000,
    );
    expect(fields).toMatch(/reporting\.url.*https.*reporting stays off/s);
    expect(fields).toMatch(/reporting\.format/);
    expect(await popup.evaluate(() => document.querySelector('[data-reporting-status]') === null)).toBe(true);
    const g = await GuardPage.open(kw, 'chatgpt');
    const { key } = testKey(1741);
    await blockedPaste(g, key);
    expect(await g.pageSaw(key)).toBe(false);
  } finally {
    await kw.close();
  }
});

test('without a reporting policy nothing is sent and the popup says nothing of reporting', async ({ kw }) => {
  const receiver = new Receiver();
  await receiver.start('/keyward');
  try {
    const g = await GuardPage.open(kw, 'chatgpt');
    await blockedPaste(g, testKey(1731).key);
    await g.clickAlert('Cancel');
    await g.waitNoAlert();
    const popup = await kw.openExtensionPage('popup.html');
    await popup.waitFor(() => document.readyState === 'complete' && document.querySelector('main') !== null);
    expect(await popup.evaluate(() => document.querySelector('[data-reporting-status]') === null)).toBe(true);
    const status = await popup.evaluate(async () => {
      type Api = { runtime: { sendMessage(message: unknown): Promise<unknown> } };
      const scope = globalThis as unknown as { browser?: Api; chrome: Api };
      return (scope.browser ?? scope.chrome).runtime.sendMessage({ keyward: 'reportingStatus', data: {} });
    });
    expect(status).toMatchObject({ ok: true, data: { on: false, queued: 0 } });
    expect(receiver.requests).toHaveLength(0);
  } finally {
    await receiver.stop();
  }
});

/**
 * Keeps a write transaction open on the reporting queue's events from an extension page (same origin
 * as the background) until `window.releaseQueue()`: every other write to the queue waits meanwhile.
 */
async function holdReportingQueue(page: KwPage): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('keyward-reporting');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const store = open.result.transaction('events', 'readwrite').objectStore('events');
          let held = true;
          // A transaction stays open while it has a request pending: ask again each time one answers.
          const hold = () => {
            if (held) store.count().onsuccess = hold;
          };
          hold();
          (window as unknown as { releaseQueue(): void }).releaseQueue = () => (held = false);
          resolve();
        };
      }),
  );
}

/**
 * Stops KeyWard's background: Chromium's service worker through CDP (ServiceWorker.stopAllWorkers),
 * Firefox's background page by reloading it (MV2 has a page, not a worker).
 */
async function stopBackground(kw: KwBrowser): Promise<void> {
  if (kw.engine === 'chromium') {
    const { context } = kw as KwBrowser & { context: import('@playwright/test').BrowserContext };
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await page.close();
    return;
  }
  const page: KwPage = await kw.openExtensionPage('popup.html');
  await page.evaluate(() => {
    const api = (globalThis as unknown as { browser: { extension: { getBackgroundPage(): Window | null } } }).browser;
    api.extension.getBackgroundPage()?.location.reload();
  });
  await page.close();
}

import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { CHROME_EXTENSION_ID, extensionDir, requireBrowser } from './browsers';
import { answer, poll, toHandler, type Route } from './routing';
import type { KwBrowser, KwPage, LaunchOptions } from './types';

/** Chromium reads managed policy for extensions from here (Linux). */
export const CHROMIUM_POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY_FILE = `${CHROMIUM_POLICY_DIR}/keyward-e2e.json`;

/** Flags that keep a headless Chromium quiet on a machine with no network. */
const QUIET_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches Chromium with the built extension, through Playwright. */
export async function launchChromium(options: LaunchOptions = {}): Promise<KwBrowser> {
  const dir = extensionDir('chromium');
  writePolicy(options.policy);
  const context = await chromium.launchPersistentContext('', {
    executablePath: requireBrowser('chromium'),
    headless: true,
    args: [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`, ...QUIET_FLAGS],
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const routes: Route[] = [];
  await context.route('**/*', async (route) => {
    const response = answer(routes, route.request().url());
    if (response) await route.fulfill({ status: response.status, contentType: response.contentType, body: response.body });
    else if (route.request().url().startsWith('http')) await route.abort('blockedbyclient');
    else await route.continue();
  });
  // The service worker proves the extension loaded; its URL carries the id the manifest key fixes.
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  if (!worker.url().includes(CHROME_EXTENSION_ID)) throw new Error(`Unexpected extension id: ${worker.url()}`);
  const extensionOrigin = `chrome-extension://${CHROME_EXTENSION_ID}`;

  return {
    engine: 'chromium',
    extensionOrigin,
    async route(prefix, handler) {
      routes.unshift({ prefix, handler: toHandler(handler) });
    },
    newPage: async () => wrapPage(await context.newPage()),
    async openExtensionPage(path) {
      const page = wrapPage(await context.newPage());
      await page.goto(`${extensionOrigin}/${path}`);
      return page;
    },
    async close() {
      await context.close();
      if (options.policy) rmSync(POLICY_FILE, { force: true });
    },
    // Not part of KwBrowser: for tests that need Playwright itself.
    context,
  } as KwBrowser & { context: BrowserContext };
}

function writePolicy(policy: Record<string, unknown> | undefined): void {
  rmSync(POLICY_FILE, { force: true });
  if (!policy) return;
  mkdirSync(CHROMIUM_POLICY_DIR, { recursive: true });
  writeFileSync(POLICY_FILE, JSON.stringify({ '3rdparty': { extensions: { [CHROME_EXTENSION_ID]: policy } } }, null, 2));
}

function wrapPage(page: Page): KwPage & { raw: Page } {
  return {
    engine: 'chromium',
    raw: page,
    goto: async (url) => void (await page.goto(url)),
    url: () => page.url(),
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    waitFor: (fn, arg, timeoutMs = 10_000) =>
      poll(() => page.evaluate(fn as never, arg) as never, timeoutMs, `a condition in ${page.url()}`),
    // Playwright's CSS engine pierces open shadow roots by itself; `>>>` is the puppeteer spelling.
    click: (selector) => page.click(selector.replaceAll('>>>', ' ')),
    focus: (selector) => page.focus(selector.replaceAll('>>>', ' ')),
    type: (text) => page.keyboard.type(text),
    press: (key) => page.keyboard.press(key),
    screenshot: async (path) => void (await page.screenshot({ path })),
    reload: async () => void (await page.reload()),
    bringToFront: () => page.bringToFront(),
    close: () => page.close(),
  };
}

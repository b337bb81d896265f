import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROME_EXTENSION_ID, extensionDir, requireBrowser } from './browsers';
import { answer, poll, toHandler, type Route } from './routing';
import type { KwBrowser, KwPage, LaunchOptions } from './types';

/** Chromium reads managed policy for extensions from here (Linux). */
export const CHROMIUM_POLICY_DIR = '/etc/chromium/policies/managed';

/**
 * The policy directory is machine-wide, and every Chromium reads every file in it. So a launch with
 * a policy loads a copy of the extension signed with a fresh key (hence its own extension id), and its
 * policy file names only that id: browsers launched at the same time by other tests never see it, and
 * their launches never remove it.
 */
function policyCopy(dir: string): { dir: string; id: string } {
  const copy = mkdtempSync(join(tmpdir(), 'keyward-policy-ext-'));
  cpSync(dir, copy, { recursive: true });
  const der = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'der' });
  // Chrome's id: the first 32 hex digits of the key's SHA-256, written with the letters a-p.
  const id = [...createHash('sha256').update(der).digest('hex').slice(0, 32)].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
  const manifestPath = join(copy, 'manifest.json');
  writeFileSync(manifestPath, JSON.stringify({ ...JSON.parse(readFileSync(manifestPath, 'utf8')), key: der.toString('base64') }));
  return { dir: copy, id };
}

function policyFile(id: string): string {
  return `${CHROMIUM_POLICY_DIR}/keyward-e2e-${id}.json`;
}

/** Writes (or rewrites) the managed policy for the extension with this id. */
function writePolicy(id: string, policy: Record<string, unknown>): void {
  mkdirSync(CHROMIUM_POLICY_DIR, { recursive: true });
  writeFileSync(policyFile(id), JSON.stringify({ '3rdparty': { extensions: { [id]: policy } } }, null, 2));
}

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
  const built = extensionDir('chromium');
  const copy = options.policy ? policyCopy(built) : undefined;
  const dir = copy?.dir ?? built;
  const extensionId = copy?.id ?? CHROME_EXTENSION_ID;
  if (options.policy) writePolicy(extensionId, options.policy);
  const context = await chromium.launchPersistentContext('', {
    executablePath: requireBrowser('chromium'),
    headless: true,
    args: [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`, ...QUIET_FLAGS],
    permissions: ['clipboard-read', 'clipboard-write'],
    ...(options.colorScheme ? { colorScheme: options.colorScheme } : {}),
    // Chromium on Linux takes its interface language from LANGUAGE (--lang is read on Windows only);
    // `locale` makes pages' navigator.language agree.
    ...(options.locale ? { locale: options.locale, env: { ...process.env, LANGUAGE: options.locale } } : {}),
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
  if (!worker.url().includes(extensionId)) throw new Error(`Unexpected extension id: ${worker.url()}`);
  const extensionOrigin = `chrome-extension://${extensionId}`;

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
      if (copy) {
        rmSync(policyFile(copy.id), { force: true });
        rmSync(copy.dir, { recursive: true, force: true });
      }
    },
    // Not part of KwBrowser: for tests that need Playwright itself.
    context,
    /** Not part of KwBrowser: rewrites this browser's policy file (Chromium notices, or see chrome://policy). */
    setPolicy(policy: Record<string, unknown>) {
      if (!copy) throw new Error('setPolicy needs a browser launched with a policy');
      writePolicy(copy.id, policy);
    },
  } as KwBrowser & { context: BrowserContext; setPolicy(policy: Record<string, unknown>): void };
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

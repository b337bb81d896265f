import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extensionDir, FIREFOX_EXTENSION_UUID, GECKO_ID, requireBrowser } from './browsers';
import { answer, poll, toHandler, type Route } from './routing';
import type { KwBrowser, KwPage, LaunchOptions } from './types';

/**
 * Launches firefox-esr with the built extension through puppeteer over WebDriver BiDi.
 * (Playwright's Firefox needs its own patched build, which cannot be downloaded here.)
 */
export async function launchFirefox(options: LaunchOptions = {}): Promise<KwBrowser> {
  const firefox = await FirefoxInstance.start(options);
  return firefox.session({ closeBrowser: true });
}

/**
 * One running firefox-esr. Each `session()` is a clean KeyWard for one test: the tabs of the last
 * session are closed and the extension is uninstalled and installed again, which clears everything
 * it stored (storage.local, IndexedDB, its background page's memory) while the
 * `keepUuidOnUninstall` pref keeps its moz-extension:// host. That costs about 0.5 s where a new
 * Firefox costs 5 to 6 s (launch, first tab, close), so the e2e fixture keeps one per worker for
 * the tests that need no launch options.
 */
export class FirefoxInstance {
  private extensionId: string | undefined;
  private sessions = 0;

  private constructor(
    readonly browser: Browser,
    private readonly home: string,
    private readonly firstTab: Page | undefined,
  ) {}

  static async start(options: LaunchOptions = {}): Promise<FirefoxInstance> {
    // A private $HOME per launch holds the managed-storage manifest, so policy tests never leak into others.
    const home = mkdtempSync(join(tmpdir(), 'keyward-ff-home-'));
    if (options.policy) {
      const dir = join(home, '.mozilla', 'managed-storage');
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        join(dir, `${GECKO_ID}.json`),
        JSON.stringify({ name: GECKO_ID, description: 'KeyWard e2e policy', type: 'storage', data: options.policy }),
      );
    }
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: requireBrowser('firefox'),
      headless: true,
      args: ['--remote-allow-system-access'],
      env: { ...process.env, HOME: home },
      extraPrefsFirefox: {
        // Pins the moz-extension:// host so tests can open extension pages by URL, and keeps it
        // when a session uninstalls the extension to start the next one clean.
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_EXTENSION_UUID }),
        'extensions.webextensions.keepUuidOnUninstall': true,
        'dom.events.asyncClipboard.readText': true,
        'dom.events.testing.asyncClipboard': true,
        // Grants an optional permission asked for from a click (the popup's "Guard this site") without
        // the doorhanger, which WebDriver cannot answer. Firefox still refuses a request made without a click.
        'extensions.webextOptionalPermissionPrompts': false,
        // The system colour scheme: 0 dark, 1 light (every page and extension page follows it).
        // The interface language, from its language pack (Debian installs them in Firefox's own extensions folder).
        ...(options.locale ? { 'intl.locale.requested': options.locale } : {}),
        ...(options.colorScheme ? { 'ui.systemUsesDarkTheme': options.colorScheme === 'dark' ? 1 : 0, 'layout.css.prefers-color-scheme.content-override': options.colorScheme === 'dark' ? 0 : 1 } : {}),
      },
    });
    // The tab Firefox starts with stays open between sessions (closing the last tab would end the
    // browser); tests never use it, as it never gets focus in headless Firefox.
    const [firstTab] = await browser.pages();
    return new FirefoxInstance(browser, home, firstTab);
  }

  /** How many sessions this browser has served. */
  get served(): number {
    return this.sessions;
  }

  /**
   * A clean KeyWard in this browser: earlier sessions' tabs closed, the extension freshly installed.
   * `closeBrowser` makes the session's close() end the browser too (a browser for one test).
   */
  async session({ closeBrowser }: { closeBrowser: boolean }): Promise<KwBrowser & { browser: Browser }> {
    await this.closeTabs();
    await this.reinstall();
    this.sessions += 1;
    const routes: Route[] = [];
    const browser = this.browser;

    async function newPage(): Promise<KwPage & { raw: Page }> {
      const page = await browser.newPage();
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        if (request.isInterceptResolutionHandled()) return;
        const response = answer(routes, request.url());
        // A request still in flight when the test closes its page or browser rejects with "Target
        // closed": the test is over by then, so that is not its failure (an unhandled rejection would be).
        const ignoreClosed = () => {};
        if (response) request.respond({ status: response.status, contentType: response.contentType, body: response.body }).catch(ignoreClosed);
        else if (request.url().startsWith('http')) request.abort('blockedbyclient').catch(ignoreClosed);
        else request.continue().catch(ignoreClosed);
      });
      return wrapPage(page);
    }

    const extensionOrigin = `moz-extension://${FIREFOX_EXTENSION_UUID}`;
    return {
      engine: 'firefox',
      extensionOrigin,
      async route(prefix, handler) {
        routes.unshift({ prefix, handler: toHandler(handler) });
      },
      newPage,
      async openExtensionPage(path) {
        const page = await newPage();
        await page.goto(`${extensionOrigin}/${path}`);
        return page;
      },
      close: () => (closeBrowser ? this.close() : this.closeTabs()),
      browser,
    };
  }

  /**
   * Installs KeyWard afresh and waits for the welcome tab it opens on install: opened after the
   * test's own tab, that tab would put the test's in the background, where the page stops rendering
   * and a click waits forever. On a loaded machine Firefox has been seen not to open it within 10 s
   * (CI); a second install is tried before giving up.
   */
  private async reinstall(): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      if (this.extensionId) await this.browser.uninstallExtension(this.extensionId);
      const tabsBefore = (await this.browser.pages()).length;
      this.extensionId = await this.browser.installExtension(extensionDir('firefox'));
      try {
        await poll(async () => (await this.browser.pages()).length > tabsBefore, 20_000, 'the welcome tab KeyWard opens on install');
        return;
      } catch (error) {
        if (attempt === 2) throw error;
        await this.closeTabs();
      }
    }
  }

  /** Ends the browser and removes its private $HOME. */
  async close(): Promise<void> {
    await this.browser.close();
    rmSync(this.home, { recursive: true, force: true });
  }

  private async closeTabs(): Promise<void> {
    const tabs = await this.browser.pages();
    await Promise.all(tabs.filter((tab) => tab !== this.firstTab).map((tab) => tab.close().catch(() => {})));
  }
}

function wrapPage(page: Page): KwPage & { raw: Page } {
  const evaluate = (fn: unknown, arg: unknown) => page.evaluate(fn as never, arg) as never;
  return {
    engine: 'firefox',
    raw: page,
    async goto(url) {
      if (!url.startsWith('moz-extension:')) {
        await page.goto(url);
        return;
      }
      // puppeteer never sees moz-extension:// navigations finish (puppeteer/puppeteer#14314),
      // though the page does load and answers scripts: start it, then wait for the document itself.
      page.goto(url).catch(() => {});
      await poll(() => page.evaluate((u) => location.href === u && document.readyState === 'complete', url), 15_000, url);
    },
    url: () => page.url(),
    evaluate,
    waitFor: (fn, arg, timeoutMs = 10_000) => poll(() => evaluate(fn, arg), timeoutMs, 'a condition in the page'),
    click: (selector) => page.click(selector),
    focus: (selector) => page.focus(selector),
    type: (text) => page.keyboard.type(text),
    async press(chord) {
      // puppeteer presses one key at a time: hold the modifiers of a chord like `Control+V` around it.
      const keys = chord.split('+') as never[];
      const last = keys.pop()!;
      for (const key of keys) await page.keyboard.down(key);
      await page.keyboard.press(last);
      for (const key of keys.reverse()) await page.keyboard.up(key);
    },
    screenshot: async (path) => void (await page.screenshot({ path })),
    reload: async () => void (await page.reload()),
    bringToFront: () => page.bringToFront(),
    close: () => page.close(),
  };
}

// The bare base test: Playwright's own `page`/`context` fixtures would launch a browser we can't download.
import { _baseTest as base } from '@playwright/test';
import { FirefoxInstance } from './harness/firefox';
import { launch, type Engine, type KwBrowser, type KwPage } from './harness';

export { expect } from '@playwright/test';
export * from './harness';

/** Options set per Playwright project (see playwright.config.ts). */
export interface EngineOptions {
  engine: Engine;
}

interface Fixtures {
  /** KeyWard freshly installed in a browser with a clean profile, for this test alone. */
  kw: KwBrowser;
  /** A new tab in `kw`. */
  page: KwPage;
}

interface WorkerFixtures {
  firefoxPool: FirefoxPool;
}

/**
 * One Firefox per worker for the `kw` fixture. A new Firefox costs 5 to 6 s, a fresh install of
 * KeyWard in a running one about 0.5 s (FirefoxInstance.session). The browser is replaced after a
 * failed test, so a failure cannot leave anything behind for the next, and every RECYCLE_AFTER
 * sessions, so memory stays bounded. KEYWARD_E2E_FRESH_FIREFOX=1 launches one per test instead.
 */
class FirefoxPool {
  private static readonly RECYCLE_AFTER = 40;
  private instance: FirefoxInstance | undefined;

  async session(): Promise<KwBrowser> {
    if (process.env.KEYWARD_E2E_FRESH_FIREFOX === '1') return launch('firefox');
    if (this.instance && this.instance.served >= FirefoxPool.RECYCLE_AFTER) await this.dispose();
    this.instance ??= await FirefoxInstance.start();
    return this.instance.session({ closeBrowser: false });
  }

  async dispose(): Promise<void> {
    const instance = this.instance;
    this.instance = undefined;
    await instance?.close().catch(() => {});
  }
}

/**
 * The e2e test: each test gets a clean profile as far as KeyWard can tell, so no test sees another's
 * storage, inventory or policy. Chromium launches a browser per test (about 1 s); Firefox reinstalls
 * KeyWard in the worker's browser (see FirefoxPool). Tests that need launch options (a policy, a
 * colour scheme) call `launch` themselves and get a browser of their own.
 */
export const test = base.extend<Fixtures & EngineOptions, WorkerFixtures>({
  engine: ['chromium', { option: true }],
  firefoxPool: [
    async ({}, use) => {
      const pool = new FirefoxPool();
      await use(pool);
      await pool.dispose();
    },
    { scope: 'worker' },
  ],
  kw: async ({ engine, firefoxPool }, use, testInfo) => {
    const browser = engine === 'firefox' ? await firefoxPool.session() : await launch(engine);
    await use(browser);
    await browser.close();
    if (engine === 'firefox' && testInfo.status !== testInfo.expectedStatus) await firefoxPool.dispose();
  },
  page: async ({ kw }, use) => {
    await use(await kw.newPage());
  },
});

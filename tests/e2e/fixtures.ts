// The bare base test: Playwright's own `page`/`context` fixtures would launch a browser we can't download.
import { _baseTest as base } from '@playwright/test';
import { launch, type Engine, type KwBrowser, type KwPage } from './harness';

export { expect } from '@playwright/test';
export * from './harness';

/** Options set per Playwright project (see playwright.config.ts). */
export interface EngineOptions {
  engine: Engine;
}

interface Fixtures {
  /** A fresh browser with KeyWard loaded, for this test alone. */
  kw: KwBrowser;
  /** A new tab in `kw`. */
  page: KwPage;
}

/**
 * The e2e test: each test gets its own browser with a clean profile, so no test sees another's
 * storage, inventory or policy. Launch costs about 1-3 s; correctness first.
 */
export const test = base.extend<Fixtures & EngineOptions>({
  engine: ['chromium', { option: true }],
  kw: async ({ engine }, use) => {
    const browser = await launch(engine);
    await use(browser);
    await browser.close();
  },
  page: async ({ kw }, use) => {
    await use(await kw.newPage());
  },
});

import { defineConfig } from '@playwright/test';
import type { EngineOptions } from './tests/e2e/fixtures';

/**
 * E2E tests run the built extension (`npm run build`) in Debian's Chromium (Playwright) and
 * firefox-esr (puppeteer over WebDriver BiDi). No test tool downloads a browser of its own.
 */
export default defineConfig<EngineOptions>({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  workers: 2,
  outputDir: 'test-results',
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  projects: [
    { name: 'chromium', use: { engine: 'chromium' } },
    { name: 'firefox', use: { engine: 'firefox' } },
  ],
});

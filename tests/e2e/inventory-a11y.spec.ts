import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test, type KwPage } from './fixtures';
import { overview, record, sighting } from './inventory-helpers';

interface Violation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: { target: unknown }[];
}

/**
 * Runs axe-core on the popup. Chromium: @axe-core/playwright. Firefox: axe-core's own source,
 * injected through the test runner (extension pages allow no inline script) and run in the page.
 */
async function seriousViolations(popup: KwPage): Promise<string[]> {
  let violations: Violation[];
  let passes: number;
  if (popup.engine === 'chromium') {
    const result = await new AxeBuilder({ page: (popup as unknown as { raw: Page }).raw }).analyze();
    violations = result.violations;
    passes = result.passes.length;
  } else {
    const source = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    await (popup as unknown as { raw: { evaluate(code: string): Promise<unknown> } }).raw.evaluate(source);
    [violations, passes] = await popup.evaluate(async () => {
      const result = await (window as unknown as { axe: { run(): Promise<{ violations: Violation[]; passes: unknown[] }> } }).axe.run();
      return [JSON.parse(JSON.stringify(result.violations)) as Violation[], result.passes.length] as const;
    });
  }
  // axe really ran its rules on this page.
  if (passes < 10) throw new Error(`axe-core ran only ${passes} passing rules`);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}

async function reopen(popup: KwPage): Promise<void> {
  await popup.evaluate(() => {
    (window as { stale?: boolean }).stale = true;
    setTimeout(() => location.reload(), 0);
  });
  await popup.waitFor(() => !(window as { stale?: boolean }).stale && document.readyState === 'complete' && !document.querySelector('.loading'));
}

/** Presses Tab until the focused element matches `selector`; fails after `max` presses. */
async function tabTo(popup: KwPage, selector: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    await popup.press('Tab');
    if (await popup.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

const focused = (popup: KwPage) => popup.evaluate(() => document.activeElement?.textContent?.trim() ?? '');

test.describe('the popup is accessible', () => {
  test('axe-core finds no serious or critical violation: empty, list, key page, confirmation', async ({ kw }) => {
    const popup = await kw.openExtensionPage('popup.html');
    await popup.waitFor(() => !!document.querySelector('.empty'));
    expect(await seriousViolations(popup)).toEqual([]);

    await record(popup, [sighting(1, { outcome: 'inserted-anyway', justification: 'a test key' }), sighting(2, { origin: 'https://chatgpt.com' })]);
    await reopen(popup);
    await popup.waitFor(() => document.querySelectorAll('li.key').length === 2);
    expect(await seriousViolations(popup)).toEqual([]);

    await popup.click('footer button.danger');
    await popup.waitFor(() => !!document.querySelector('[role="alertdialog"]'));
    expect(await seriousViolations(popup)).toEqual([]);

    await popup.goto(`${kw.extensionOrigin}/popup.html#/key/0000000000000001`);
    await popup.waitFor(() => !!document.querySelector('.key-page'));
    expect(await seriousViolations(popup)).toEqual([]);
  });

  test('works with the keyboard alone: search, open a key, mark it rotated, go back', async ({ kw }) => {
    const popup = await kw.openExtensionPage('popup.html');
    await record(popup, [sighting(1), sighting(2)]);
    await reopen(popup);
    await popup.waitFor(() => document.querySelectorAll('li.key').length === 2);

    await tabTo(popup, 'input[name="search"]');
    await popup.type('0002');
    await popup.waitFor(() => document.querySelectorAll('li.key').length === 1);
    await popup.press('Control+A');
    await popup.press('Backspace');
    await popup.waitFor(() => document.querySelectorAll('li.key').length === 2);

    await tabTo(popup, 'li.key a.key-link');
    await popup.press('Enter');
    await popup.waitFor(() => !!document.querySelector('.key-page'));
    // Focus moves to the key's heading, so a screen reader announces the new page.
    expect(await popup.waitFor(() => document.activeElement?.id === 'key-title')).toBe(true);
    await tabTo(popup, 'button.rotate');
    await popup.press('Enter');
    await popup.waitFor(() => !!document.querySelector('.rotated-note'));
    expect((await overview(popup)).keys.filter((k) => k.rotatedAt !== undefined)).toHaveLength(1);
    // Focus stays in the rotation controls, on the button that replaced the one pressed.
    expect(await popup.waitFor(() => document.activeElement?.textContent === 'Not rotated after all')).toBe(true);

    await tabTo(popup, 'a.back');
    await popup.press('Enter');
    await popup.waitFor(() => document.querySelectorAll('li.key').length === 2);
    // Back on the list, focus returns to the key just visited.
    expect(await popup.waitFor(() => document.activeElement?.closest('li.key')?.getAttribute('data-fingerprint'))).toMatch(/^000000000000000[12]$/);
  });

  test('works with the keyboard alone: clear everything, with a confirmation that starts on Cancel', async ({ kw }) => {
    // A test of its own, in a fresh tab: in Firefox under puppeteer, once a link activated with Enter
    // has navigated a tab by its hash, Enter and Space stop clicking buttons in that tab (mouse clicks
    // still work; not seen in Chromium). The flow above covers the links and the rotate button.
    const popup = await kw.openExtensionPage('popup.html');
    await record(popup, [sighting(1), sighting(2)]);
    await reopen(popup);
    await popup.waitFor(() => document.querySelectorAll('li.key').length === 2);
    await tabTo(popup, 'footer button.danger');
    expect(await focused(popup)).toBe('Clear everything');
    await popup.press('Enter');
    await popup.waitFor(() => !!document.querySelector('[role="alertdialog"]'));
    await popup.waitFor(() => document.activeElement?.textContent === 'Cancel');
    await popup.press('Escape');
    await popup.waitFor(() => !document.querySelector('[role="alertdialog"]'));
    expect(await focused(popup)).toBe('Clear everything');
    expect((await overview(popup)).total).toBe(2);
    await popup.press('Enter');
    await popup.waitFor(() => document.activeElement?.textContent === 'Cancel');
    expect((await overview(popup)).total).toBe(2);
    await popup.press('Shift+Tab');
    expect(await focused(popup)).toBe('Yes, clear everything');
    await popup.press('Enter');
    await popup.waitFor(() => !!document.querySelector('.empty'));
    expect((await overview(popup)).total).toBe(0);
  });
});

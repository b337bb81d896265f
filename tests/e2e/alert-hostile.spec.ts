import { expect, test } from './fixtures';
import { clipboardPaste, GuardPage, setUserSettings, testKey } from './guard-helpers';
import { overview } from './inventory-helpers';

/**
 * A hostile page against KeyWard's alert. The page's scripts run here through `page.evaluate`, with
 * exactly a page's powers; the user's clicks and keys are trusted input. Each attack must leave the
 * key out of the page and no choice in the inventory that the user did not make.
 */

/** A real paste (trusted Ctrl+V) of `text` into the element `selector`; false when the clipboard is refused. */
function pasteInto(g: GuardPage, selector: string, text: string): Promise<boolean> {
  return clipboardPaste(g.page, text, () => g.page.evaluate((s) => document.querySelector<HTMLElement>(s)!.focus(), selector));
}

/** Opens the issue page, pastes a key into its body (block, the default) and waits for the alert. */
async function blockedPaste(kw: Parameters<typeof GuardPage.open>[0], seed: number) {
  const { key, redacted } = testKey(seed, 'openai-project-164');
  const g = await GuardPage.open(kw, 'issue');
  test.skip(!(await g.realPaste('body', `token ${key}`)), 'the browser refused to write the clipboard');
  await g.waitAlert('block');
  return { g, key, redacted };
}

async function keyKeptOut(g: GuardPage, key: string): Promise<void> {
  expect(await g.text('body')).not.toContain(key);
  expect(await g.pageSaw(key)).toBe(false);
}

async function armed(g: GuardPage): Promise<void> {
  await g.alertPage.until((v) => (v?.armed ? true : null), 'the alert to accept choices');
}

async function noAnyway(kw: Parameters<typeof GuardPage.open>[0]): Promise<void> {
  const popup = await kw.openExtensionPage('popup.html');
  const keys = (await overview(popup)).keys as unknown as { outcomes: Record<string, number> }[];
  expect(keys.some((k) => k.outcomes['inserted-anyway'])).toBe(false);
  await popup.close();
}

test('the page cannot open, relabel or press the alert: its shadow root is closed', async ({ kw }) => {
  const { g, key } = await blockedPaste(kw, 130);
  const tried = await g.page.evaluate(() => {
    const host = document.querySelector('keyward-alert')!;
    let attach = 'refused';
    try {
      host.attachShadow({ mode: 'open' });
      attach = 'attached';
    } catch {
      // A second shadow root is refused.
    }
    // Relabel what the page can reach: the host's own children, never rendered.
    host.innerHTML = '<button>Cancel</button>';
    host.querySelector('button')!.click();
    (host as HTMLElement).click();
    return { root: host.shadowRoot === null, attach };
  });
  expect(tried).toEqual({ root: true, attach: 'refused' });
  expect(await g.alertPage.buttons()).toEqual(['Insert with key redacted', 'Insert anyway', 'Cancel']);
  expect((await g.alert())?.kind, 'the page chose nothing').toBe('block');
  await keyKeptOut(g, key);
});

test('clicks in the first 500 ms are ignored, and the alert says so', async ({ kw }) => {
  const { g, key } = await blockedPaste(kw, 131);
  // The page times the click against the alert's arrival, as the alert itself does.
  await g.alertPage.click('Insert anyway');
  const refusal = await g.alertPage.refusal();
  const view = await g.alert();
  test.skip(refusal === null && view === null, 'the click came more than 500 ms after the alert appeared on this busy machine');
  expect(refusal).toContain('KeyWard ignored that click: the alert had only just appeared');
  await keyKeptOut(g, key);
  await armed(g);
  await g.alertPage.click('Insert anyway');
  await expect.poll(() => g.text('body')).toContain(key);
});

test('an alert made see-through (opacity on <html>) under the pointer: the click is ignored', async ({ kw }) => {
  const { g, key } = await blockedPaste(kw, 132);
  await armed(g);
  await g.page.evaluate(() => document.documentElement.style.setProperty('opacity', '0.01'));
  await g.alertPage.click('Insert anyway');
  await expect.poll(() => g.alertPage.refusal()).toMatch(/^KeyWard ignored that click: the alert was (see-through|covered or hidden)/);
  await keyKeptOut(g, key);
  // Seen again, the alert works again: the check is about visibility, not a blanket refusal.
  await g.page.evaluate(() => document.documentElement.style.removeProperty('opacity'));
  await armed(g);
  await g.alertPage.click('Insert anyway');
  await expect.poll(() => g.text('body')).toContain(key);
});

test('the page restyling the alert host (opacity 0 in its style attribute): the click is ignored', async ({ kw }) => {
  const { g, key } = await blockedPaste(kw, 133);
  await armed(g);
  // In its style attribute, the one place where a page's `!important` can beat the alert's own.
  await g.page.evaluate(() => (document.querySelector('keyward-alert') as HTMLElement).style.setProperty('opacity', '0', 'important'));
  await g.alertPage.click('Insert anyway');
  await expect.poll(() => g.alertPage.refusal()).toMatch(/^KeyWard ignored that click: the (page had changed how the alert looks|alert was)/);
  await keyKeptOut(g, key);
  expect((await g.alert())?.kind).toBe('block');
});

test('a page element in the top layer over the alert, letting clicks through: the click is ignored', async ({ kw }) => {
  const { g, key } = await blockedPaste(kw, 134);
  await armed(g);
  await g.page.evaluate(() => {
    const cover = document.createElement('div');
    cover.setAttribute('popover', 'manual');
    cover.textContent = 'Cancel';
    cover.style.cssText = 'position:fixed;inset:0;margin:0;width:100vw;height:100vh;background:#fff;pointer-events:none;border:0';
    document.body.append(cover);
    cover.showPopover();
  });
  await g.alertPage.click('Insert anyway');
  await expect.poll(() => g.alertPage.refusal()).toMatch(/^KeyWard ignored that click: the alert was covered/);
  await keyKeptOut(g, key);
});

test('a page-wide <label> around the alert: clicks anywhere on the page choose nothing', async ({ kw }) => {
  const { g, key } = await blockedPaste(kw, 135);
  await armed(g);
  await g.page.evaluate(() => {
    const label = document.createElement('label');
    label.style.cssText = 'position:fixed;inset:0;z-index:2147483646;display:block';
    document.body.append(label);
    label.append(document.querySelector('keyward-alert')!);
  });
  const raw = (g.page as unknown as { raw: { mouse: { click(x: number, y: number): Promise<void> } } }).raw;
  await raw.mouse.click(5, 5);
  await raw.mouse.click(200, 5);
  expect((await g.alert())?.kind, 'no choice was made').toBe('block');
  await keyKeptOut(g, key);
  await noAnyway(kw);
});

test('script clicks on the alert (host, forged mouse events at the button) choose nothing', async ({ kw }) => {
  const { g, key } = await blockedPaste(kw, 136);
  await armed(g);
  const point = (await g.alertPage.buttonPoint('Insert anyway'))!;
  await g.page.evaluate(({ x, y }) => {
    const host = document.querySelector('keyward-alert') as HTMLElement;
    host.click();
    for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click'])
      (document.elementFromPoint(x, y) ?? host).dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true, clientX: x, clientY: y, detail: 1 }));
    (document.elementFromPoint(x, y) as HTMLElement | null)?.click();
  }, point);
  expect((await g.alert())?.kind).toBe('block');
  await keyKeptOut(g, key);
  await noAnyway(kw);
});

test('the page cannot write the justification: only the user\'s own typing in KeyWard\'s box counts', async ({ kw }) => {
  await setUserSettings(kw, { requireJustification: true });
  const { g, key } = await blockedPaste(kw, 137);
  await armed(g);
  await g.alertPage.click('Insert anyway');
  await g.alertPage.until((v) => (v?.buttons.includes('Confirm') ? true : null), 'the justification box');
  // The focus is in KeyWard's box: the page tries to type there.
  await g.page.evaluate(() => document.execCommand('insertText', false, 'approved by the page'));
  const box = () => g.alertPage.inRoot((root) => root.querySelector('textarea')?.value ?? null, null);
  expect(await box()).toBe('');
  expect(await g.alertPage.inRoot((root) => (root.querySelector('button.confirm') as HTMLButtonElement | null)?.disabled ?? null, null)).toBe(true);
  await keyKeptOut(g, key);
  // The user's own words do count.
  await g.page.type('rotating it today');
  await expect.poll(box).toBe('rotating it today');
  await g.alertPage.click('Confirm');
  await expect.poll(() => g.text('body')).toContain(key);
});

test('a page-made <keyward-alert> around its own composer does not make the guard look away', async ({ kw }) => {
  const { key } = testKey(138, 'openai-project-164');
  const g = await GuardPage.open(kw, 'issue');
  await g.page.evaluate(() => {
    const fake = document.createElement('keyward-alert');
    fake.innerHTML = '<textarea id="evil"></textarea>';
    document.body.prepend(fake);
  });
  test.skip(!(await pasteInto(g, '#evil', `token ${key}`)), 'the browser refused to write the clipboard');
  const alert = await g.waitAlert('block');
  expect(alert.event).toBe('paste');
  expect(await g.page.evaluate(() => (document.querySelector('#evil') as HTMLTextAreaElement).value)).not.toContain(key);
  expect(await g.pageSaw(key)).toBe(false);
});

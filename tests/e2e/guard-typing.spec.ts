import { expect, test, type KwBrowser } from './fixtures';
import { GuardPage, openLongFile, setUserSettings, settle, testKey } from './guard-helpers';
import { overview } from './inventory-helpers';
import type { SiteName } from './pages/sites';

/** Typing (warn, the default): the text goes in and the alert offers "Remove key". Sending it is then held (block). */
const TARGETS: [SiteName, string, string][] = [
  ['issue', 'body', 'textarea'],
  ['ask', 'body', 'plain contenteditable'],
  ['chatgpt', 'composer', 'ProseMirror'],
  ['githubEditor', 'editor', 'CodeMirror 6'],
  ['messenger', 'composer', 'Lexical'],
  ['gemini', 'composer', 'Quill'],
  ['discord', 'composer', 'Slate'],
  ['codesandbox', 'editor', 'Monaco'],
  ['codesandboxTextarea', 'editor', 'Monaco (its textarea, EditContext off)'],
];

/** Types a key, waits for the warn alert and dismisses it, leaving the key in the field. */
async function typeKeyAndDismiss(g: GuardPage, field: string, key: string): Promise<void> {
  await g.type(field, `my key ${key}`);
  await g.waitAlert('warn');
  await g.clickAlert('Dismiss');
  await g.waitNoAlert();
  expect(await g.text(field)).toContain(key);
  await g.focus(field);
}

/**
 * Types a key into a chat site's composer (the typing warning dismissed), sends it the way `send`
 * does, and checks the send was held: a block alert for the submit, nothing sent, the key still there.
 */
async function sendHeld(kw: KwBrowser, site: SiteName, seed: number, send: (g: GuardPage) => Promise<void>) {
  const { key, redacted } = testKey(seed, 'openai-legacy-51');
  const g = await GuardPage.open(kw, site);
  await typeKeyAndDismiss(g, 'composer', key);
  await send(g);
  expect((await g.waitAlert('block')).event).toBe('submit');
  await settle(300);
  expect(await g.sent(), 'nothing was sent').toEqual([]);
  expect(await g.text('composer')).toContain(key);
  return { g, key, redacted };
}

const pressEnter = (g: GuardPage) => g.page.press('Enter');

/** Monaco with its defaults (EditContext in Chromium) and with its hidden textarea in every browser. */
const MONACOS = [
  ['codesandbox', 'Monaco'],
  ['codesandboxTextarea', 'Monaco (its textarea, EditContext off)'],
] as const;

test.describe('a typed key', () => {
  for (const [site, field, kind] of TARGETS) {
    test(`in a ${kind} gets the warn alert; "Remove key" removes it`, async ({ kw }) => {
      test.skip(site === 'codesandboxTextarea' && kw.engine === 'firefox', 'Monaco has no EditContext in Firefox: the same as codesandbox there');
      const { key, redacted } = testKey(71, 'openai-legacy-51');
      const g = await GuardPage.open(kw, site);
      await g.type(field, `my key ${key} `);
      const alert = await g.waitAlert('warn');
      expect(alert.event).toBe('typing');
      expect(alert.text).toContain(redacted);
      expect(await g.text(field), 'typed text goes through').toContain(key);
      await g.clickAlert('Remove key');
      await expect.poll(() => g.text(field)).not.toContain(key);
      expect(await g.text(field)).toContain('my key');
    });
  }

  for (const [site, kind] of MONACOS) {
    test(`in the middle of a long file in ${kind}: "Remove key" takes exactly the key out of Monaco's model`, async ({ kw }) => {
      test.skip(site === 'codesandboxTextarea' && kw.engine === 'firefox', 'Monaco has no EditContext in Firefox: the same as codesandbox there');
      const { key, redacted } = testKey(75, 'openai-legacy-51');
      const g = await GuardPage.open(kw, site);
      // Longer than the window of text Monaco keeps in its input element, the caret far from both ends.
      const lines = await openLongFile(g, 'editor', 80, 40);
      await g.page.type(` // ${key} `);
      const alert = await g.waitAlert('warn');
      expect(alert.text).toContain(redacted);
      const typed = lines.map((line, i) => (i === 39 ? `${line} // ${key} ` : line)).join('\n');
      expect(await g.text('editor'), 'typed text goes through').toBe(typed);
      await g.clickAlert('Remove key');
      await expect.poll(() => g.text('editor'), "Monaco's model").toBe(typed.replace(key, ''));
    });
  }

  for (const [site, field, kind] of [['issue', 'body', 'textarea'], ['codesandbox', 'editor', MONACOS[0][1]], ['codesandboxTextarea', 'editor', MONACOS[1][1]]] as const) {
    test(`block mode: a key typed in a ${kind} is replaced by its redacted form at once, and stays so on "Keep key redacted"`, async ({ kw }) => {
      test.skip(site === 'codesandboxTextarea' && kw.engine === 'firefox', 'Monaco has no EditContext in Firefox: the same as codesandbox there');
      await setUserSettings(kw, { actions: { typing: 'block' } });
      const { key, redacted } = testKey(81, 'openai-project-164');
      const g = await GuardPage.open(kw, site);
      await g.type(field, `my key ${key} end`);
      const alert = await g.waitAlert('block');
      expect(alert.event).toBe('typing');
      await expect.poll(() => g.text(field)).toBe(`my key ${redacted} end`);
      await g.clickAlert('Keep key redacted');
      await g.waitNoAlert();
      await settle(300);
      expect(await g.text(field)).toBe(`my key ${redacted} end`);
    });
  }

  test('inserted without key presses (IME commit, autocomplete) gets the warn alert', async ({ kw }) => {
    const { key } = testKey(72, 'groq-api-key');
    const g = await GuardPage.open(kw, 'issue');
    await g.focus('body');
    if (kw.engine === 'chromium') {
      // A real IME session through the DevTools protocol: composition updates, then the commit.
      const raw = (g.page as unknown as { raw: import('@playwright/test').Page }).raw;
      const cdp = await raw.context().newCDPSession(raw);
      await cdp.send('Input.imeSetComposition', { text: key.slice(0, 10), selectionStart: 10, selectionEnd: 10 });
      await cdp.send('Input.imeSetComposition', { text: key, selectionStart: key.length, selectionEnd: key.length });
      await settle(400);
      expect(await g.alert(), 'no alert while still composing').toBeNull();
      await cdp.send('Input.insertText', { text: key });
    } else {
      // Firefox over BiDi has no IME commands, and puppeteer's sendCharacter takes one character there.
      // The whole key arrives in one edit with no key events instead, as an autocomplete widget inserts it.
      await g.page.evaluate((text) => document.execCommand('insertText', false, text), key);
    }
    await expect.poll(() => g.text('body')).toContain(key);
    const alert = await g.waitAlert('warn');
    expect(alert.buttons).toContain('Remove key');
  });

  for (const [site, kind, seed] of [
    ['chatgpt', 'ProseMirror', 73],
    ['gemini', 'Quill', 78],
    ['discord', 'Slate', 81],
  ] as const) {
    test(`held: Enter does not send it (${kind} chat composer), the redacted text then sends`, async ({ kw }) => {
      const { g, key, redacted } = await sendHeld(kw, site, seed, pressEnter);
      await g.clickAlert('Send with key redacted');
      await expect.poll(() => g.sent()).toEqual([`my key ${redacted}`]);
      expect(await g.text('composer')).not.toContain(key);
    });
  }

  test('held: Enter does not send it (Lexical chat composer)', async ({ kw }) => {
    await sendHeld(kw, 'messenger', 77, pressEnter);
  });

  test('held: the send button does not send it (Claude)', async ({ kw }) => {
    const { g, key } = await sendHeld(kw, 'claude', 74, (g) => g.clickAt('button[aria-label="Send message"]'));
    await g.clickAlert("Don't send");
    await g.waitNoAlert();
    expect(await g.text('composer'), '"Don\'t send" leaves the composer as it was').toContain(key);
    expect(await g.sent()).toEqual([]);
  });

  test('held: the send button of a form does not send it when the page sends from its own click handler (ChatGPT)', async ({ kw }) => {
    // The page's click handler sends and cancels the click, so no submit event would ever come.
    const { g, key } = await sendHeld(kw, 'chatgpt', 79, (g) => g.clickAt('button[data-testid="send-button"]'));
    await g.clickAlert('Send anyway');
    await expect.poll(() => g.sent()).toEqual([`my key ${key}`]);
  });

  for (const [how, field, send] of [
    ['a click on its submit button', 'body', (g: GuardPage) => g.page.click('#submit-issue')],
    ['Enter in its text input (the browser clicks the submit button, which submits)', 'title', (g: GuardPage) => g.page.press('Enter')],
  ] as const) {
    test(`warn mode: a form sent by ${how} warns once and is sent once`, async ({ kw }) => {
      await setUserSettings(kw, { actions: { submit: 'warn' } });
      const { key } = testKey(80, 'openai-legacy-51');
      const g = await GuardPage.open(kw, 'issue');
      // Put in by the page itself (no input event): only the send checks can see it.
      await g.page.evaluate(({ field, text }) => window.__kw.fields[field]!.setText(text), { field, text: `my key ${key}` });
      await g.focus(field);
      await send(g);
      const alert = await g.waitAlert('warn');
      expect(alert.event).toBe('submit');
      // The message is on its way: the warning announces itself without taking focus from the page.
      expect(alert.role).toBe('alert');
      expect(await g.page.evaluate(() => document.activeElement?.localName)).not.toBe('keyward-alert');
      await expect.poll(() => g.submitted()).toHaveLength(1);
      await g.clickAlert('Dismiss');
      await g.waitNoAlert();
      await settle(300);
      expect(await g.submitted()).toHaveLength(1);
      // One incident, one sighting: the checks one send passes through in a row warned once.
      expect(await g.page.evaluate(() => !!document.querySelector('keyward-alert'))).toBe(false);
      const popup = await kw.openExtensionPage('popup.html');
      await expect.poll(async () => (await overview(popup)).total).toBe(1);
      await settle(300);
      expect((await overview(popup)).total).toBe(1);
    });
  }

  test('held: Enter in a textarea composer inside a shadow root', async ({ kw }) => {
    await sendHeld(kw, 'shadow', 75, pressEnter);
  });

  test('held: a form submit, until "Send anyway" (a real click) sends it as it is', async ({ kw }) => {
    const { key } = testKey(76, 'openai-legacy-51');
    const g = await GuardPage.open(kw, 'issue');
    await typeKeyAndDismiss(g, 'body', key);
    await g.clickAt('#submit-issue');
    await g.waitAlert('block');
    await settle(300);
    expect(await g.submitted(), "the page's submit handler did not run").toEqual([]);
    expect((await g.seen()).filter((e) => e.startsWith('submit'))).toEqual([]);
    await g.clickAlert('Send anyway');
    await expect.poll(() => g.submitted()).toHaveLength(1);
    expect((await g.submitted())[0]).toContain(key);
  });
});

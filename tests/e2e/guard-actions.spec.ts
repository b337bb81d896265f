import { expect, test } from './fixtures';
import { GuardPage, openLongFile, setUserSettings, testKey } from './guard-helpers';
import type { SiteName } from './pages/sites';

/** The alert's choices, in a plain textarea and in the rich editors the chat and code sites use. */
const EDITORS: [SiteName, string, string][] = [
  ['issue', 'body', 'textarea'],
  ['chatgpt', 'composer', 'ProseMirror'],
  ['pastebin', 'editor', 'CodeMirror 6'],
  ['messenger', 'composer', 'Lexical'],
  ['gemini', 'composer', 'Quill'],
  ['discord', 'composer', 'Slate'],
  ['codesandbox', 'editor', 'Monaco'],
];

test.describe('block alert choices', () => {
  for (const [site, field, kind] of EDITORS) {
    test(`"Insert with key redacted" puts the text in a ${kind} with the key redacted`, async ({ kw }) => {
      const { key, redacted } = testKey(31);
      const g = await GuardPage.open(kw, site);
      await g.paste(field, `before ${key} after`);
      await g.waitAlert('block');
      await g.clickAlert('Insert with key redacted');
      await g.waitNoAlert();
      await expect.poll(() => g.text(field)).toContain(`before ${redacted} after`);
      expect(await g.text(field)).not.toContain(key);
      expect(await g.pageSaw(key)).toBe(false);
    });

    test(`"Insert anyway" (a real click) puts the key in a ${kind}`, async ({ kw }) => {
      const { key } = testKey(32);
      const g = await GuardPage.open(kw, site);
      await g.paste(field, `before ${key} after`);
      await g.waitAlert('block');
      await g.clickAlert('Insert anyway');
      await g.waitNoAlert();
      await expect.poll(() => g.text(field)).toContain(`before ${key} after`);
    });

    test(`"Cancel" leaves a ${kind} as it was`, async ({ kw }) => {
      const { key } = testKey(33);
      const g = await GuardPage.open(kw, site);
      await g.page.evaluate((name) => window.__kw.fields[name]!.setText('kept '), field);
      await g.paste(field, `before ${key} after`);
      await g.waitAlert('block');
      await g.clickAlert('Cancel');
      await g.waitNoAlert();
      await new Promise((r) => setTimeout(r, 300));
      expect((await g.text(field)).trim()).toBe('kept');
      expect(await g.pageSaw(key)).toBe(false);
    });
  }

  test('"Insert with key redacted" after a real paste of text copied from a web page (plain and HTML) lands in Slate\'s model and sends', async ({ kw }) => {
    const { key, redacted } = testKey(37);
    const g = await GuardPage.open(kw, 'discord');
    const pasted = await g.realPaste('composer', `token ${key} here`, { html: `<p>token <code>${key}</code> here</p>` });
    expect(pasted, 'the browser wrote both flavours to the system clipboard').toBe(true);
    await g.waitAlert('block');
    await g.clickAlert('Insert with key redacted');
    await g.waitNoAlert();
    // Slate takes a paste carrying HTML only from beforeinput: the text must reach its model, not only its DOM.
    await expect.poll(() => g.text('composer'), "Slate's model").toBe(`token ${redacted} here`);
    await g.focus('composer');
    await g.page.press('Enter');
    await expect.poll(() => g.sent()).toEqual([`token ${redacted} here`]);
    expect(await g.pageSaw(key)).toBe(false);
  });

  for (const [site, kind] of [
    ['codesandbox', 'Monaco'],
    ['codesandboxTextarea', 'Monaco (its textarea, EditContext off)'],
  ] as const) {
    test(`"Insert with key redacted" at the caret in the middle of a long file in ${kind}: exactly that text lands in Monaco's model there`, async ({ kw }) => {
      test.skip(site === 'codesandboxTextarea' && kw.engine === 'firefox', 'Monaco has no EditContext in Firefox: the same as codesandbox there');
      const { key, redacted } = testKey(38);
      const g = await GuardPage.open(kw, site);
      // Longer than the window of text Monaco keeps in its input element, the caret far from both ends.
      const lines = await openLongFile(g, 'editor', 80, 40);
      await g.paste('editor', ` // key: ${key}`);
      await g.waitAlert('block');
      expect(await g.text('editor'), 'the model is untouched while the alert is up').toBe(lines.join('\n'));
      await g.clickAlert('Insert with key redacted');
      await g.waitNoAlert();
      const expected = lines.map((line, i) => (i === 39 ? `${line} // key: ${redacted}` : line)).join('\n');
      await expect.poll(() => g.text('editor'), "Monaco's model").toBe(expected);
      expect(await g.pageSaw(key)).toBe(false);
    });
  }

  test('Escape in the alert cancels (the user moved focus there with Alt+Shift+K)', async ({ kw }) => {
    const { key } = testKey(34);
    const g = await GuardPage.open(kw, 'issue');
    await g.paste('body', key);
    await g.waitAlert('block');
    await g.page.press('Alt+Shift+K');
    await g.alertPage.until((v) => (v?.focused ? true : null), 'focus in the alert');
    await g.page.press('Escape');
    await g.waitNoAlert();
    expect(await g.text('body')).toBe('');
  });

  test('a script click on "Insert anyway" does nothing; a real click still works after it', async ({ kw }) => {
    const { key } = testKey(35);
    const g = await GuardPage.open(kw, 'chatgpt');
    await g.paste('composer', key);
    await g.waitAlert('block');
    expect(await g.scriptClickAlert('Insert anyway'), 'the button exists').toBe(true);
    // The alert handles the click at once, and says why it ignored it.
    await g.alertPage.until((v) => (v?.text.includes('KeyWard ignored that click: it did not come from you.') ? true : null), 'the alert to say it ignored the click');
    expect(await g.alert(), 'the alert is still open').not.toBeNull();
    expect(await g.text('composer')).not.toContain(key);
    expect(await g.pageSaw(key)).toBe(false);
    // A page script can also not pick the redacted insert or cancel on the user's behalf... but a person can.
    await g.clickAlert('Insert anyway');
    await expect.poll(() => g.text('composer')).toContain(key);
  });

  test('the alert never shows the full key, only its redacted form', async ({ kw }) => {
    const { key, redacted } = testKey(36, 'openai-legacy-51');
    const g = await GuardPage.open(kw, 'issue');
    await g.paste('body', key);
    await g.waitAlert('block');
    const html = await g.alertPage.inRoot((root) => root.host.outerHTML + root.innerHTML, null);
    expect(html).not.toContain(key);
    expect(html).toContain(redacted);
  });
});

test.describe('actions set by the user', () => {
  for (const [site, field, kind] of [['chatgpt', 'composer', 'ProseMirror'], ['codesandbox', 'editor', 'Monaco']] as const) {
    test(`warn: the pasted key goes in, "Remove key" takes it out (${kind})`, async ({ kw }) => {
      await setUserSettings(kw, { actions: { paste: 'warn' } });
      const { key, redacted } = testKey(41);
      const g = await GuardPage.open(kw, site);
      await g.paste(field, `before ${key} after`);
      const alert = await g.waitAlert('warn');
      expect(alert.role).toBe('alert');
      expect(alert.buttons).toEqual(expect.arrayContaining(['Remove key', 'Dismiss']));
      expect(alert.buttons).not.toContain('Insert anyway');
      expect(alert.text).toContain(redacted);
      await expect.poll(() => g.text(field)).toContain(key);
      await g.clickAlert('Remove key');
      await expect.poll(() => g.text(field)).not.toContain(key);
      expect(await g.text(field)).toContain('before');
      expect(await g.text(field)).toContain('after');
    });
  }

  test('redact: the key is replaced silently, with a short notice', async ({ kw }) => {
    await setUserSettings(kw, { actions: { paste: 'redact' } });
    const { key, redacted } = testKey(42);
    const g = await GuardPage.open(kw, 'issue');
    await g.paste('body', `before ${key} after`);
    const notice = await g.waitAlert('redact');
    expect(notice.role).toBe('status');
    expect(notice.text.toLowerCase()).toContain('redacted');
    expect(notice.buttons).toEqual(['Dismiss']);
    await expect.poll(() => g.text('body')).toBe(`before ${redacted} after`);
    expect(await g.pageSaw(key)).toBe(false);
  });

  test('no "Insert anyway" when the settings do not allow it', async ({ kw }) => {
    await setUserSettings(kw, { allowInsertAnyway: false });
    const { key } = testKey(43);
    const g = await GuardPage.open(kw, 'issue');
    await g.paste('body', key);
    const alert = await g.waitAlert('block');
    expect(alert.buttons).toEqual(expect.arrayContaining(['Insert with key redacted', 'Cancel']));
    expect(alert.buttons).not.toContain('Insert anyway');
  });

  test('with requireJustification, "Insert anyway" asks why first', async ({ kw }) => {
    await setUserSettings(kw, { requireJustification: true });
    const { key } = testKey(44);
    const g = await GuardPage.open(kw, 'issue');
    await g.paste('body', key);
    await g.waitAlert('block');
    await g.clickAlert('Insert anyway');
    const labelled = () =>
      g.alertPage.inRoot((root) => {
        const area = root.querySelector('textarea');
        if (!area) return null;
        const byId = area.id ? root.querySelector(`label[for="${area.id}"]`)?.textContent : null;
        return area.getAttribute('aria-label') ?? byId ?? area.closest('label')?.textContent ?? null;
      }, null);
    await expect.poll(labelled).toContain('Why is this needed?');
    expect(await g.text('body')).toBe('');
    // The box has focus: the user clicked "Insert anyway" and types the reason next.
    await g.page.type('Rotating it in the vault, test account');
    await g.clickAlert('Confirm');
    await expect.poll(() => g.text('body')).toContain(key);
  });
});

import { expect, test } from './fixtures';
import { GuardPage, setUserSettings, testKey } from './guard-helpers';

/**
 * A key that arrives in pieces, none of which is a key: pasted in two halves, or half typed and half
 * pasted. It is caught when it is complete, as a typed key is (typing's action: warn by default).
 */
test.describe('a key in pieces', () => {
  for (const [site, field, kind] of [
    ['issue', 'body', 'textarea'],
    ['chatgpt', 'composer', 'ProseMirror editor'],
  ] as const) {
    test(`pasted in two halves into a ${kind}: the second half brings the warn alert`, async ({ kw }) => {
      const { key, redacted } = testKey(134);
      const half = Math.floor(key.length / 2);
      const g = await GuardPage.open(kw, site);
      // A textarea inserts only a real paste; ProseMirror inserts a synthetic one itself.
      const paste = async (text: string) => {
        if (kind !== 'textarea') return g.paste(field, text);
        test.skip(!(await g.realPaste(field, text)), `${kw.engine} refused to write the system clipboard`);
      };
      await paste(`token ${key.slice(0, half)}`);
      await expect.poll(() => g.text(field)).toContain(key.slice(0, half));
      expect(await g.alert(), 'half a key is no key').toBeNull();
      await paste(key.slice(half));
      const alert = await g.waitAlert('warn');
      expect(alert.event).toBe('typing');
      expect(alert.text).toContain(redacted);
      await g.clickAlert('Remove key');
      await expect.poll(() => g.text(field)).not.toContain(key.slice(0, 12));
    });
  }

  test('half typed, half pasted, with typing on block: the completed key is replaced by its redacted form', async ({ kw }) => {
    const { key, redacted } = testKey(135);
    const half = Math.floor(key.length / 2);
    await setUserSettings(kw, { actions: { typing: 'block' } });
    const g = await GuardPage.open(kw, 'issue');
    await g.type('body', `token ${key.slice(0, half)}`);
    test.skip(!(await g.realPaste('body', `${key.slice(half)} thanks`)), `${kw.engine} refused to write the system clipboard`);
    const alert = await g.waitAlert('block');
    expect(alert.event).toBe('typing');
    await expect.poll(() => g.text('body')).toBe(`token ${redacted} thanks`);
    await g.clickAlert('Keep key redacted');
    await g.waitNoAlert();
    expect(await g.text('body')).toBe(`token ${redacted} thanks`);
  });

  test('a long paste whose first characters complete a key already in the field is caught', async ({ kw }) => {
    const { key, redacted } = testKey(136);
    const g = await GuardPage.open(kw, 'issue');
    const pasted = (await g.realPaste('body', key.slice(0, 20))) && (await g.realPaste('body', `${key.slice(20)}\n${'lorem ipsum '.repeat(200)}`));
    test.skip(!pasted, `${kw.engine} refused to write the system clipboard`);
    const alert = await g.waitAlert('warn');
    expect(alert.text).toContain(redacted);
  });
});

/** Block mode takes a typed key out; the page's undo must not put it back. */
test.describe('undo after a block-mode redaction', () => {
  test("neither the page's execCommand('undo') nor Control+Z brings a typed key back", async ({ kw }) => {
    const { key, redacted } = testKey(137);
    await setUserSettings(kw, { actions: { typing: 'block' } });
    const g = await GuardPage.open(kw, 'issue');
    await g.type('body', `token ${key}`);
    await g.waitAlert('block');
    await expect.poll(() => g.text('body')).toBe(`token ${redacted}`);
    await g.clickAlert('Keep key redacted');
    await g.waitNoAlert();

    const afterUndo = await g.page.evaluate(() => {
      const body = document.querySelector<HTMLTextAreaElement>('#issue_body')!;
      body.focus();
      const values: string[] = [];
      for (let i = 0; i < 3; i++) {
        document.execCommand('undo');
        values.push(body.value);
      }
      return values;
    });
    for (const value of afterUndo) expect(value).not.toContain(key);

    await g.focus('body');
    for (let i = 0; i < 3; i++) {
      await g.page.press('Control+Z');
      expect(await g.text('body')).not.toContain(key);
    }
    await g.page.press('Control+Shift+Z');
    expect(await g.text('body')).not.toContain(key);
  });
});

test.describe('undo in an editor with its own history', () => {
  test('Control+Z in ProseMirror after a block-mode redaction leaves no key in the editor', async ({ kw }) => {
    const { key, redacted } = testKey(139);
    await setUserSettings(kw, { actions: { typing: 'block' } });
    const g = await GuardPage.open(kw, 'chatgpt');
    await g.type('composer', `token ${key}`);
    await g.waitAlert('block');
    await expect.poll(() => g.text('composer')).toContain(redacted);
    await g.clickAlert('Keep key redacted');
    await g.waitNoAlert();
    await g.focus('composer');
    await g.page.press('Control+Z');
    await expect.poll(() => g.text('composer')).toContain(redacted);
    expect(await g.text('composer')).not.toContain(key);
  });
});

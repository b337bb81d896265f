import { expect, test } from './fixtures';
import { GuardPage } from './guard-helpers';

/**
 * Controls for the guard specs: with text that holds no key, every way the specs put text into a
 * field really reaches the site's editor and its handlers. Without these, "the key is not in the
 * field" could pass because the fixture was broken rather than because KeyWard stopped the key.
 */
const CLEAN = 'Release notes for version 2, see the changelog';

const FIELDS = [
  ['issue', 'body', 'textarea'],
  ['issue', 'title', 'input'],
  ['ask', 'body', 'contenteditable'],
  ['chatgpt', 'composer', 'ProseMirror'],
  ['pastebin', 'editor', 'CodeMirror 6'],
  ['messenger', 'composer', 'Lexical'],
  ['gemini', 'composer', 'Quill'],
  ['discord', 'composer', 'Slate'],
  ['codesandbox', 'editor', 'Monaco'],
] as const;

test.describe('fixture controls (text without a key passes through the guard)', () => {
  for (const [site, field, kind] of FIELDS) {
    test(`real paste (Control+V) reaches a ${kind}`, async ({ kw }) => {
      const g = await GuardPage.open(kw, site);
      const pasted = await g.realPaste(field, CLEAN);
      test.skip(!pasted, `${kw.engine} refused to write the system clipboard`);
      await expect.poll(() => g.text(field)).toContain(CLEAN);
      expect(await g.pageSaw(CLEAN)).toBe(true);
    });
  }

  test('synthetic paste is handled by ProseMirror, CodeMirror, Lexical, Quill and Slate themselves', async ({ kw, page }) => {
    const chat = await GuardPage.open(kw, 'chatgpt', page);
    await chat.paste('composer', CLEAN);
    await expect.poll(() => chat.text('composer')).toBe(CLEAN);
    const bin = await GuardPage.open(kw, 'pastebin', page);
    await bin.paste('editor', CLEAN);
    await expect.poll(() => bin.text('editor')).toBe(CLEAN);
    const lexical = await GuardPage.open(kw, 'messenger', page);
    await lexical.paste('composer', CLEAN);
    await expect.poll(() => lexical.text('composer')).toBe(CLEAN);
    const quill = await GuardPage.open(kw, 'gemini', page);
    await quill.paste('composer', CLEAN);
    await expect.poll(() => quill.text('composer')).toBe(CLEAN);
    const slate = await GuardPage.open(kw, 'discord', page);
    await slate.paste('composer', CLEAN);
    await expect.poll(() => slate.text('composer')).toBe(CLEAN);
  });

  test('typing and Enter send a Lexical chat message', async ({ kw }) => {
    const g = await GuardPage.open(kw, 'messenger');
    await g.type('composer', 'hello there');
    await g.page.press('Enter');
    await expect.poll(() => g.sent()).toEqual(['hello there']);
  });

  test('typing and Enter send a Quill chat message', async ({ kw }) => {
    const g = await GuardPage.open(kw, 'gemini');
    await g.type('composer', 'hello there');
    await expect.poll(() => g.text('composer'), "the typed text is Quill's whole model (one line, no empty line before it)").toBe('hello there');
    await g.page.press('Enter');
    await expect.poll(() => g.sent()).toEqual(['hello there']);
    expect(await g.text('composer')).toBe('');
  });

  test('typing and Enter send a Slate chat message; Shift+Enter starts a new line', async ({ kw }) => {
    const g = await GuardPage.open(kw, 'discord');
    await g.type('composer', 'hello');
    await g.page.press('Shift+Enter');
    await g.page.type('there');
    await expect.poll(() => g.text('composer'), "Slate's model holds the two typed lines").toBe('hello\nthere');
    await g.page.press('Enter');
    await expect.poll(() => g.sent()).toEqual(['hello\nthere']);
    expect(await g.text('composer')).toBe('');
  });

  test('typing and Enter send a chat message', async ({ kw }) => {
    const g = await GuardPage.open(kw, 'chatgpt');
    await g.type('composer', 'hello there');
    await g.page.press('Enter');
    await expect.poll(() => g.sent()).toEqual(['hello there']);
    expect(await g.text('composer')).toBe('');
  });

  test('a dropped text and a dropped file reach the page', async ({ kw }) => {
    const g = await GuardPage.open(kw, 'issue');
    await g.drop('body', { text: CLEAN });
    await expect.poll(() => g.pageSaw(`drop|text=${CLEAN}`)).toBe(true);
    await g.drop('body', { file: { name: 'notes.txt', content: CLEAN } });
    await expect.poll(() => g.pageSaw(`content=${CLEAN}`)).toBe(true);
  });

  test('a chosen clean file reaches the page change handler', async ({ kw }) => {
    const g = await GuardPage.open(kw, 'issue');
    await g.chooseFile('#attach', { name: 'notes.txt', content: CLEAN });
    await expect.poll(() => g.uploads()).toEqual(['notes.txt']);
    expect(await g.fileCount('#attach')).toBe(1);
  });

  test('a form submits', async ({ kw }) => {
    const g = await GuardPage.open(kw, 'issue');
    await g.type('body', 'short text');
    await g.page.click('#submit-issue');
    await expect.poll(() => g.submitted()).toHaveLength(1);
  });
});

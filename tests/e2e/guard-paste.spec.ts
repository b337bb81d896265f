import { expect, test } from './fixtures';
import { GuardPage, testKey } from './guard-helpers';
import type { SiteName } from './pages/sites';

/**
 * Paste (block, the default): the key never reaches the page. The pages record every event their
 * first handler sees (registered before any other page script, capture phase on window), so "the
 * page never saw it" is checked, not assumed. guard-fixtures.spec.ts shows the same paste of text
 * without a key does reach each editor.
 */
const FIELDS: [SiteName, string, string][] = [
  ['issue', 'body', 'textarea'],
  ['issue', 'title', 'text input'],
  ['ask', 'body', 'plain contenteditable'],
  ['chatgpt', 'composer', 'ProseMirror (ChatGPT)'],
  ['claude', 'composer', 'ProseMirror (Claude)'],
  ['githubEditor', 'editor', 'CodeMirror 6 (GitHub)'],
  ['pastebin', 'editor', 'CodeMirror 6 (Pastebin)'],
  ['messenger', 'composer', 'Lexical (Messenger)'],
  ['gemini', 'composer', 'Quill (Gemini)'],
  ['discord', 'composer', 'Slate (Discord)'],
  ['codesandbox', 'editor', 'Monaco (CodeSandbox)'],
];

async function expectBlocked(g: GuardPage, field: string, key: string, redacted: string): Promise<void> {
  const alert = await g.waitAlert('block');
  expect(alert.role).toBe('alert');
  expect(alert.buttons).toEqual(expect.arrayContaining(['Insert with key redacted', 'Insert anyway', 'Cancel']));
  expect(alert.heading, 'the dialog is labelled by its heading').toBeTruthy();
  expect(alert.text).toContain(redacted);
  expect(alert.text).not.toContain(key);
  expect(await g.text(field)).not.toContain(key);
  const seen = await g.seen();
  expect(seen.filter((e) => e.startsWith('paste')), 'the page handler registered first saw no paste event').toEqual([]);
  expect(seen.some((e) => e.includes(key)), 'no page handler saw the key').toBe(false);
}

test.describe('paste is blocked before the page sees it', () => {
  for (const [site, field, kind] of FIELDS) {
    test(`synthetic paste into a ${kind}`, async ({ kw }) => {
      const { key, redacted } = testKey(11);
      const g = await GuardPage.open(kw, site);
      await g.paste(field, `Here is my config: ${key} thanks`);
      await expectBlocked(g, field, key, redacted);
    });
  }

  for (const [site, field, kind] of FIELDS.filter(([, , k]) => !k.includes('Claude') && !k.includes('Pastebin'))) {
    test(`real paste (Control+V from the system clipboard) into a ${kind}`, async ({ kw }) => {
      const { key, redacted } = testKey(12, 'anthropic-api-key');
      const g = await GuardPage.open(kw, site);
      expect(await g.realPaste(field, `token = ${key}`), 'the browser wrote the system clipboard').toBe(true);
      await expectBlocked(g, field, key, redacted);
      // The default action (the browser inserting the clipboard) did not happen either.
      await new Promise((r) => setTimeout(r, 300));
      expect(await g.text(field)).not.toContain(key);
    });
  }

  test('inputs of type search, url and password', async ({ kw }) => {
    const g = await GuardPage.open(kw, 'ask');
    for (const [i, field] of ['search', 'website', 'password'].entries()) {
      const { key, redacted } = testKey(20 + i, 'github-pat');
      await g.paste(field, key);
      await expectBlocked(g, field, key, redacted);
      await g.clickAlert('Cancel');
      await g.waitNoAlert();
    }
  });

  test('a key only in the HTML clipboard data', async ({ kw }) => {
    const { key, redacted } = testKey(13);
    const g = await GuardPage.open(kw, 'chatgpt');
    await g.paste('composer', 'see the snippet', { html: `<p>see the snippet</p><pre><code>OPENAI_API_KEY=${key}</code></pre>` });
    await expectBlocked(g, 'composer', key, redacted);
  });

  test('text without a key is not stopped', async ({ kw }) => {
    const g = await GuardPage.open(kw, 'chatgpt');
    await g.paste('composer', 'sk-proj-XXXXXXXXXXXX is a placeholder, not a key');
    await expect.poll(() => g.text('composer')).toContain('is a placeholder');
    expect(await g.alert()).toBeNull();
  });
});

import { expect, test } from './fixtures';
import { GuardPage, testKey } from './guard-helpers';
import type { SiteName } from './pages/sites';

/** Drop (block, the default): dropped text and dropped text files with a key never reach the page. */
const TARGETS: [SiteName, string, string][] = [
  ['issue', 'body', 'textarea'],
  ['chatgpt', 'composer', 'ProseMirror'],
  ['githubEditor', 'editor', 'CodeMirror 6'],
  ['gemini', 'composer', 'Quill'],
  ['discord', 'composer', 'Slate'],
  ['codesandbox', 'editor', 'Monaco'],
];

function pageDrops(seen: string[]): string[] {
  return seen.filter((e) => e.startsWith('drop'));
}

test.describe('drop is blocked before the page sees it', () => {
  for (const [site, field, kind] of TARGETS) {
    test(`dropped text with a key on a ${kind}`, async ({ kw }) => {
      const { key, redacted } = testKey(51);
      const g = await GuardPage.open(kw, site);
      await g.drop(field, { text: `export KEY=${key}` });
      const alert = await g.waitAlert('block');
      expect(alert.text).toContain(redacted);
      expect(pageDrops(await g.seen()), 'the page handler registered first saw no drop').toEqual([]);
      expect(await g.pageSaw(key)).toBe(false);
      await g.clickAlert('Insert with key redacted');
      await expect.poll(() => g.text(field)).toContain(`export KEY=${redacted}`);
      expect(await g.text(field)).not.toContain(key);
    });
  }

  test('a dropped text file with a key', async ({ kw }) => {
    const { key, redacted } = testKey(52, 'aws-akia');
    const g = await GuardPage.open(kw, 'chatgpt');
    await g.drop('composer', { file: { name: 'prod.env', content: `AWS_ACCESS_KEY_ID=${key}\nREGION=eu-west-1\n` } });
    const alert = await g.waitAlert('block');
    expect(alert.text).toContain(redacted);
    expect(alert.text).toContain('prod.env');
    // The file is read asynchronously by the page's handler when it gets it: give it time to show up.
    await new Promise((r) => setTimeout(r, 500));
    expect(pageDrops(await g.seen()), 'the page handler registered first saw no drop').toEqual([]);
    expect(await g.pageSaw(key)).toBe(false);
    await g.clickAlert("Don't attach");
    await g.waitNoAlert();
    await new Promise((r) => setTimeout(r, 300));
    expect(await g.pageSaw(key)).toBe(false);
  });
});

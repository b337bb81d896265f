import { expect, test } from './fixtures';
import { GuardPage, testKey } from './guard-helpers';

/**
 * document.open() erases every event listener of a window and its document, the guard's included.
 * The guard notices (its document was emptied) and installs itself again, in the page and in frames.
 */
test.describe('the guard stays installed', () => {
  test('a page that rewrote itself with document.open/write/close still has a pasted key stopped', async ({ kw }) => {
    const { key, redacted } = testKey(131);
    const g = await GuardPage.open(kw, 'reopen');
    await g.page.evaluate(() => (window as unknown as { __reopen(): void }).__reopen());
    await g.page.waitFor(() => (window as unknown as { __reopened?: boolean }).__reopened && document.documentElement.dataset.keywardGuard === 'on');
    expect(await g.page.evaluate(() => document.title)).toBe('Paste.ee (rewritten)');

    await g.paste('notes', `note ${key}`);
    const alert = await g.waitAlert('block');
    expect(alert.text).toContain(redacted);
    expect(await g.pageSaw(key), "the rewritten page's handlers never saw the key").toBe(false);
    await g.clickAlert('Insert with key redacted');
    await expect.poll(() => g.text('notes')).toBe(`note ${redacted}`);
  });

  test('a real paste (Control+V) after document.open is stopped too', async ({ kw }) => {
    const { key } = testKey(132);
    const g = await GuardPage.open(kw, 'reopen');
    await g.page.evaluate(() => (window as unknown as { __reopen(): void }).__reopen());
    await g.page.waitFor(() => (window as unknown as { __reopened?: boolean }).__reopened && document.documentElement.dataset.keywardGuard === 'on');
    const pasted = await g.realPaste('notes', key);
    test.skip(!pasted, `${kw.engine} refused to write the system clipboard`);
    await g.waitAlert('block');
    expect(await g.text('notes')).not.toContain(key);
    expect(await g.pageSaw(key)).toBe(false);
  });

  test('an editor in an about:blank iframe its parent wrote with document.open/write (TinyMCE, CKEditor 4) is guarded', async ({ kw }) => {
    const { key, redacted } = testKey(133);
    const g = await GuardPage.open(kw, 'writtenFrame');
    await g.page.waitFor(() => {
      const frame = document.querySelector<HTMLIFrameElement>('#rte');
      return (window as unknown as { __written?: boolean }).__written && frame?.contentDocument?.documentElement.dataset.keywardGuard === 'on';
    });
    await g.paste('rte', `see ${key}`);
    const alert = await g.waitAlert('block');
    expect(alert.text).toContain(redacted);
    expect(await g.pageSaw(key), "the editor frame's handlers never saw the key").toBe(false);
    await g.clickAlert('Insert with key redacted');
    await expect.poll(() => g.text('rte')).toContain(`see ${redacted}`);
    expect(await g.text('rte')).not.toContain(key);
  });
});

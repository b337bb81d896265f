import { expect, test } from './fixtures';
import { GuardPage, testKey } from './guard-helpers';
import { SITES, type FixtureSite, type SiteName } from './pages/sites';

/**
 * Sends are held by what they do, not by their label: icon-only send buttons (as ChatGPT's, Claude's,
 * Gemini's and Slack's are), a page that sends on pointerdown, Enter in a Slate composer, and a form
 * with 60 fields. The key is put in by the page itself (no input event): only the send checks see it.
 */

/** Puts `text` in a site's composer the way the page's own script would, and focuses it. */
async function fill(g: GuardPage, field: string, text: string): Promise<void> {
  await g.page.evaluate(({ field, text }) => window.__kw.fields[field]!.setText(text), { field, text });
  await g.focus(field);
}

const ICON_SENDS: [SiteName, string][] = [
  ['sendChatgpt', 'ChatGPT: a button with only an SVG, ProseMirror composer in a form'],
  ['sendClaude', 'Claude: an icon button named only by aria-label, contenteditable composer'],
  ['sendGemini', 'Gemini: an icon-font button, Quill composer'],
  ['sendSlack', 'Slack: an SVG-only button with no label, Quill composer'],
  ['pointerSend', 'a wordless SVG icon in a plain element that sends on pointerdown'],
];

test.describe('sends are held whatever the control looks like', () => {
  ICON_SENDS.forEach(([site, what], i) => {
    test(`held: ${what}; "Send anyway" then sends it`, async ({ kw }) => {
      const { key } = testKey(130 + i, 'openai-legacy-51');
      const g = await GuardPage.open(kw, site);
      await fill(g, 'composer', `my key ${key}`);
      await g.clickAt((SITES[site] as FixtureSite).send!);
      const alert = await g.waitAlert('block');
      expect(alert.event).toBe('submit');
      expect(await g.sent(), 'nothing was sent').toEqual([]);
      expect(await g.text('composer')).toContain(key);
      await g.clickAlert('Send anyway');
      await expect.poll(() => g.sent()).toEqual([`my key ${key}`]);
    });
  });

  test('held: a pointerdown sender, and "Don\'t send" leaves the composer as it was, unsent', async ({ kw }) => {
    const { key } = testKey(140, 'openai-legacy-51');
    const g = await GuardPage.open(kw, 'pointerSend');
    await fill(g, 'composer', `use ${key}`);
    await g.clickAt('.send-icon');
    await g.waitAlert('block');
    await g.clickAlert("Don't send");
    await g.waitNoAlert();
    expect(await g.sent()).toEqual([]);
    expect(await g.text('composer')).toBe(`use ${key}`);
  });

  test('a composer without a key sends at once from an icon-only button, with no alert', async ({ kw }) => {
    const g = await GuardPage.open(kw, 'sendSlack');
    await fill(g, 'composer', 'hello team');
    await g.clickAt(SITES.sendSlack.send);
    await expect.poll(() => g.sent()).toEqual(['hello team']);
    expect(await g.alert()).toBeNull();
  });

  test('held: a key typed into the composer, then the icon-only send button (Claude)', async ({ kw }) => {
    const { key } = testKey(141, 'openai-legacy-51');
    const g = await GuardPage.open(kw, 'sendClaude');
    await g.type('composer', `my key ${key}`);
    await g.waitAlert('warn');
    await g.clickAlert('Dismiss');
    await g.waitNoAlert();
    await g.clickAt(SITES.sendClaude.send);
    expect((await g.waitAlert('block')).event).toBe('submit');
    expect(await g.sent()).toEqual([]);
  });

  test('held: Enter in a Slate composer (Discord: Enter is the only way to send)', async ({ kw }) => {
    const { key } = testKey(142, 'openai-legacy-51');
    const g = await GuardPage.open(kw, 'discord');
    await fill(g, 'composer', `token ${key}`);
    await g.page.press('Enter');
    expect((await g.waitAlert('block')).event).toBe('submit');
    expect(await g.sent()).toEqual([]);
    await g.clickAlert('Send anyway');
    await expect.poll(() => g.sent()).toEqual([`token ${key}`]);
  });

  test('held: a form of 60 fields with the key in the last one', async ({ kw }) => {
    const { key } = testKey(143, 'openai-legacy-51');
    const g = await GuardPage.open(kw, 'bigForm');
    await fill(g, 'last', key);
    await fill(g, 'first', 'ordinary');
    await g.clickAt('#save');
    expect((await g.waitAlert('block')).event).toBe('submit');
    expect(await g.submitted(), "the page's submit handler did not run").toEqual([]);
    await g.clickAlert('Send anyway');
    await expect.poll(() => g.submitted()).toHaveLength(1);
    expect((await g.submitted())[0]).toContain(key);
  });
});

import { expect, test, type KwBrowser } from './fixtures';
import { GuardPage, setUserSettings, testKey } from './guard-helpers';
import { overview } from './inventory-helpers';
import type { SiteName } from './pages/sites';

/**
 * The alert never takes the user's keystrokes: typing on while (or after) it appears goes into the
 * field, in order and unchanged, in every mode; the alert gets focus only from the user (its shortcut),
 * and the inventory records no choice the user did not make.
 */

const FIELDS: readonly (readonly [SiteName, string, string])[] = [
  ['issue', 'body', 'textarea'],
  ['ask', 'body', 'contenteditable'],
  ['chatgpt', 'composer', 'ProseMirror'],
  ['githubEditor', 'editor', 'CodeMirror 6'],
  ['codesandbox', 'editor', 'Monaco'],
];

const REST = ' # my test project';

/** Outcomes the inventory holds, per key (as the popup reads them). */
async function outcomes(kw: KwBrowser): Promise<Record<string, number>[]> {
  const popup = await kw.openExtensionPage('popup.html');
  const all = (await overview(popup)).keys.map((k) => (k as unknown as { outcomes: Record<string, number> }).outcomes);
  await popup.close();
  return all;
}

/** The focus is not in the alert, in the page or in the alert's own root. */
async function focusStayed(g: GuardPage): Promise<void> {
  expect(await g.page.evaluate(() => document.activeElement?.localName)).not.toBe('keyward-alert');
  expect((await g.alert())?.focused ?? false, 'focus is not inside the alert').toBe(false);
}

for (const mode of ['warn', 'block', 'redact'] as const) {
  test.describe(`typing on through the ${mode} alert`, () => {
    for (const [site, field, kind] of FIELDS) {
      test(`in a ${kind}: the field holds what the user typed, and no choice is recorded`, async ({ kw }) => {
        await setUserSettings(kw, { actions: { typing: mode } });
        const { key, redacted } = testKey(120, 'openai-project-164');
        const g = await GuardPage.open(kw, site);
        await g.type(field, `export OPENAI_API_KEY=${key}`);
        const alert = await g.waitAlert(mode);
        expect(alert.event).toBe('typing');
        // The alert is up: the user keeps typing, Space included (it used to press the alert's first button).
        await g.page.type(REST);
        const shown = mode === 'warn' ? key : redacted;
        await expect.poll(() => g.text(field)).toBe(`export OPENAI_API_KEY=${shown}${REST}`);
        await focusStayed(g);
        if (mode !== 'redact') {
          // Still waiting for the user's choice: nothing chosen, nothing recorded.
          expect((await g.alert())?.kind).toBe(mode);
          expect(await outcomes(kw)).toEqual([]);
        } else {
          // Redact mode is a setting, not a choice: one sighting, redacted.
          await expect.poll(() => outcomes(kw)).toEqual([{ redacted: 1 }]);
        }
      });
    }
  });
}

test('a blocked paste, then typing on: the text goes into the field, the key does not, the alert waits', async ({ kw }) => {
  const { key } = testKey(121, 'openai-project-164');
  const g = await GuardPage.open(kw, 'issue');
  await g.type('body', 'key: ');
  await g.paste('body', key);
  await g.waitAlert('block');
  await g.page.type('please help');
  await expect.poll(() => g.text('body')).toBe('key: please help');
  await focusStayed(g);
  expect((await g.alert())?.kind).toBe('block');
  expect(await g.pageSaw(key)).toBe(false);
  expect(await outcomes(kw)).toEqual([]);
});

test('Alt+Shift+K moves focus into the alert, Esc there cancels, and focus goes back to the field', async ({ kw }) => {
  await setUserSettings(kw, { actions: { typing: 'block' } });
  const { key, redacted } = testKey(122, 'openai-project-164');
  const g = await GuardPage.open(kw, 'issue');
  await g.type('body', `token ${key}`);
  const alert = await g.waitAlert('block');
  expect(alert.text).toContain('Alt+Shift+K to choose with the keyboard');
  await expect.poll(() => g.text('body')).toBe(`token ${redacted}`);
  await g.page.press('Alt+Shift+K');
  await g.alertPage.until((v) => (v?.focused ? true : null), 'focus in the alert');
  expect(await g.text('body'), 'the shortcut typed nothing into the field').toBe(`token ${redacted}`);
  await g.page.press('Escape');
  await g.waitNoAlert();
  // Cancel in block typing takes the held key out; the user's next keys go back into the field.
  await expect.poll(() => g.text('body')).toBe('token ');
  await g.page.type('ok');
  await expect.poll(() => g.text('body')).toBe('token ok');
  await expect.poll(() => outcomes(kw)).toEqual([{ blocked: 1 }]);
});

test('the keyboard can choose: Alt+Shift+K, Tab to "Put key back", Enter', async ({ kw }) => {
  await setUserSettings(kw, { actions: { typing: 'block' } });
  const { key, redacted } = testKey(123, 'openai-project-164');
  const g = await GuardPage.open(kw, 'issue');
  await g.type('body', `token ${key}`);
  await g.waitAlert('block');
  await expect.poll(() => g.text('body')).toBe(`token ${redacted}`);
  await g.alertPage.until((v) => (v?.armed ? true : null), 'the alert to accept choices');
  await g.page.press('Alt+Shift+K');
  await g.alertPage.until((v) => (v?.focused ? true : null), 'focus in the alert');
  await g.page.press('Tab');
  await g.page.press('Enter');
  await g.waitNoAlert();
  await expect.poll(() => g.text('body')).toBe(`token ${key}`);
  await expect.poll(() => outcomes(kw)).toEqual([{ 'inserted-anyway': 1 }]);
});

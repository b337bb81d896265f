import { expect, test } from './fixtures';
import { FIELD_KINDS, GuardPage, setUserSettings, testKey } from './guard-helpers';

/**
 * Paste in warn mode: KeyWard lets the paste through and warns. The text the user pasted arrives
 * whole, in every kind of field, with a real paste (the system clipboard and Control+V). The alert
 * used to come up in the paste's own dispatch and take focus before the browser inserted the text:
 * in a textarea and a plain contenteditable the text went nowhere.
 */

test.describe('warn mode: a pasted key goes in whole', () => {
  for (const [site, field, kind] of FIELD_KINDS) {
    test(`real paste into a ${kind}`, async ({ kw }) => {
      await setUserSettings(kw, { actions: { paste: 'warn' } });
      const { key, redacted } = testKey(61);
      const g = await GuardPage.open(kw, site);
      const pasted = `before ${key} after`;
      expect(await g.realPaste(field, pasted), 'the browser wrote the system clipboard').toBe(true);
      const alert = await g.waitAlert('warn');
      expect(alert.text).toContain(redacted);
      // Everything the user pasted is in the field, in one piece, and stays there while the alert is up.
      await expect.poll(() => g.text(field)).toContain(pasted);
      expect(await g.alert(), 'the warning is still shown').not.toBeNull();
      expect(await g.text(field)).toContain(pasted);
      // Warn mode really let the page have it.
      expect(await g.pageSaw(key)).toBe(true);
    });
  }
});

import { expect, test } from './fixtures';
import { FIELD_KINDS, GuardPage, testKey } from './guard-helpers';

/**
 * A blocked paste, then the user types on (the alert does not take their keystrokes): before the
 * paste's place and after it. "Insert with key redacted" then puts the redacted text where the paste
 * was, and everything typed stays where it was typed, in order.
 */

test.describe('paste, then keep typing', () => {
  for (const [site, field, kind] of FIELD_KINDS) {
    test(`in a ${kind}: the redacted paste lands where it was pasted`, async ({ kw }) => {
      const { key, redacted } = testKey(81);
      const g = await GuardPage.open(kw, site);
      await g.type(field, 'abc');
      await expect.poll(() => g.text(field)).toContain('abc');
      expect(await g.realPaste(field, key), 'the browser wrote the system clipboard').toBe(true);
      await g.waitAlert('block');
      // Typed on at the end (where the paste was), then at the start of the line.
      await g.type(field, ' xyz');
      await expect.poll(() => g.text(field)).toContain('abc xyz');
      // The editor moves the caret in its own time: "Q" goes in once it is at the start.
      await g.home(field);
      await g.page.type('Q');
      await expect.poll(() => g.text(field)).toContain('Qabc xyz');
      await g.clickAlert('Insert with key redacted');
      await g.waitNoAlert();
      await expect.poll(() => g.text(field).then((t) => t.trim())).toBe(`Qabc${redacted} xyz`);
      expect(await g.pageSaw(key)).toBe(false);
    });
  }
});

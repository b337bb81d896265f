import { describe, expect, it } from 'vitest';
import { AN, B64U, BASE32_UPPER, COOKIE, HEX_LOWER, isIn, LETTER, WORD } from '../../utils/detect/chars';

describe('the character classes of the scanner', () => {
  it('hold exactly the characters of their regular expression classes', () => {
    const classes: [number, RegExp][] = [
      [AN, /[A-Za-z0-9]/],
      [B64U, /[A-Za-z0-9_-]/],
      [WORD, /[A-Za-z0-9_]/],
      [LETTER, /[A-Za-z]/],
      [HEX_LOWER, /[0-9a-f]/],
      [BASE32_UPPER, /[A-Z2-7]/],
      [COOKIE, /[A-Za-z0-9%/+=_-]/],
    ];
    for (const [flag, regex] of classes) {
      for (let c = 0; c < 0x300; c++) expect(isIn(c, flag), `${regex} and U+${c.toString(16)}`).toBe(regex.test(String.fromCharCode(c)));
    }
  });
});

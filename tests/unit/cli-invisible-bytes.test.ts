import { describe, expect, it } from 'vitest';
import { hasInvisibleUtf8 } from '../../cli/invisible-bytes';

const isIgnorable = /^\p{Default_Ignorable_Code_Point}$/u;
const check = (text: string) => {
  const bytes = Buffer.from(text, 'utf8');
  return hasInvisibleUtf8(bytes, () => bytes.toString('latin1'));
};

describe('hasInvisibleUtf8: the CLI finds invisible characters in UTF-8 bytes without decoding them', () => {
  it('flags exactly the code points Unicode calls default-ignorable, astral ones included', () => {
    const wrong: string[] = [];
    for (let cp = 0x80; cp <= 0x10ffff; cp += cp < 0x20000 || (cp >= 0xe0000 && cp < 0xe1000) ? 1 : 97) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      if (check(`key ${ch} here`) !== isIgnorable.test(ch)) wrong.push(cp.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  it('finds one invisible character after many visible ones that share its lead byte', () => {
    // Curly quotes and dashes (lead byte E2) past the point where the check switches to one regex pass.
    const quoted = '“quoted” — text ’ '.repeat(2000);
    expect(check(quoted)).toBe(false);
    expect(check(quoted + 'sk\u200b-')).toBe(true);
    expect(check('a\u00a0b'.repeat(10) + '\u00ad')).toBe(true);
  });

  it('finds an invisible character cut by the edge of a 256 KiB search block, and one far past it', () => {
    const plain = 'x'.repeat(256 * 1024);
    for (let shift = 1; shift <= 3; shift++) expect(check(plain.slice(shift) + '\u{e0041}' + 'y')).toBe(true);
    expect(check(plain.repeat(3) + '\u200d')).toBe(true);
    expect(check(plain.repeat(3) + '\u00e9')).toBe(false);
  });
});

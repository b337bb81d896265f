import { describe, expect, it } from 'vitest';
import { findInvisibleUtf8 } from '../../cli/invisible-bytes';

const isIgnorable = /^\p{Default_Ignorable_Code_Point}$/u;
/** The byte offsets found in `text`'s UTF-8, as a plain array (undefined: too many to list). */
const find = (text: string) => {
  const bytes = Buffer.from(text, 'utf8');
  const found = findInvisibleUtf8(bytes, () => bytes.toString('latin1'));
  return found && [...found];
};

describe('findInvisibleUtf8: the CLI finds invisible characters in UTF-8 bytes without decoding them', () => {
  it('finds exactly the code points Unicode calls default-ignorable, astral ones included', () => {
    const wrong: string[] = [];
    for (let cp = 0x80; cp <= 0x10ffff; cp += cp < 0x20000 || (cp >= 0xe0000 && cp < 0xe1000) ? 1 : 97) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      if (find(`key ${ch} here`)?.join() !== (isIgnorable.test(ch) ? '4' : '')) wrong.push(cp.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  it('finds invisible characters among many visible ones that share their lead byte, in order', () => {
    // Curly quotes and dashes (lead byte E2) past the point where the search switches to one regex pass.
    const quoted = '“quoted” — text ’ '.repeat(2000);
    const quotedBytes = Buffer.byteLength(quoted);
    expect(find(quoted)).toEqual([]);
    expect(find(quoted + 'sk\u200b-\u00ad')).toEqual([quotedBytes + 2, quotedBytes + 6]);
    expect(find('\u00ada\u00a0b'.repeat(10) + '\u200d')).toEqual([...Array.from({ length: 10 }, (_, i) => i * 6), 60]);
  });

  it('finds an invisible character cut by the edge of a 256 KiB search block, and one far past it', () => {
    const plain = 'x'.repeat(256 * 1024);
    for (let shift = 1; shift <= 3; shift++) expect(find(plain.slice(shift) + '\u{e0041}' + 'y')).toEqual([plain.length - shift]);
    expect(find(plain.repeat(3) + '\u200d')).toEqual([plain.length * 3]);
    expect(find(plain.repeat(3) + '\u00e9')).toEqual([]);
  });

  it('gives up on text made mostly of invisible characters (the engine strips those itself)', () => {
    expect(find('\u200b'.repeat(1000))).toBeUndefined();
    expect(find('“\u200b”'.repeat(1000))).toBeUndefined();
  });
});

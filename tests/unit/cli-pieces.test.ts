// The CLI's pieces: the piecewise path it takes for inputs over 256 MiB, exercised with tiny pieces (it
// must give exactly what one whole-text scan gives, whatever the cut points), and its helpers.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { completeCharsEnd, Utf8PieceDecoder } from '../../cli/decode';
import { fingerprintSync } from '../../cli/fingerprint';
import { readFilePieces, readStreamPieces } from '../../cli/read-source';
import { scanInput } from '../../cli/scan-input';
import { createTextScanner, type LocatedFinding } from '../../cli/scan-text';
import { scanWhole } from '../../cli/scan-whole';
import { createUtf16Counter } from '../../cli/utf16-counter';
import { findInvisibleUtf8 } from '../../cli/invisible-bytes';
import { createDetector, fingerprint, INVISIBLE_CHARS } from '../../utils/detect/index';
import { ALL_SHAPES, makeKey, seededRng } from '../helpers/keys';

const detector = createDetector();
const findKeys = (text: string) => detector.findKeys(text);
const work = mkdtempSync(join(tmpdir(), 'keyward-pieces-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Text with every key shape, CRLF and LF lines, non-ASCII (1 to 4 UTF-8 bytes) and invisible chars. */
function sampleText(seed: number): string {
  const rng = seededRng(seed);
  const fillers = ['plain ascii line', 'naïve café', '日本語のテキスト', 'emoji 😀 here', 'tab\tseparated'];
  let text = '';
  for (let i = 0; i < 6; i++) {
    for (const spec of ALL_SHAPES) {
      const key = makeKey(spec.shape, rng);
      const shown = i === 3 ? [...key].join('\u200b') : key;
      text += `${fillers[Math.floor(rng() * fillers.length)]} ${shown}${rng() < 0.5 ? '\r\n' : '\n'}`;
    }
  }
  return text;
}

/** `text` with an invisible char (any of them, astral ones too) before about one char in 100. */
function sprinkleInvisible(text: string): string {
  const rng = seededRng(7);
  let out = '';
  for (const char of text) {
    if (rng() < 0.01) out += INVISIBLE_CHARS[Math.floor(rng() * INVISIBLE_CHARS.length)];
    out += char;
  }
  return out;
}

/** The reference: one scan of the whole text, lines and columns counted the obvious way. */
function wholeScan(text: string): LocatedFinding[] {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  return findKeys(text).map((finding) => {
    const line = lineStarts.findLastIndex((start) => start <= finding.start) + 1;
    return { ...finding, line, column: finding.start - (lineStarts[line - 1] ?? 0) + 1, allowed: false };
  });
}

/** Cuts bytes into pieces of the given sizes, cycling. */
function cut(bytes: Buffer, sizes: number[]): Buffer[] {
  const pieces: Buffer[] = [];
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const size = sizes[i % sizes.length] ?? 1;
    pieces.push(bytes.subarray(at, at + size));
    at += size;
  }
  return pieces;
}

async function collect(batches: AsyncIterable<LocatedFinding[]>): Promise<LocatedFinding[]> {
  const all: LocatedFinding[] = [];
  for await (const batch of batches) all.push(...batch);
  return all;
}

describe('piecewise scanning', () => {
  const text = sampleText(1);
  const expected = wholeScan(text);

  it('finds every key once, at the same place, whatever the piece sizes', () => {
    expect(expected.length).toBeGreaterThan(ALL_SHAPES.length * 5);
    const bytes = Buffer.from(text);
    for (const sizes of [[1000], [777, 1301, 2048], [4099], [bytes.length]]) {
      const decoder = new Utf8PieceDecoder();
      // The overlap must exceed the longest key, here stretched by invisible chars (under 700 units).
      const scanner = createTextScanner(findKeys, { overlap: 700, context: 64 });
      const pieces = cut(bytes, sizes);
      const found = pieces.flatMap((piece, i) => scanner.push(decoder.decode(piece, i === pieces.length - 1), i === pieces.length - 1));
      expect(found).toEqual(expected);
    }
  });

  it('does not report the tail of a reported key that the next pass sees without its head', () => {
    // A toy rule where a key's tail is itself a key: lowercase letter + capitals, repeated.
    const toyFind = (t: string) =>
      [...t.matchAll(/[a-z][A-Z]+(?:[a-z][A-Z]+)*/g)].map((m) => ({
        start: m.index,
        end: m.index + m[0].length,
        key: m[0],
        provider: 'custom' as const,
        type: 'toy',
        rule: 'custom:toy',
      }));
    const key = `a${'B'.repeat(159)}c${'D'.repeat(39)}`;
    const scanner = createTextScanner(toyFind, { overlap: 300, context: 8 });
    // The first pass settles [0, 352): the key starts there, its inner `c` (at 360) lies past it.
    const first = scanner.push(`${' '.repeat(200)}${key}${' '.repeat(252)}`, false);
    const rest = scanner.push(' end', true);
    expect(first.map((f) => [f.start, f.end])).toEqual([[200, 400]]);
    expect(rest).toEqual([]);
  });

  it('reads a file larger than the whole-file limit in pieces with the same result', async () => {
    const path = join(work, 'large.txt');
    const large = sampleText(2).repeat(40); // about 300 KiB
    writeFileSync(path, large);
    const pieces = [...readFilePieces(path, 64 * 1024, 100 * 1024)];
    expect(pieces.length).toBeGreaterThan(4);
    expect(await collect(scanInput(pieces, detector, { skipBinary: true }))).toEqual(wholeScan(large));
  });

  it('groups a stream into pieces of at least the requested size', async () => {
    async function* chunks() {
      for (let i = 0; i < 10; i++) yield Buffer.alloc(300, 97);
    }
    const sizes = [];
    for await (const piece of readStreamPieces(chunks(), 1000)) sizes.push(piece.length);
    expect(sizes).toEqual([1200, 1200, 600]);
  });
});

describe('whole-input scanning', () => {
  // The fast Latin-1 path runs without invisible chars, and with a few (their bytes cut out); with
  // many, the exact decode. All must agree with a scan of the decoded text.
  it.each([
    ['ASCII only', (t: string) => t.replace(/[^\0-\x7f]/g, '?').replace(/\u200b/g, '')],
    ['non-ASCII, no invisible chars', (t: string) => t.replace(/\u200b/g, '')],
    ['a few invisible chars of every kind, in keys and beside them', (t: string) => sprinkleInvisible(t.replace(/\u200b/g, ''))],
    ['many invisible chars', (t: string) => t],
  ])('reports UTF-16 positions of the decoded text: %s', (_name, shape) => {
    const text = shape(sampleText(3));
    expect(scanWhole(Buffer.from(text), detector)).toEqual(wholeScan(text));
  });

  it('cuts the bytes of a few invisible characters out itself', () => {
    // What the case above relies on to take the Latin-1 path.
    const bytes = Buffer.from(sprinkleInvisible(sampleText(3).replace(/\u200b/g, '')));
    expect(findInvisibleUtf8(bytes, () => bytes.toString('latin1'))?.length).toBeGreaterThan(100);
  });

  it('counts invalid bytes and a BOM the way the decoder does', () => {
    const bytes = Buffer.concat([Buffer.from('\ufeffé\n'), Buffer.from([0xff, 0xc3]), Buffer.from(` ${makeKey('github-pat', seededRng(4))}`)]);
    const decoded = new Utf8PieceDecoder().decode(bytes, true);
    expect(scanWhole(bytes, detector)).toEqual(wholeScan(decoded));
    expect(wholeScan(decoded)[0]).toMatchObject({ line: 2, column: 4 });
  });
});

describe('createUtf16Counter', () => {
  it('converts byte offsets at character boundaries to UTF-16 offsets, aligned or not', () => {
    const rng = seededRng(5);
    const alphabet = ['a', 'b', '\n', 'é', '€', '日', '😀', '\u{10348}'];
    let text = '';
    for (let i = 0; i < 20_000; i++) text += alphabet[Math.floor(rng() * (i % 3000 < 2000 ? 2 : alphabet.length))];
    for (const shift of [0, 1, 2, 3]) {
      const backing = Buffer.alloc(Buffer.byteLength(text) + shift);
      backing.write(text, shift);
      const toUtf16 = createUtf16Counter(backing.subarray(shift));
      let bytes = 0;
      let units = 0;
      for (const char of text) {
        if (rng() < 0.05) expect(toUtf16(bytes)).toBe(units);
        bytes += Buffer.byteLength(char);
        units += char.length;
      }
      expect(toUtf16(bytes)).toBe(text.length);
    }
  });
});

describe('Utf8PieceDecoder', () => {
  it('decodes a character split across pieces once, and the BOM only at the very start', () => {
    const bytes = Buffer.from('\ufeffa😀b\ufeffé');
    for (let split = 0; split <= bytes.length; split++) {
      const decoder = new Utf8PieceDecoder();
      const text = decoder.decode(bytes.subarray(0, split), false) + decoder.decode(bytes.subarray(split), true);
      expect(text).toBe('a😀b\ufeffé');
    }
  });

  it('turns a sequence left incomplete at the end into U+FFFD', () => {
    const decoder = new Utf8PieceDecoder();
    expect(decoder.decode(Buffer.from([0x61, 0xf0, 0x9f]), false)).toBe('a');
    expect(decoder.decode(Buffer.alloc(0), true)).toBe('\ufffd');
  });

  it('cuts after the last complete character', () => {
    expect(completeCharsEnd(Buffer.from('ab'))).toBe(2);
    expect(completeCharsEnd(Buffer.from([0x61, 0xc3]))).toBe(1);
    expect(completeCharsEnd(Buffer.from([0x61, 0xe6, 0x97]))).toBe(1);
    expect(completeCharsEnd(Buffer.from([0x61, 0xf0, 0x9f, 0x98, 0x80]))).toBe(5);
    expect(completeCharsEnd(Buffer.from([0x80, 0x80, 0x80, 0x80]))).toBe(4);
  });
});

describe('fingerprintSync', () => {
  it("gives the engine's fingerprint (WebCrypto) for every key shape and for text beyond ASCII", async () => {
    const rng = seededRng(9);
    const inputs = [...ALL_SHAPES.map((s) => s.make(rng)), 'caf\u00e9 \u20ac \u{1F511}', ''];
    for (const input of inputs) expect(fingerprintSync(input)).toBe(await fingerprint(input));
  });
});

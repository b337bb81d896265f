import { afterEach, describe, expect, it } from 'vitest';
import { redact } from '../../utils/detect';
import { kindOf, MAX_TEXT_FILE_BYTES, ZIP_LIMITS } from '../../utils/guard/files';
import { makeKey, seededRng } from '../helpers/keys';
import { makeZip } from '../helpers/zip';
import { guardedPage, tick, type GuardedPage } from './guard-harness';
import { alertWords } from '../../components/alert/words';
import type { AlertRequest } from '../../utils/guard/alert';

/** What the alert says for a request, as the user reads it. */
const said = (a: AlertRequest) => alertWords(a.event, a.mode, a.keys.length + (a.more ?? 0), a.files, a.note).message;

let page: GuardedPage;
afterEach(() => page?.stop());

const key = makeKey('openai-legacy-51', seededRng(5));

/** Chooses files in a file input as the browser does: files set, then `input` and `change`. */
function choose(input: HTMLInputElement, files: File[]): void {
  const data = new page.win.DataTransfer();
  for (const f of files) data.items.add(f);
  input.files = data.files;
  input.dispatchEvent(new page.win.Event('input', { bubbles: true }));
  input.dispatchEvent(new page.win.Event('change', { bubbles: true }));
}

async function waitFor(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await tick(10);
  }
}

describe('file inputs', () => {
  function setup(patch = {}) {
    page = guardedPage('<input type="file" multiple>', patch);
    const input = page.doc.querySelector('input')!;
    const read: string[][] = [];
    input.addEventListener('change', () => read.push([...(input.files ?? [])].map((f) => f.name)));
    return { input, read };
  }

  it('a text file with a key never reaches the page: the selection is cleared and the alert says which file', async () => {
    const { input, read } = setup();
    choose(input, [new page.win.File([`OPENAI_API_KEY=${key}\n`], '.env', { type: '' })]);
    const alert = await page.alertShown();
    expect(alert).toMatchObject({ mode: 'block', event: 'upload' });
    expect(alert.files).toContain('.env');
    expect(input.files?.length ?? 0).toBe(0);
    expect(read).toEqual([]);
    await page.answer({ kind: 'cancel' });
    expect(page.sightings.map((s) => [s.event, s.outcome])).toEqual([['upload', 'blocked']]);
  });

  it('"Insert with key redacted" attaches a redacted copy and hands the page a fresh change event', async () => {
    const { input, read } = setup();
    choose(input, [new page.win.File([`k=${key}`], 'config.json', { type: 'application/json' })]);
    await page.alertShown();
    await page.answer({ kind: 'redacted' });
    await waitFor(() => read.length === 1);
    expect(await input.files![0]!.text()).toBe(`k=${redact(key)}`);
  });

  it('clean text files and binary files go through (clean ones after reading, with fresh events)', async () => {
    const { input, read } = setup();
    choose(input, [new page.win.File(['hello'], 'notes.md', { type: 'text/markdown' })]);
    await waitFor(() => read.length === 1);
    choose(input, [new page.win.File([new Uint8Array([1, 2, 3])], 'photo.png', { type: 'image/png' })]);
    await waitFor(() => read.length === 2);
    expect(page.alerts).toHaveLength(0);
  });
});

describe('files are judged by their bytes, not their names', () => {
  function setup(patch = {}) {
    page = guardedPage('<input type="file" multiple>', patch);
    const input = page.doc.querySelector('input')!;
    const read: string[][] = [];
    input.addEventListener('change', () => read.push([...(input.files ?? [])].map((f) => f.name)));
    return { input, read };
  }
  const file = (content: BlobPart | BlobPart[], name: string, type = '') => new page.win.File(Array.isArray(content) ? content : [content], name, { type });

  it('the input is emptied in the capture listener, before any page code runs, and refilled only when clean', async () => {
    const { input, read } = setup();
    choose(input, [file('hello world\n', 'notes')]);
    expect(input.files?.length ?? 0, 'emptied synchronously').toBe(0);
    await waitFor(() => read.length === 1);
    expect(read[0]).toEqual(['notes']);
    expect(input.files?.length).toBe(1);
  });

  for (const name of ['.bashrc', '.zshrc', '.envrc', 'session.har', 'log.jsonl', 'analysis.ipynb', 'server.log', 'letter.rtf', 'NOTES', 'photo.png']) {
    it(`a text file named ${name} with a key is read and blocked`, async () => {
      const { input, read } = setup();
      choose(input, [file(`export OPENAI_API_KEY=${key}\n`, name, name.endsWith('.png') ? 'image/png' : '')]);
      const alert = await page.alertShown();
      expect(said(alert)).toContain(name);
      expect(input.files?.length ?? 0).toBe(0);
      expect(read).toEqual([]);
    });
  }

  it('binary files are recognised by their bytes and go through unread', async () => {
    const { input, read } = setup();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    choose(input, [file([png, ` ${key} `], 'secrets.txt', 'text/plain')]);
    await waitFor(() => read.length === 1);
    choose(input, [file([new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), key], 'tool')]);
    await waitFor(() => read.length === 2);
    expect(page.alerts).toHaveLength(0);
  });

  it('kindOf: NUL bytes, magic numbers and mostly-invalid UTF-8 are binary; UTF-8, UTF-16 with a BOM and Latin-1 text are text', () => {
    const bytes = (s: string) => new TextEncoder().encode(s);
    expect(kindOf(bytes('plain text, café ✓\n')).kind).toBe('text');
    expect(kindOf(new Uint8Array([0xff, 0xfe, 0x68, 0, 0x69, 0]))).toEqual({ kind: 'text', encoding: 'utf-16le' });
    expect(kindOf(new Uint8Array([...bytes('Gr'), 0xfc, ...bytes('ße aus M'), 0xfc, ...bytes('nchen, keine Schl'), 0xfc, ...bytes('ssel hier')])).kind).toBe('text');
    expect(kindOf(new Uint8Array([0x68, 0x69, 0, 0x6a])).kind).toBe('binary');
    expect(kindOf(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x41])).kind).toBe('binary');
    expect(kindOf(new Uint8Array(Array.from({ length: 400 }, (_, i) => 0x80 + (i % 60)))).kind).toBe('binary');
    expect(kindOf(makeZip([{ name: 'a.txt', data: 'x' }])).kind).toBe('zip');
  });

  it('a key across a chunk edge of a large file is found whole, and the redacted copy changes only the key', async () => {
    const { input, read } = setup();
    const head = 'x'.repeat(1024 * 1024 - 20) + '\nKEY=';
    const text = `${head}${key}\n${'tail line\n'.repeat(50_000)}`;
    choose(input, [file(text, 'big.log')]);
    await waitFor(() => page.alerts.length === 1, 30_000);
    const alert = await page.alertShown();
    expect(alert.keys.map((k) => k.redacted)).toEqual([redact(key)]);
    await page.answer({ kind: 'redacted' });
    await waitFor(() => read.length === 1);
    const out = await input.files![0]!.text();
    expect(out).toBe(text.replace(key, redact(key)));
  });

  it('each key in a multi-megabyte file is found once, wherever the chunks fall', async () => {
    const { input } = setup();
    const keys = [1, 2, 3, 4, 5].map((i) => makeKey('openai-project-164', seededRng(100 + i)));
    const filler = 'lorem ipsum dolor sit amet\n'.repeat(40_000); // ~1.1 MB
    choose(input, [file(keys.map((k) => `${filler}k=${k}\n`).join(''), 'app.log')]);
    await waitFor(() => page.alerts.length === 1, 30_000);
    const alert = await page.alertShown();
    expect(alert.keys.map((k) => k.redacted)).toEqual(keys.map(redact));
  });

  it('a zip archive is scanned inside (deflated and stored entries), whatever its name', async () => {
    const { input, read } = setup();
    const zip = makeZip([
      { name: 'src/', data: '' },
      { name: 'src/index.js', data: 'console.log(1)\n' },
      { name: 'logo.png', data: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), store: true },
      { name: 'config/.env', data: `OPENAI_API_KEY=${key}\n` },
    ]);
    choose(input, [file(zip, 'project', '')]);
    const alert = await page.alertShown();
    expect(said(alert)).toContain('"project" contains an API key');
    expect(alert.keys.map((k) => k.redacted)).toEqual([redact(key)]);
    expect(read).toEqual([]);
    // KeyWard does not rewrite archives: "Insert with key redacted" leaves the archive out.
    await page.answer({ kind: 'redacted' });
    await waitFor(() => read.length === 1);
    expect(read[0]).toEqual([]);
    const clean = makeZip([{ name: 'a/b.txt', data: 'nothing here', store: true }]);
    choose(input, [file(clean, 'clean.zip')]);
    await waitFor(() => read.length === 2);
    expect(read[1]).toEqual(['clean.zip']);
  });

  it('a zip inside a zip is scanned, up to the nesting bound; deeper is held and the alert says why', async () => {
    const { input, read } = setup();
    let nested = makeZip([{ name: 'deep.env', data: `K=${key}` }]);
    nested = makeZip([{ name: 'inner.zip', data: nested }]);
    choose(input, [file(nested, 'outer.zip')]);
    expect((await page.alertShown()).keys).toHaveLength(1);
    await page.answer({ kind: 'cancel' });
    let deep = makeZip([{ name: 'a.txt', data: 'clean' }]);
    for (let i = 0; i < ZIP_LIMITS.depth; i++) deep = makeZip([{ name: `level${i}.zip`, data: deep }]);
    choose(input, [file(deep, 'deep.zip')]);
    const alert = await page.alertShown(2);
    expect(alert).toMatchObject({ mode: 'block', note: expect.any(String), keys: [] });
    expect(said(alert)).toContain(`"deep.zip" holds archives nested more than ${ZIP_LIMITS.depth} deep`);
    await page.answer({ kind: 'cancel' });
    expect(read).toEqual([]);
  });

  it('a zip bomb stops at the inflated bound: held as unchecked, and "Insert anyway" attaches it', async () => {
    const { input, read } = setup();
    const bomb = makeZip([{ name: 'a.txt', data: 'a'.repeat(ZIP_LIMITS.inflated + 1024) }]);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    choose(input, [file(bomb, 'small.zip')]);
    // Inflating 100 MB takes seconds on a busy machine.
    await waitFor(() => page.alerts.length === 1, 60_000);
    const alert = await page.alertShown();
    expect(said(alert)).toContain(`"small.zip" unpacks to more than ${ZIP_LIMITS.inflated / 1024 / 1024} MB`);
    expect(read).toEqual([]);
    await page.answer({ kind: 'anyway' });
    await waitFor(() => read.length === 1, 10_000);
    expect(read[0]).toEqual(['small.zip']);
  });

  it('a text file over the size bound is held by default and let through with a notice when oversizeFiles is allow', async () => {
    const big = () => file(['a'.repeat(1024), new Uint8Array(MAX_TEXT_FILE_BYTES).fill(0x61)], 'huge.log');
    let { input, read } = setup();
    choose(input, [big()]);
    await waitFor(() => page.alerts.length === 1, 30_000);
    const held = await page.alertShown();
    expect(held).toMatchObject({ mode: 'block', note: expect.any(String) });
    expect(said(held)).toContain('"huge.log" is larger than 100 MB');
    expect(said(held)).toContain('not attached');
    await page.answer({ kind: 'cancel' });
    expect(read).toEqual([]);
    page.stop();
    ({ input, read } = setup({ oversizeFiles: 'allow' }));
    choose(input, [big()]);
    await waitFor(() => read.length === 1, 30_000);
    expect(read[0]).toEqual(['huge.log']);
    const notice = await page.alertShown();
    expect(notice).toMatchObject({ mode: 'redact', note: expect.any(String) });
    expect(said(notice)).toContain('attached unchecked');
  });
});

describe('drop', () => {
  it('stops dropped text with a key, and "Insert with key redacted" inserts it', async () => {
    page = guardedPage('<textarea></textarea>');
    const t = page.doc.querySelector('textarea')!;
    const seen: number[] = [];
    page.win.addEventListener('drop', () => seen.push(1), true);
    const data = new page.win.DataTransfer();
    data.setData('text/plain', `dropped ${key}`);
    const event = new page.win.DragEvent('drop', { bubbles: true, cancelable: true, clientX: 1, clientY: 1 });
    // happy-dom's DragEvent ignores the dataTransfer init field.
    Object.defineProperty(event, 'dataTransfer', { value: data });
    t.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    expect(seen).toEqual([]);
    expect((await page.alertShown()).event).toBe('drop');
    await page.answer({ kind: 'redacted' });
    expect(t.value).toBe(`dropped ${redact(key)}`);
  });
});

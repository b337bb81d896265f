import { afterEach, describe, expect, it } from 'vitest';
import { redact } from '../../utils/detect';
import { isTextLikeFile, MAX_TEXT_FILE_BYTES } from '../../utils/guard/files';
import { makeKey, seededRng } from '../helpers/keys';
import { guardedPage, tick, type GuardedPage } from './guard-harness';

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

async function waitFor(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 2000;
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
    expect(read).toHaveLength(2);
    expect(page.alerts).toHaveLength(0);
  });
});

describe('which files are read', () => {
  it('reads text-like files by type, extension or dotfile name, up to the size limit', () => {
    const yes = [
      { name: 'a.txt', type: 'text/plain' },
      { name: 'x.json', type: 'application/json' },
      { name: '.env', type: '' },
      { name: '.env.local', type: '' },
      { name: 'Dockerfile', type: '' },
      { name: 'main.py', type: '' },
      { name: 'deploy.yaml', type: 'application/x-yaml' },
    ];
    const no = [
      { name: 'a.png', type: 'image/png' },
      { name: 'a.zip', type: 'application/zip' },
      { name: 'movie.mp4', type: 'video/mp4' },
    ];
    for (const f of yes) expect(isTextLikeFile(f), f.name).toBe(true);
    for (const f of no) expect(isTextLikeFile(f), f.name).toBe(false);
    expect(MAX_TEXT_FILE_BYTES).toBe(1024 * 1024);
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

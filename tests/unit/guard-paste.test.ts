import { afterEach, describe, expect, it } from 'vitest';
import { fingerprint, redact } from '../../utils/detect';
import { makeKey, seededRng } from '../helpers/keys';
import { guardedPage, paste, tick, type GuardedPage } from './guard-harness';

let page: GuardedPage;
afterEach(() => page?.stop());

const key = makeKey('openai-project-164', seededRng(1));
const other = makeKey('github-pat', seededRng(2));

function setup(patch = {}) {
  page = guardedPage('<textarea id="t"></textarea><div id="r" contenteditable="true"><p>hello</p></div>', patch);
  const seen: string[] = [];
  // The page's own first handler, registered after the guard (the guard runs at document_start).
  page.win.addEventListener('paste', (e) => seen.push((e as ClipboardEvent).clipboardData!.getData('text/plain')), true);
  const textarea = page.doc.querySelector('textarea')!;
  return { seen, textarea };
}

describe('paste, block mode (the default)', () => {
  it('stops the paste before any page handler and shows the block alert with redacted forms only', async () => {
    const { seen, textarea } = setup();
    const event = paste(page.win, textarea, `a ${key} b`);
    expect(event.defaultPrevented).toBe(true);
    expect(seen).toEqual([]);
    const alert = await page.alertShown();
    expect(alert.mode).toBe('block');
    expect(alert.event).toBe('paste');
    expect(alert.keys.map((k) => k.redacted)).toEqual([redact(key)]);
    expect(JSON.stringify(alert)).not.toContain(key);
  });

  it('"Insert with key redacted" inserts the text with the key redacted, and records one sighting', async () => {
    const { textarea } = setup();
    textarea.value = 'before:';
    textarea.setSelectionRange(7, 7);
    paste(page.win, textarea, `a ${key} b`);
    await page.answer({ kind: 'redacted' });
    expect(textarea.value).toBe(`before:a ${redact(key)} b`);
    expect(page.sightings).toHaveLength(1);
    const s = page.sightings[0]!;
    expect(s).toMatchObject({ outcome: 'redacted', event: 'paste', redacted: redact(key), provider: 'openai', origin: 'https://github.com', path: '/o/r/issues/new' });
    expect(s.fingerprint).toBe(await fingerprint(key));
    expect(JSON.stringify(s)).not.toContain(key);
  });

  it('Cancel leaves the field untouched and records "blocked"', async () => {
    const { textarea } = setup();
    paste(page.win, textarea, key);
    await page.answer({ kind: 'cancel' });
    expect(textarea.value).toBe('');
    expect(page.sightings.map((s) => s.outcome)).toEqual(['blocked']);
  });

  it('an alert still open when the page goes away is answered Cancel, and its sighting recorded', async () => {
    const { textarea } = setup();
    paste(page.win, textarea, key);
    await page.alertShown();
    page.win.dispatchEvent(new page.win.Event('pagehide'));
    await expect.poll(() => page.sightings.map((s) => s.outcome)).toEqual(['blocked']);
    expect(textarea.value).toBe('');
  });

  it('"Insert anyway" inserts the original, records the justification, and the key does not alert again on this page', async () => {
    const { textarea } = setup({ requireJustification: true });
    paste(page.win, textarea, key);
    await page.answer({ kind: 'anyway', justification: 'test fixture' });
    expect(textarea.value).toBe(key);
    expect(page.sightings[0]).toMatchObject({ outcome: 'inserted-anyway', justification: 'test fixture' });
    const again = paste(page.win, textarea, key);
    expect(again.defaultPrevented).toBe(false);
    await tick(50);
    expect(page.alerts).toHaveLength(1);
  });

  it('"Insert anyway" is refused when the policy does not allow it', async () => {
    const { textarea } = setup({ allowInsertAnyway: false });
    paste(page.win, textarea, key);
    expect((await page.alertShown()).allowInsertAnyway).toBe(false);
    await page.answer({ kind: 'anyway' });
    expect(textarea.value).toBe('');
    expect(page.sightings[0]!.outcome).toBe('blocked');
  });

  it('a paste on no field (a page that handles pastes itself) goes back to the page with the key redacted', async () => {
    page = guardedPage('<div id="canvas" tabindex="0">drawing</div>');
    const seen: string[] = [];
    page.doc.addEventListener('paste', (e) => seen.push((e as ClipboardEvent).clipboardData!.getData('text/plain')));
    const canvas = page.doc.querySelector('#canvas')!;
    paste(page.win, canvas, `a ${key} b`, `<b>a ${key} b</b>`);
    expect(seen).toEqual([]);
    await page.answer({ kind: 'redacted' });
    expect(seen).toEqual([`a ${redact(key)} b`]);
    expect(canvas.textContent).toBe('drawing');
    expect(page.alerts).toHaveLength(1);
  });

  it('reports one sighting per distinct key, also for keys only in the HTML flavour', async () => {
    const { textarea } = setup();
    paste(page.win, textarea, `${key} and ${key}`, `<p>${key}</p><span hidden>${other}</span>`);
    const alert = await page.alertShown();
    expect(alert.keys.map((k) => k.redacted).sort()).toEqual([redact(key), redact(other)].sort());
    await page.answer({ kind: 'cancel' });
    expect(page.sightings).toHaveLength(2);
  });

  it('lets clean pastes through untouched', async () => {
    const { seen, textarea } = setup();
    const event = paste(page.win, textarea, 'sk-proj-XXXXXXXXXXXXXXXX placeholder, nothing secret');
    expect(event.defaultPrevented).toBe(false);
    expect(seen).toHaveLength(1);
    await tick(30);
    expect(page.alerts).toHaveLength(0);
  });
});

describe('paste, other actions', () => {
  it('allowlisted keys go through with no alert, recorded as allowed', async () => {
    const { textarea } = setup({ allowlist: [await fingerprint(key)] });
    paste(page.win, textarea, `x ${key}`);
    await tick(50);
    expect(page.alerts).toHaveLength(0);
    expect(textarea.value).toBe(`x ${key}`);
    expect(page.sightings.map((s) => s.outcome)).toEqual(['allowed']);
  });

  it('a named key goes through on a site it is meant for, recorded as given; elsewhere the alert names it', async () => {
    const named = [{ fingerprint: await fingerprint(key), name: 'Acme vendor key', sites: ['https://github.com'] }];
    const { textarea } = setup({ namedKeys: named });
    paste(page.win, textarea, `x ${key}`);
    await tick(50);
    expect(page.alerts).toHaveLength(0);
    expect(textarea.value).toBe(`x ${key}`);
    expect(page.sightings.map((s) => s.outcome)).toEqual(['given']);
    page.stop();

    const { textarea: elsewhere } = setup({ namedKeys: [{ ...named[0]!, sites: ['https://vendor.example.com'] }] });
    paste(page.win, elsewhere, `x ${key} ${other}`);
    const alert = await page.alertShown();
    expect(alert.mode).toBe('block');
    expect(alert.keys).toEqual([
      expect.objectContaining({ redacted: redact(key), name: 'Acme vendor key', meantFor: ['https://vendor.example.com'] }),
      expect.not.objectContaining({ name: expect.anything() }),
    ]);
    await page.answer({ kind: 'cancel' });
    expect(elsewhere.value).toBe('');
    expect(page.sightings.map((s) => s.outcome)).toEqual(['blocked', 'blocked']);
  });

  it('warn lets the paste through and "Remove key" takes the key out of the field', async () => {
    const { seen, textarea } = setup({ actions: { paste: 'warn', drop: 'block', typing: 'warn', submit: 'block', upload: 'block' } });
    const event = paste(page.win, textarea, `x ${key} y`);
    expect(event.defaultPrevented).toBe(false);
    expect(seen).toHaveLength(1);
    // happy-dom does not insert on a synthetic paste: put the text in as the browser would have.
    textarea.value = `x ${key} y`;
    expect((await page.alertShown()).mode).toBe('warn');
    await page.answer({ kind: 'remove' });
    expect(textarea.value).toBe('x  y');
    expect(page.sightings.map((s) => s.outcome)).toEqual(['removed']);
  });

  it('redact inserts the redacted text at once and shows the short notice', async () => {
    const { textarea } = setup({ actions: { paste: 'redact', drop: 'block', typing: 'warn', submit: 'block', upload: 'block' } });
    const event = paste(page.win, textarea, `x ${key}`);
    expect(event.defaultPrevented).toBe(true);
    const alert = await page.alertShown();
    expect(alert.mode).toBe('redact');
    await tick(30);
    expect(textarea.value).toBe(`x ${redact(key)}`);
    expect(page.sightings.map((s) => s.outcome)).toEqual(['redacted']);
  });

  it('off does nothing', async () => {
    const { seen, textarea } = setup({ actions: { paste: 'off', drop: 'block', typing: 'warn', submit: 'block', upload: 'block' } });
    expect(paste(page.win, textarea, key).defaultPrevented).toBe(false);
    expect(seen).toHaveLength(1);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { redact } from '../../utils/detect';
import { readAroundCaret, readField } from '../../utils/guard/field-text';
import { TYPING_SETTLE_MS } from '../../utils/guard/typing';
import { makeKey, seededRng } from '../helpers/keys';
import { guardedPage, paste, tick, type GuardedPage } from './guard-harness';

let page: GuardedPage;
afterEach(() => page?.stop());

const key = makeKey('github-pat', seededRng(3));

/** What a keystroke leaves behind: the new value, the caret after it, and the input event. */
function typeInto(el: HTMLTextAreaElement, text: string, at = el.value.length) {
  el.value = el.value.slice(0, at) + text + el.value.slice(at);
  el.setSelectionRange(at + text.length, at + text.length);
  el.dispatchEvent(new page.win.InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
}

describe('typing', () => {
  it('warns once the user stops typing a key (one alert, not one per character)', async () => {
    page = guardedPage('<textarea></textarea>');
    const t = page.doc.querySelector('textarea')!;
    typeInto(t, 'my token is ');
    for (const ch of key) typeInto(t, ch);
    await tick(TYPING_SETTLE_MS + 60);
    expect(page.alerts).toHaveLength(1);
    expect(page.alerts[0]).toMatchObject({ mode: 'warn', event: 'typing' });
    await page.answer({ kind: 'dismiss' });
    expect(page.sightings.map((s) => s.outcome)).toEqual(['warned']);
    // Typing on after a dismissed key does not alert again.
    typeInto(t, ' more');
    await tick(TYPING_SETTLE_MS + 60);
    expect(page.alerts).toHaveLength(1);
  });

  it('"Remove key" takes the typed key out', async () => {
    page = guardedPage('<textarea></textarea>');
    const t = page.doc.querySelector('textarea')!;
    typeInto(t, `x ${key}`);
    await page.alertShown();
    await page.answer({ kind: 'remove' });
    expect(t.value).toBe('x ');
  });

  it('autocomplete (insertReplacementText) counts as typing', async () => {
    page = guardedPage('<input type="text">');
    const input = page.doc.querySelector('input')!;
    input.value = key;
    input.setSelectionRange(key.length, key.length);
    input.dispatchEvent(new page.win.InputEvent('input', { bubbles: true, inputType: 'insertReplacementText' }));
    expect((await page.alertShown()).event).toBe('typing');
  });

  it('waits for IME composition to end', async () => {
    page = guardedPage('<textarea></textarea>');
    const t = page.doc.querySelector('textarea')!;
    t.value = key;
    t.setSelectionRange(key.length, key.length);
    t.dispatchEvent(new page.win.InputEvent('input', { bubbles: true, inputType: 'insertCompositionText', isComposing: true }));
    await tick(TYPING_SETTLE_MS + 60);
    expect(page.alerts).toHaveLength(0);
    t.dispatchEvent(new page.win.CompositionEvent('compositionend', { bubbles: true, data: 'x' }));
    expect((await page.alertShown()).event).toBe('typing');
  });

  it('redact mode replaces the typed key by its redacted form', async () => {
    page = guardedPage('<textarea></textarea>', { actions: { paste: 'block', drop: 'block', typing: 'redact', submit: 'block', upload: 'block' } });
    const t = page.doc.querySelector('textarea')!;
    typeInto(t, `k=${key}`);
    expect((await page.alertShown()).mode).toBe('redact');
    await tick(30);
    expect(t.value).toBe(`k=${redact(key)}`);
  });

  it('block mode holds the key in redacted form until "Insert anyway" puts it back', async () => {
    const actions = { paste: 'block', drop: 'block', typing: 'block', submit: 'block', upload: 'block' } as const;
    page = guardedPage('<textarea></textarea>', { actions });
    const t = page.doc.querySelector('textarea')!;
    typeInto(t, `k=${key}`);
    expect((await page.alertShown()).mode).toBe('block');
    expect(t.value).toBe(`k=${redact(key)}`);
    await page.answer({ kind: 'anyway' });
    expect(t.value).toBe(`k=${key}`);
  });

  it("the page's undo and redo cannot bring a held key back, even when they bring it back twice", async () => {
    const actions = { paste: 'block', drop: 'block', typing: 'block', submit: 'block', upload: 'block' } as const;
    page = guardedPage('<textarea></textarea>', { actions });
    const t = page.doc.querySelector('textarea')!;
    typeInto(t, `token ${key}`);
    await page.alertShown();
    await page.answer({ kind: 'redacted' });
    const seen: string[] = [];
    t.addEventListener('input', () => seen.push(t.value));
    // A textarea's history replayed over the guard's edit can hold the key more than once.
    t.value = `token ${key}token ${redact(key)}token ${key}`;
    t.dispatchEvent(new page.win.InputEvent('input', { bubbles: true, inputType: 'historyRedo' }));
    expect(t.value).toBe(`token ${redact(key)}token ${redact(key)}token ${redact(key)}`);
    expect(seen.join('\n')).not.toContain(key);
  });

  it('reads only near the caret in a big field: a key far from the edit is not looked at', async () => {
    page = guardedPage('<textarea></textarea>');
    const t = page.doc.querySelector('textarea')!;
    t.value = `${key}\n${'lorem ipsum '.repeat(20_000)}`;
    typeInto(t, 'x');
    await tick(TYPING_SETTLE_MS + 60);
    expect(page.alerts).toHaveLength(0);
    const around = readAroundCaret(t, 300);
    expect(around.text.length).toBeLessThanOrEqual(300);
  });
});

describe('field text in rich text (contenteditable)', () => {
  it('reads a window around the caret across text nodes and blocks, and locates slices back to a Range', () => {
    page = guardedPage(`<div contenteditable="true"><p>first <b>bold</b> line</p><p>${key} tail</p></div>`);
    const host = page.doc.querySelector('div')!;
    const whole = readField(host);
    expect(whole.text).toBe(`first bold line\n${key} tail`);
    const tail = host.querySelectorAll('p')[1]!.firstChild!;
    const selection = page.doc.getSelection()!;
    const range = page.doc.createRange();
    range.setStart(tail, 3);
    range.collapse(true);
    selection.removeAllRanges();
    selection.addRange(range);
    const around = readAroundCaret(host, 20);
    expect(around.text.length).toBeLessThanOrEqual(41);
    expect(around.text.slice(around.caret, around.caret + 5)).toBe(key.slice(3, 8));
    const start = whole.text.indexOf(key);
    const located = whole.locate(start, start + key.length);
    expect(located?.kind).toBe('range');
    expect(located && located.kind === 'range' ? located.range.toString() : '').toBe(key);
  });
});

describe('a key in pieces', () => {
  /** A paste the guard lets through, then what the browser does with it: the text goes in at the selection. */
  function pasteInto(el: HTMLTextAreaElement, text: string) {
    const [start, end] = [el.selectionStart, el.selectionEnd];
    const event = paste(page.win, el, text);
    if (event.defaultPrevented) return;
    el.setRangeText(text, start, end, 'end');
    el.dispatchEvent(new page.win.InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
  }

  it('a key pasted in two halves alerts once it is complete (typing, warn)', async () => {
    page = guardedPage('<textarea></textarea>');
    const t = page.doc.querySelector('textarea')!;
    t.focus();
    pasteInto(t, `token ${key.slice(0, 20)}`);
    await tick(TYPING_SETTLE_MS + 60);
    expect(page.alerts).toHaveLength(0);
    pasteInto(t, `${key.slice(20)} and more`);
    expect((await page.alertShown()).event).toBe('typing');
    expect(page.alerts[0]!.keys[0]!.redacted).toBe(redact(key));
  });

  it('a paste beside a key already in the field, that it does not touch, does not alert', async () => {
    page = guardedPage('<textarea></textarea>');
    const t = page.doc.querySelector('textarea')!;
    t.value = `old ${key} `;
    t.focus();
    t.setSelectionRange(t.value.length, t.value.length);
    pasteInto(t, 'some text');
    await tick(TYPING_SETTLE_MS + 60);
    expect(page.alerts).toHaveLength(0);
  });
});


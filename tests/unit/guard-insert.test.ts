import { afterEach, describe, expect, it } from 'vitest';
import { redact } from '../../utils/detect';
import { editBetween, shiftOffset } from '../../utils/guard/insert';
import { TYPING_SETTLE_MS } from '../../utils/guard/typing';
import type { GuardWindow } from '../../utils/guard/core';
import { makeKey, seededRng } from '../helpers/keys';
import { guardedPage, paste, tick, type GuardedPage } from './guard-harness';

let page: GuardedPage;
afterEach(() => page?.stop());

const key = makeKey('openai-legacy-51', seededRng(9));

/**
 * An editor that, like Slate (Discord's composer), changes its document only from `beforeinput`:
 * it cancels the event, edits its model at the event's target range (or the selection), and renders
 * the DOM from the model. Changes made to its DOM behind its back (execCommand in Chromium sends no
 * beforeinput, a Range edit none either) never reach the model, which is what the site sends. Plain
 * text pastes are its own too; a paste that also carries HTML it leaves to beforeinput, as Slate does.
 */
function beforeinputEditor(host: HTMLElement) {
  const win = page.win;
  const line = host.querySelector('p')!;
  let model = line.textContent ?? '';
  const offsets = () => {
    const range = win.document.getSelection()!.getRangeAt(0);
    return [range.startOffset, range.endOffset] as const;
  };
  const render = (caret: number) => {
    line.textContent = model;
    const selection = win.document.getSelection()!;
    const range = win.document.createRange();
    range.setStart(line.firstChild ?? line, caret);
    selection.removeAllRanges();
    selection.addRange(range);
  };
  const replace = (text: string) => {
    const [start, end] = offsets();
    model = model.slice(0, start) + text + model.slice(end);
    render(start + text.length);
  };
  host.addEventListener('beforeinput', (event) => {
    const e = event as InputEvent;
    e.preventDefault();
    replace(e.inputType.startsWith('delete') ? '' : (e.data ?? ''));
  });
  host.addEventListener('paste', (event) => {
    const data = (event as ClipboardEvent).clipboardData!;
    if (data.types.length !== 1) return;
    event.preventDefault();
    replace(data.getData('text/plain'));
  });
  return {
    model: () => model,
    dom: () => line.textContent,
    caretAtEnd: () => render(model.length),
    /** What the user's typing leaves: the text in the model and the DOM, the caret after it, the input event. */
    type(text: string) {
      model += text;
      render(model.length);
      host.dispatchEvent(new win.InputEvent('input', { bubbles: true, inputType: 'insertText', data: text.slice(-1) }));
    },
  };
}

function setup() {
  page = guardedPage('<div id="composer" contenteditable="true" role="textbox"><p></p></div>');
  const host = page.doc.getElementById('composer')!;
  return { host, editor: beforeinputEditor(host) };
}

describe('edits reach editors that follow only beforeinput (Slate)', () => {
  it('"Remove key" after a typed key takes it out of the editor\'s model, not only its DOM', async () => {
    const { editor } = setup();
    editor.type(`my key ${key}`);
    await tick(TYPING_SETTLE_MS + 60);
    expect((await page.alertShown()).event).toBe('typing');
    await page.answer({ kind: 'remove' });
    expect(editor.model()).toBe('my key ');
    expect(editor.dom()).toBe('my key ');
  });

  it('"Insert with key redacted" after a paste with HTML lands in the editor\'s model', async () => {
    const { host, editor } = setup();
    editor.caretAtEnd();
    paste(page.win, host.querySelector('p')!, `see ${key}`, `<p>see <code>${key}</code></p>`);
    await page.answer({ kind: 'redacted' });
    expect(editor.model()).toBe(`see ${redact(key)}`);
    expect(editor.dom()).toBe(`see ${redact(key)}`);
  });

  it('a plain contenteditable (no editor cancels the beforeinput) still gets the text once', async () => {
    page = guardedPage('<div id="composer" contenteditable="true"><p>x</p></div>');
    const host = page.doc.getElementById('composer')!;
    const announced: string[] = [];
    host.addEventListener('beforeinput', (e) => announced.push((e as InputEvent).inputType));
    const selection = page.doc.getSelection()!;
    const range = page.doc.createRange();
    range.setStart(host.querySelector('p')!.firstChild!, 1);
    selection.removeAllRanges();
    selection.addRange(range);
    paste(page.win, host, `y ${key}`, `<b>y ${key}</b>`);
    await page.answer({ kind: 'redacted' });
    expect(host.textContent).toBe(`xy ${redact(key)}`);
    expect(announced).toEqual(['insertText']);
  });
});

/**
 * An editor that, like Monaco (Firefox, or wherever it has no EditContext), keeps its document in a
 * model and takes input through a textarea that holds only a window of it: on each input it reads
 * the change from the textarea against what it last wrote there (its prefix bounded by the selection
 * it wrote, as Monaco's deduceInput), applies it at its own caret, whatever the textarea's selection,
 * and at once writes the window again, a new one once the caret has left it (so the textarea's value
 * and offsets change under the guard). Its caret moves with arrow keys and Home, synthetic ones too (read from keyCode).
 */
function inputAreaEditor(area: HTMLTextAreaElement, initial: string, radius = 100) {
  let model = initial;
  let caret = model.length;
  let from = 0;
  let written = '';
  const write = () => {
    // Whole lines, a new window once the caret leaves the one written (Monaco writes pages of lines).
    if (caret < from || caret > from + written.length) from = model.lastIndexOf('\n', caret - radius) + 1;
    const end = model.indexOf('\n', from + 2 * radius);
    written = model.slice(from, end < 0 ? model.length : end);
    area.value = written;
    area.setSelectionRange(caret - from, caret - from);
  };
  area.addEventListener('input', () => {
    const now = area.value;
    const wrote = caret - from;
    let prefix = 0;
    while (prefix < Math.min(wrote, area.selectionStart) && now[prefix] === written[prefix]) prefix++;
    let suffix = 0;
    const most = Math.min(written.length - wrote, now.length - area.selectionEnd);
    while (suffix < most && now.at(-1 - suffix) === written.at(-1 - suffix)) suffix++;
    const text = now.slice(prefix, now.length - suffix);
    const start = caret - (wrote - prefix);
    model = model.slice(0, start) + text + model.slice(caret);
    caret = start + text.length;
    write();
  });
  area.addEventListener('keydown', (event) => {
    const lineStart = model.lastIndexOf('\n', caret - 1) + 1;
    const moved = { 36: lineStart, 37: Math.max(0, caret - 1), 39: Math.min(model.length, caret + 1) }[event.keyCode];
    if (moved === undefined) return;
    event.preventDefault();
    caret = moved;
    write();
  });
  write();
  return {
    model: () => model,
    moveTo(offset: number) {
      caret = offset;
      write();
    },
    /** A user's typing: the browser edits the textarea at the caret and fires input. */
    type(text: string) {
      const at = area.selectionStart + text.length;
      area.setRangeText(text, area.selectionStart, area.selectionEnd);
      area.setSelectionRange(at, at); // happy-dom's setRangeText(…, 'end') puts the caret at the very end
      area.dispatchEvent(new page.win.InputEvent('input', { bubbles: true, inputType: 'insertText', data: text.slice(-1) }));
    },
    /** A user's Home key. */
    home() {
      area.dispatchEvent(new page.win.KeyboardEvent('keydown', { bubbles: true, cancelable: true, key: 'Home', keyCode: 36 } as KeyboardEventInit));
    },
  };
}

describe('edits reach editors whose textarea holds a window of their model (Monaco)', () => {
  const file = Array.from({ length: 40 }, (_, i) => `const line${i} = ${i};\n`).join('');
  // The end of line 19, in the middle of the file: far from both ends of the textarea's window.
  const middle = file.indexOf('\nconst line20');

  function setupArea() {
    page = guardedPage('<textarea class="inputarea"></textarea>');
    const area = page.doc.querySelector('textarea')!;
    // What the browser's execCommand does in a focused textarea: edits its selection and fires input.
    page.doc.execCommand = (command: string, _ui?: boolean, value?: string) => {
      const text = command === 'delete' ? '' : (value ?? '');
      const at = area.selectionStart + text.length;
      area.setRangeText(text, area.selectionStart, area.selectionEnd);
      area.setSelectionRange(at, at);
      area.dispatchEvent(new page.win.InputEvent('input', { bubbles: true, inputType: text ? 'insertText' : 'deleteContentBackward', data: text || null }));
      return true;
    };
    area.focus();
    const editor = inputAreaEditor(area, file);
    editor.moveTo(middle);
    return { area, editor };
  }

  it('"Remove key" takes the typed key out of the model once, the rest of the file as it was', async () => {
    const { editor } = setupArea();
    editor.type(` // ${key}`);
    editor.type(' ');
    await tick(TYPING_SETTLE_MS + 60);
    expect((await page.alertShown()).event).toBe('typing');
    await page.answer({ kind: 'remove' });
    expect(editor.model()).toBe(`${file.slice(0, middle)} //  ${file.slice(middle)}`);
  });

  it('"Insert with key redacted" puts the text in the model once, at the caret', async () => {
    const { area, editor } = setupArea();
    paste(page.win, area, `k=${key};`);
    await page.answer({ kind: 'redacted' });
    expect(editor.model()).toBe(`${file.slice(0, middle)}k=${redact(key)};${file.slice(middle)}`);
  });

  it('"Insert with key redacted" after typing on before the paste\'s place: the editor\'s caret is walked there and back', async () => {
    const { area, editor } = setupArea();
    paste(page.win, area, key);
    await page.alertShown();
    editor.type(' xyz');
    editor.home();
    editor.type('Q');
    const lineStart = file.lastIndexOf('\n', middle - 1) + 1;
    const line = file.slice(lineStart, middle);
    expect(editor.model()).toBe(`${file.slice(0, lineStart)}Q${line} xyz${file.slice(middle)}`);
    await page.answer({ kind: 'redacted' });
    expect(editor.model()).toBe(`${file.slice(0, lineStart)}Q${line}${redact(key)} xyz${file.slice(middle)}`);
    // The caret is back after the "Q" the user typed last.
    editor.type('!');
    expect(editor.model()).toBe(`${file.slice(0, lineStart)}Q!${line}${redact(key)} xyz${file.slice(middle)}`);
  });
});

describe('a blocked paste while the user types on', () => {
  /** The user's typing: `text` put at the caret, the caret after it, one input event (as the browser does). */
  function typeAt(el: HTMLTextAreaElement, text: string, at: number) {
    el.setRangeText(text, at, at);
    el.setSelectionRange(at + text.length, at + text.length);
    el.dispatchEvent(new page.win.InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
  }

  it('"Insert with key redacted" lands where the paste was: after edits before it, before text typed at or after it', async () => {
    page = guardedPage('<textarea></textarea>');
    const el = page.doc.querySelector('textarea')!;
    el.value = 'abc';
    el.setSelectionRange(3, 3);
    paste(page.win, el, key);
    await page.alertShown();
    typeAt(el, ' please help', 3);
    typeAt(el, 'Q', 0);
    // A character typed before the paste's place that repeats the one before it ("c" after "abc" is ambiguous without the caret).
    typeAt(el, 'c', 3);
    expect(el.value).toBe('Qabcc please help');
    await page.answer({ kind: 'redacted' });
    expect(el.value).toBe(`Qabcc${redact(key)} please help`);
  });

  it('a selection typed over around the place: the insertion goes after the new text', async () => {
    page = guardedPage('<textarea></textarea>');
    const el = page.doc.querySelector('textarea')!;
    el.value = 'one two three';
    el.setSelectionRange(4, 4);
    paste(page.win, el, key);
    await page.alertShown();
    el.setRangeText('2', 2, 6, 'end');
    el.dispatchEvent(new page.win.InputEvent('input', { bubbles: true, inputType: 'insertText', data: '2' }));
    expect(el.value).toBe('on2o three');
    await page.answer({ kind: 'redacted' });
    expect(el.value).toBe(`on2${redact(key)}o three`);
  });

  it('in an editor that carries out the keys itself (no input event): the insertion still follows what was typed before it', async () => {
    const { host, editor } = setup();
    editor.type('abc');
    paste(page.win, host.querySelector('p')!, key);
    await page.alertShown();
    // "Q" typed at the start of the line, as Slate does it: beforeinput cancelled, the DOM rendered from its model.
    const range = page.doc.createRange();
    range.setStart(host.querySelector('p')!.firstChild!, 0);
    page.doc.getSelection()!.removeAllRanges();
    page.doc.getSelection()!.addRange(range);
    host.dispatchEvent(new page.win.InputEvent('beforeinput', { bubbles: true, cancelable: true, inputType: 'insertText', data: 'Q' }));
    expect(editor.model()).toBe('Qabc');
    await page.answer({ kind: 'redacted' });
    expect(editor.model()).toBe(`Qabc${redact(key)}`);
    expect(editor.dom()).toBe(`Qabc${redact(key)}`);
  });
});

/** EditContext's textupdate as the browser sends it (happy-dom has no EditContext). */
function textUpdateEvent(win: GuardWindow) {
  return class extends win.Event {
    constructor(type: string, init: { updateRangeStart: number; updateRangeEnd: number; text: string; selectionStart: number; selectionEnd: number }) {
      super(type);
      Object.assign(this, init);
    }
  };
}

/**
 * An editor that, like Monaco in Chromium, takes input through an EditContext holding the caret's
 * line: the browser edits the EditContext, then sends textupdate; the editor applies the update around
 * its own caret (retyping what lies between its caret and the update's range, then moving its caret by
 * the update's selection, as Monaco's _emitTypeEvent) and writes the EditContext again from its line
 * when it next renders (over the length it last wrote: the stale tail Monaco 0.57 leaves). Home and
 * Backspace it carries out itself, with no textupdate.
 */
function editContextEditor(el: HTMLElement) {
  const win = page.win;
  let line = '';
  let caret = 0;
  let written = '';
  const ec = Object.assign(new win.EventTarget(), {
    text: '',
    selectionStart: 0,
    selectionEnd: 0,
    updateText(start: number, end: number, text: string) {
      ec.text = ec.text.slice(0, start) + text + ec.text.slice(end);
    },
    updateSelection(start: number, end: number) {
      ec.selectionStart = start;
      ec.selectionEnd = end;
    },
  });
  Object.assign(el, { editContext: ec });
  const render = () =>
    win.setTimeout(() => {
      ec.updateText(0, written.length, line);
      written = line;
      ec.updateSelection(caret, caret);
    }, 0);
  ec.addEventListener('textupdate', (event) => {
    const e = event as unknown as { updateRangeStart: number; updateRangeEnd: number; text: string; selectionStart: number };
    const text = ec.text.slice(caret, Math.max(caret, e.updateRangeStart)) + e.text + ec.text.slice(e.updateRangeEnd, Math.max(caret, e.updateRangeEnd));
    const start = Math.min(caret, e.updateRangeStart);
    line = line.slice(0, start) + text + line.slice(Math.max(caret, e.updateRangeEnd));
    caret = start + text.length + e.selectionStart - (e.updateRangeStart + e.text.length);
    render();
  });
  el.addEventListener('keydown', (event) => {
    const key = (event as KeyboardEvent).key;
    if (key === 'Home') caret = 0;
    else if (key === 'Backspace' && caret > 0) line = line.slice(0, caret - 1) + line.slice(caret--);
    else return;
    event.preventDefault();
    render();
  });
  el.addEventListener('paste', (event) => {
    event.preventDefault();
    const text = (event as ClipboardEvent).clipboardData!.getData('text/plain');
    line = line.slice(0, caret) + text + line.slice(caret);
    caret += text.length;
    render();
  });
  const TextUpdate = textUpdateEvent(win);
  return {
    line: () => line,
    /** A user's typing: the browser edits the EditContext at its selection, then sends textupdate. */
    async type(text: string) {
      const { selectionStart: start, selectionEnd: end } = ec;
      ec.updateText(start, end, text);
      ec.updateSelection(start + text.length, start + text.length);
      const init = { updateRangeStart: start, updateRangeEnd: end, text, selectionStart: start + text.length, selectionEnd: start + text.length };
      ec.dispatchEvent(new TextUpdate('textupdate', init));
      await tick();
    },
    async press(key: string) {
      el.dispatchEvent(new win.KeyboardEvent('keydown', { bubbles: true, cancelable: true, key }));
      await tick();
    },
  };
}

describe('a blocked paste while the user types on, in an EditContext (Monaco in Chromium)', () => {
  afterEach(() => {
    delete (globalThis as { TextUpdateEvent?: unknown }).TextUpdateEvent;
  });

  /** The next frame, where the guard reads the place Monaco has rendered. */
  const frame = () => new Promise((resolve) => page.win.requestAnimationFrame(resolve));

  function setupEditContext() {
    page = guardedPage('<div class="native-edit-context" tabindex="0"></div>');
    (globalThis as { TextUpdateEvent?: unknown }).TextUpdateEvent = textUpdateEvent(page.win);
    const el = page.doc.querySelector<HTMLElement>('.native-edit-context')!;
    return { el, editor: editContextEditor(el) };
  }

  /** "abc", the key pasted after it (blocked), the place read, then " xyz" typed on. */
  async function pastedThenTypedOn() {
    const { el, editor } = setupEditContext();
    await editor.type('abc');
    paste(page.win, el, key);
    await page.alertShown();
    await frame();
    await editor.type(' xyz');
    return editor;
  }

  it('"Insert with key redacted" lands where the paste was, the caret back where the user left it', async () => {
    const editor = await pastedThenTypedOn();
    await editor.press('Home');
    await editor.type('QW');
    await editor.press('Backspace');
    expect(editor.line()).toBe('Qabc xyz');
    await page.answer({ kind: 'redacted' });
    expect(editor.line()).toBe(`Qabc${redact(key)} xyz`);
    await tick();
    await editor.type('!');
    expect(editor.line()).toBe(`Q!abc${redact(key)} xyz`);
  });

  it('typed on after the paste\'s place: the text goes before what was typed, the caret stays after it', async () => {
    const editor = await pastedThenTypedOn();
    await page.answer({ kind: 'redacted' });
    await tick();
    await editor.type('!');
    expect(editor.line()).toBe(`abc${redact(key)} xyz!`);
  });
});

describe('editBetween', () => {
  it('places an ambiguous edit by the caret, and ignores a caret that does not fit the edit', () => {
    expect(editBetween('abc', 'abcc', 3)).toEqual({ at: 2, removed: 0, added: 1 });
    expect(editBetween('abc', 'abcc', 4)).toEqual({ at: 3, removed: 0, added: 1 });
    expect(editBetween('abc', 'Qabc', 4)).toEqual({ at: 0, removed: 0, added: 1 });
    expect(editBetween('one two', 'one 2', 5)).toEqual({ at: 4, removed: 3, added: 1 });
    expect(editBetween('same', 'same', 2)).toBeNull();
    expect([2, 3, 4, 9].map((o) => shiftOffset(o, { at: 3, removed: 2, added: 5 }))).toEqual([2, 3, 8, 12]);
  });
});

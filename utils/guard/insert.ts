import { isTextControl, type Field } from './fields';
import type { GuardWindow } from './core';
import { editContextOf, readAroundCaret, readField, selectionOf, type Located } from './field-text';
import { editContextPlace, followEditContext, insertAtPlace, updateText, type EditContextPlace } from './edit-context';

/**
 * Writing into a field so that the page's own editor notices: `execCommand('insertText')` (fires
 * input events that React, ProseMirror, CodeMirror, Lexical, Quill and Monaco's textarea all
 * follow, and keeps undo), a synthetic paste for rich editors that insert pastes themselves, and
 * `setRangeText` + an input event as the last resort. In rich text each edit is first announced with
 * a `beforeinput` (see {@link announce}), which editors that only edit their model from beforeinput
 * (Slate) carry out themselves.
 */

/** Where the caret was when an event was stopped, so text can be inserted there later. */
export type SavedSelection =
  | { kind: 'control'; start: number; end: number }
  /** `at`: the caret's offset in the field's text, kept up to date by {@link followEdits} (an editor that re-renders its DOM moves a Range). */
  | { kind: 'range'; range: Range; at?: number }
  | EditContextPlace
  | { kind: 'none' };

/** Set while the guard dispatches its own synthetic events, so its own listeners let them through. */
export const own = { dispatching: false };

/** Remembers the selection of a field. */
export function saveSelection(field: Field | null): SavedSelection {
  if (!field) return { kind: 'none' };
  if (editContextOf(field)) return editContextPlace();
  if (isTextControl(field)) {
    try {
      return { kind: 'control', start: field.selectionStart ?? field.value.length, end: field.selectionEnd ?? field.value.length };
    } catch {
      return { kind: 'control', start: field.value.length, end: field.value.length };
    }
  }
  const selection = selectionOf(field);
  if (selection && selection.rangeCount > 0) {
    const range = selection.getRangeAt(0);
    if (field.contains(range.startContainer)) return { kind: 'range', range: range.cloneRange() };
  }
  return { kind: 'none' };
}

/** One edit of a text: `removed` characters at `at` replaced by `added` ones. */
export interface Edit {
  at: number;
  removed: number;
  added: number;
}

/**
 * The smallest edit that turns `before` into `after`. Where repeated characters leave its place
 * ambiguous ("abc" to "abcc": a "c" typed after "ab", or after "abc"), `caret`, where the caret is
 * after the edit (the end of what was typed), places it. Null when nothing changed.
 */
export function editBetween(before: string, after: string, caret: number): Edit | null {
  if (before === after) return null;
  const smallest = splitAt(before, after, 0);
  const tail = after.length - caret;
  if (tail < 0 || tail > Math.min(before.length, after.length) || before.slice(before.length - tail) !== after.slice(caret)) return smallest;
  const atCaret = splitAt(before, after, tail);
  return atCaret.removed === smallest.removed ? atCaret : smallest;
}

/** The edit between two texts that keeps their common start and at least `tail` characters of their common end. */
function splitAt(before: string, after: string, tail: number): Edit {
  const most = Math.min(before.length, after.length) - tail;
  let head = 0;
  while (head < most && before.charCodeAt(head) === after.charCodeAt(head)) head++;
  while (head + tail < Math.min(before.length, after.length) && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { at: head, removed: before.length - tail - head, added: after.length - tail - head };
}

/**
 * Where an offset is after an edit: unchanged before it (and at it: text typed where a paste was
 * stopped goes after the paste, as it came after it), moved by the edit's length after it, and at the
 * end of the new text when the edit replaced it.
 */
export function shiftOffset(offset: number, edit: Edit): number {
  if (offset <= edit.at) return offset;
  if (offset >= edit.at + edit.removed) return offset + edit.added - edit.removed;
  return edit.at + edit.added;
}

/**
 * Keeps a text control's saved selection on the same text while the user edits the field on (the
 * alert does not take their keystrokes): each edit before it moves it. A Range saved in rich text
 * follows the DOM's edits by itself. Returns the function that stops following.
 */
export function followEdits(field: Field | null, saved: SavedSelection): () => void {
  if (!field || saved.kind === 'none') return () => {};
  const ec = editContextOf(field);
  if (ec || saved.kind === 'ec') return ec && saved.kind === 'ec' ? followEditContext(field, ec, saved, own) : () => {};
  const control = isTextControl(field) ? field : null;
  const read = () => (control ? { text: control.value, caret: caretOf(control) } : readAroundCaret(field, Infinity));
  let before = read();
  if (saved.kind === 'range') {
    // The saved Range's start in the field's text: where the caret was, as the text reads then.
    const atSave = readField(field);
    saved.at = before.caret >= 0 && saved.range.collapsed ? before.caret : undefined;
    if (saved.at === undefined || atSave.text !== before.text) return () => {};
  }
  const onInput = () => {
    if (own.dispatching) return;
    const after = read();
    const edit = editBetween(before.text, after.text, after.caret < 0 ? after.text.length : after.caret);
    before = after;
    if (!edit) return;
    if (saved.kind === 'control') {
      saved.start = shiftOffset(saved.start, edit);
      saved.end = Math.max(saved.start, shiftOffset(saved.end, edit));
    } else if (saved.kind === 'range' && saved.at !== undefined) saved.at = shiftOffset(saved.at, edit);
  };
  field.addEventListener('input', onInput);
  // An editor that carries out the user's keys itself (Slate cancels their beforeinput; Monaco's
  // Backspace in its textarea) sends no input event: its edits show only as changes of the DOM, or of
  // the textarea by the time the key is released.
  const win = field.ownerDocument.defaultView as GuardWindow | null;
  const observer = saved.kind === 'range' && win ? new win.MutationObserver(onInput) : null;
  observer?.observe(field, { characterData: true, childList: true, subtree: true });
  if (control) field.addEventListener('keyup', onInput);
  return () => {
    field.removeEventListener('input', onInput);
    field.removeEventListener('keyup', onInput);
    // Changes not yet delivered to the observer (they come in a microtask) are followed still.
    if (observer?.takeRecords().length) onInput();
    observer?.disconnect();
  };
}

function caretOf(el: HTMLTextAreaElement | HTMLInputElement): number {
  try {
    return el.selectionEnd ?? el.value.length;
  } catch {
    // type=email and friends: no selection API.
    return el.value.length;
  }
}

/** Waits for the next task, so editors that sync their selection on `selectionchange` have seen it. */
export function nextTask(win: Window): Promise<void> {
  return new Promise((resolve) => win.setTimeout(resolve, 0));
}

/**
 * How long an editor may take to follow a selection the guard moved. Slate (Discord's composer)
 * takes the DOM selection into its own, where it inserts a paste, from a `selectionchange` handler
 * throttled to 100 ms (slate-react's `Editable`): the guard's paste, sent a task later, went in at the
 * user's caret. The guard cannot read an editor's model, so it waits that throttle out.
 */
const SELECTION_SETTLE_MS = 150;

/**
 * Waits until editors have followed a selection moved just now: its `selectionchange` (if the browser
 * sends one), the next task (timers the editors' listeners set at once, as Slate's, run first), then
 * {@link SELECTION_SETTLE_MS}.
 */
function selectionFollowed(win: Window): Promise<void> {
  return new Promise((resolve) => {
    const settle = () => {
      win.document.removeEventListener('selectionchange', settle);
      win.clearTimeout(unannounced);
      void nextTask(win).then(() => win.setTimeout(resolve, SELECTION_SETTLE_MS));
    };
    const unannounced = win.setTimeout(settle, SELECTION_SETTLE_MS);
    win.document.addEventListener('selectionchange', settle);
  });
}

/** The init of an event as the browser fires it for a user's action: it bubbles, out of shadow roots too, and can be cancelled. */
export const USER_EVENT = { bubbles: true, cancelable: true, composed: true };

/** Dispatches one of the guard's own events: its own listeners let it through. */
export function dispatchOwn(target: EventTarget, event: Event): boolean {
  own.dispatching = true;
  try {
    return target.dispatchEvent(event);
  } finally {
    own.dispatching = false;
  }
}

/** The `input` event that follows an edit made without the browser's help (insertText of `data`). */
function dispatchInput(win: GuardWindow, target: EventTarget, data: string): void {
  dispatchOwn(target, new win.InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data }));
}

/**
 * `execCommand` on the selection. `announced`: the page already had this edit's beforeinput from
 * {@link announce}, so the one Firefox sends for an extension's execCommand is kept from the editor
 * (it would see the same edit announced twice).
 */
function execInsert(doc: Document, text: string, announced = false): boolean {
  const win = doc.defaultView;
  const twice = (event: Event) => event.stopImmediatePropagation();
  if (announced) win?.addEventListener('beforeinput', twice, true);
  own.dispatching = true;
  try {
    return text === '' ? doc.execCommand('delete', false) : doc.execCommand('insertText', false, text);
  } catch {
    return false;
  } finally {
    own.dispatching = false;
    if (announced) win?.removeEventListener('beforeinput', twice, true);
  }
}

/**
 * Announces an edit of rich text as the browser does a user's: a cancelable `beforeinput` at the
 * editing host (insertText, or deleteContentBackward for an empty text) with the range it replaces.
 * Chromium sends none for `execCommand`, and Slate (Discord's composer) changes its document only
 * from beforeinput: without this the DOM showed the edit while Slate's model, what the site sends,
 * still held the key. Returns true when the page cancelled it, i.e. the editor made the edit itself.
 */
function announce(host: HTMLElement, range: Range | null, text: string): boolean {
  const win = host.ownerDocument.defaultView as GuardWindow | null;
  if (!win || typeof win.InputEvent !== 'function') return false;
  const init: InputEventInit = {
    ...USER_EVENT,
    inputType: text === '' ? 'deleteContentBackward' : 'insertText',
    data: text === '' ? null : text,
  };
  if (range && typeof win.StaticRange === 'function') {
    const { startContainer, startOffset, endContainer, endOffset } = range;
    init.targetRanges = [new win.StaticRange({ startContainer, startOffset, endContainer, endOffset })];
  }
  return !dispatchOwn(host, new win.InputEvent('beforeinput', init));
}

/**
 * An edit at the selection: in rich text (`host`, its editing host) announced first, then made with
 * execCommand unless the editor made it; in anything else execCommand alone. True when it was made.
 */
function editAtSelection(doc: Document, host: HTMLElement | null, range: Range | null, text: string): boolean {
  if (!host) return execInsert(doc, text);
  return announce(host, range, text) || execInsert(doc, text, true);
}

function controlReplace(el: HTMLTextAreaElement | HTMLInputElement, start: number, end: number, text: string): void {
  el.focus({ preventScroll: true });
  // An editor that keeps its own caret (Monaco, whose textarea mirrors it) types at that caret whatever
  // the textarea's selection, and can retype only what precedes it: a range ending after the caret is
  // reached with arrow keys first (a walk that stopped half way goes back), and the caret walked back.
  const caret = collapsedCaret(el);
  const walked = caret !== null && caret < end && walkCaret(el, end);
  if (caret !== null && !walked) walkCaret(el, caret);
  replaceSelected(el, start, end, text);
  if (walked) walkCaret(el, caret <= start ? caret : start + text.length);
}

function replaceSelected(el: HTMLTextAreaElement | HTMLInputElement, start: number, end: number, text: string): void {
  const doc = el.ownerDocument;
  try {
    el.setSelectionRange(start, end);
  } catch {
    // type=email and friends: no selection API; insertText then goes to the end.
  }
  const before = el.value;
  const expected = before.slice(0, start) + text + before.slice(end);
  // Any change means the page had the edit: a page that rewrites the field on input (Monaco's input
  // area, a window of its model) took it; redoing it behind the page's back would edit twice.
  if (execInsert(doc, text) && (el.value === expected || el.value !== before)) return;
  if (el.value !== expected) {
    try {
      el.setRangeText(text, start, end, 'end');
    } catch {
      el.value = expected;
    }
    dispatchInput(doc.defaultView as GuardWindow, el, text);
  }
}

/** The caret of a text control with nothing selected, or null. */
function collapsedCaret(el: HTMLTextAreaElement | HTMLInputElement): number | null {
  try {
    return el.selectionStart === el.selectionEnd ? el.selectionEnd : null;
  } catch {
    return null;
  }
}

/**
 * Walks the caret of an editor that keeps its own to `to` with the arrow keys a user would press
 * (Monaco mirrors its caret into its textarea at once). True once there; false at the first key
 * that leaves the caret where it was: a plain text control takes no synthetic key.
 */
function walkCaret(el: HTMLTextAreaElement | HTMLInputElement, to: number): boolean {
  const win = el.ownerDocument.defaultView as GuardWindow;
  for (let steps = Math.abs(to - caretOf(el)); steps > 0 && caretOf(el) !== to; steps--) {
    const from = caretOf(el);
    const [key, keyCode] = from < to ? ['ArrowRight', 39] : ['ArrowLeft', 37];
    const init: KeyboardEventInit & { keyCode: number; which: number } = { key, code: key, keyCode, which: keyCode, ...USER_EVENT };
    dispatchOwn(el, new win.KeyboardEvent('keydown', init));
    dispatchOwn(el, new win.KeyboardEvent('keyup', init));
    if (caretOf(el) === from) return false;
  }
  return caretOf(el) === to;
}

/** Selects `range`; true when that moved the selection (it was elsewhere). */
function select(range: Range): boolean {
  const selection = selectionOf(range.startContainer);
  if (!selection) return false;
  const current = selection.rangeCount > 0 ? selection.getRangeAt(0) : null;
  const moved = !current || !sameRange(current, range);
  selection.removeAllRanges();
  selection.addRange(range);
  return moved;
}

function sameRange(a: Range, b: Range): boolean {
  return a.startContainer === b.startContainer && a.startOffset === b.startOffset && a.endContainer === b.endContainer && a.endOffset === b.endOffset;
}

/** A synthetic paste carrying `text` (and `html`), or null where this browser would hand it over empty. */
export function makePaste(win: GuardWindow, text: string, html: string | undefined): ClipboardEvent | null {
  try {
    const data = new win.DataTransfer();
    data.setData('text/plain', text);
    if (html) data.setData('text/html', html);
    // `data`/`dataType` are Firefox's own init fields; Chromium reads `clipboardData`.
    const init = { ...USER_EVENT, clipboardData: data, data: text, dataType: 'text/plain' };
    const event = new win.ClipboardEvent('paste', init as ClipboardEventInit);
    return event.clipboardData?.getData('text/plain') === text ? event : null;
  } catch {
    return null;
  }
}

/**
 * Inserts text where the selection was saved, as a paste would: native fields through
 * `execCommand('insertText')`; rich editors get a synthetic paste first (they insert it with their
 * own paste logic), then `execCommand('insertText')` if no editor took it.
 */
export async function insertAt(field: Field | null, saved: SavedSelection, text: string, html?: string): Promise<void> {
  if (!field || !field.isConnected) return;
  const doc = field.ownerDocument;
  const win = doc.defaultView as GuardWindow | null;
  if (!win) return;
  if (isTextControl(field)) {
    const start = saved.kind === 'control' ? Math.min(saved.start, field.value.length) : field.value.length;
    const end = saved.kind === 'control' ? Math.min(saved.end, field.value.length) : start;
    controlReplace(field, start, end, text);
    return;
  }
  field.focus({ preventScroll: true });
  const ec = editContextOf(field);
  if (ec && saved.kind === 'ec' && insertAtPlace(ec, saved, text, (event) => dispatchOwn(ec, event))) return;
  let moved = false;
  if (saved.kind === 'range') {
    const followed = saved.at === undefined ? null : readField(field).locate(saved.at, saved.at);
    moved = select(followed?.kind === 'range' ? followed.range : saved.range);
  }
  // The user moved the caret since the paste (typed on elsewhere): an editor that pastes at its own
  // selection must have followed it back to the paste's place first.
  await (moved ? selectionFollowed(win) : nextTask(win));
  const selection = selectionOf(field);
  const anchor = selection?.anchorNode;
  const target = anchor && field.contains(anchor) ? (anchor.nodeType === 1 ? anchor : anchor.parentNode) ?? field : field;
  const paste = makePaste(win, text, html);
  if (paste && !dispatchOwn(target, paste)) return;
  const range = selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : null;
  if (editAtSelection(doc, field, range, text)) return;
  if (range) {
    range.deleteContents();
    range.insertNode(doc.createTextNode(text));
    range.collapse(false);
  }
  dispatchInput(win, field, text);
}

/** Replaces one located slice of a field's text (an empty string deletes it). */
export async function replaceLocated(located: Located, text: string): Promise<void> {
  if (located.kind === 'control') {
    controlReplace(located.el, located.start, located.end, text);
    return;
  }
  if (located.kind === 'ec') {
    // The caret given is where the replacement ends (Monaco keeps what it retypes after the range).
    const { ec, start, end } = located;
    updateText(ec, start, end, text, start + text.length, (event) => dispatchOwn(ec, event));
    return;
  }
  const range = located.range;
  const doc = range.startContainer.ownerDocument!;
  const win = doc.defaultView as GuardWindow;
  const host = range.startContainer.parentElement?.closest('[contenteditable]') as HTMLElement | null;
  host?.focus({ preventScroll: true });
  select(range);
  await nextTask(win);
  if (editAtSelection(doc, host, range, text)) return;
  range.deleteContents();
  if (text) range.insertNode(doc.createTextNode(text));
  dispatchInput(win, host ?? doc, text);
}

/**
 * Replaces every occurrence of each text (map key) in a field by its replacement, reading the field
 * again after each change (a rich editor may re-render between two edits). Returns how many it replaced.
 */
export async function replaceInField(field: Field, replacements: ReadonlyMap<string, string>, max = 50): Promise<number> {
  let done = 0;
  for (; done < max; done++) {
    const current = readField(field);
    let best: { at: number; from: string; to: string } | null = null;
    for (const [from, to] of replacements) {
      if (!from) continue;
      const at = current.text.indexOf(from);
      if (at >= 0 && (!best || at < best.at)) best = { at, from, to };
    }
    if (!best) break;
    const located = current.locate(best.at, best.at + best.from.length);
    if (!located) break;
    const before = readField(field).text;
    await replaceLocated(located, best.to);
    if (readField(field).text === before) break; // the editor refused the edit: do not loop
  }
  return done;
}

import type { EditContext } from './field-text';

/**
 * A place in the text of an EditContext (Monaco in Chromium), followed while the user types on, and
 * text inserted there. Monaco's EditContext holds the caret's line from its start, and Monaco takes a
 * textupdate as an edit around its own caret (it retypes what lies between the caret and the
 * update's range), so the place is an offset in the paste's line, good while that line reads the same
 * before it. The guard cannot read Monaco's model (page JS), only what reaches the EditContext.
 */

/** EditContext's event (Chromium; not yet in TypeScript's DOM types). */
declare const TextUpdateEvent: new (type: 'textupdate', init: object) => Event;

/** The fields of a textupdate the guard reads. */
interface TextUpdate {
  updateRangeStart: number;
  updateRangeEnd: number;
  text: string;
}

/**
 * A caret's place in an EditContext's text: `at`, its offset in the caret's line, `head`, the line's
 * text before it (what tells the place's line from another). `known` from when
 * {@link followEditContext} has read it until an edit came that the guard cannot follow; unknown, the
 * text goes in at the caret, as a paste would.
 */
export interface EditContextPlace {
  kind: 'ec';
  at: number;
  head: string;
  known: boolean;
}

/** A place in an EditContext, unknown until followed. */
export function editContextPlace(): EditContextPlace {
  return { kind: 'ec', at: 0, head: '', known: false };
}

/** The place's head after an edit of its line (`removed` characters at `from` replaced by `text`) before it. */
function edited(place: EditContextPlace, from: number, removed: number, text: string): string {
  return place.head.slice(0, from) + text + place.head.slice(Math.min(from + removed, place.at));
}

/** Keys that leave the text as it is (caret moves, modifiers alone) or edit it through textupdate (an IME's). */
const NO_EDIT = /^(Arrow\w+|Home|End|Page\w+|Shift|Control|Alt|AltGraph|Meta|CapsLock|Escape|Dead|Process)$/;

/**
 * What a plain Backspace or Delete removes from the caret's line (`start`..`end` selected), or null
 * for any other key, a word's deletion, or a line joined to the one before.
 */
function deleted(event: KeyboardEvent, start: number, end: number): [number, number] | null {
  if (event.ctrlKey || event.metaKey || event.altKey || (event.key !== 'Backspace' && event.key !== 'Delete')) return null;
  if (end > start) return [start, end];
  if (event.key === 'Delete') return [start, start + 1];
  return start > 0 ? [start - 1, start] : null;
}

/**
 * Reads `place` from the EditContext's caret, then keeps it on its text while the user edits the
 * EditContext's element: typed text comes as textupdate (an edit at or after the place leaves it);
 * Backspace and Delete Monaco carries out itself, with no textupdate; any other edit before the
 * place (Enter, Tab, a paste, undo) loses it. An edit on another line (the EditContext then holds
 * that line) is no edit of the place's line. Returns the function that stops following.
 */
export function followEditContext(el: HTMLElement, ec: EditContext, place: EditContextPlace, own: { dispatching: boolean }): () => void {
  // Monaco writes its caret into the EditContext when it next renders: a paste right after a caret
  // move (End, then Ctrl+V) still finds the old one there. The place is read in the next frame, after
  // Monaco's render (it asked for that frame first), or at a key pressed before (a frame held back
  // under load), before the key's edit. A textupdate first has already changed the EditContext.
  let read = false;
  const readPlace = () => {
    if (read) return;
    read = true;
    const at = ec.selectionStart;
    if (ec.selectionEnd === at) Object.assign(place, { at, head: ec.text.slice(0, at), known: true });
  };
  el.ownerDocument.defaultView?.requestAnimationFrame(readPlace);
  const onUpdate = (event: Event) => {
    if (own.dispatching) return;
    read = true;
    const { updateRangeStart: from, updateRangeEnd: to, text } = event as unknown as TextUpdate;
    if (!place.known || from >= place.at) return;
    // The browser has changed the EditContext's text before its textupdate.
    const head = edited(place, from, to - from, text);
    if (!ec.text.startsWith(head)) return;
    place.head = head;
    place.at = head.length;
  };
  const onKey = (event: KeyboardEvent) => {
    if (own.dispatching) return;
    readPlace();
    if (!place.known || NO_EDIT.test(event.key) || event.isComposing) return;
    const typed = event.key.length === 1 && !event.ctrlKey && !event.metaKey;
    // Not the place's line: an edit there leaves the place's column alone.
    if (typed || !ec.text.startsWith(place.head)) return;
    const start = ec.selectionStart;
    const removed = deleted(event, start, ec.selectionEnd);
    if (removed && removed[0] < place.at) {
      place.head = edited(place, removed[0], removed[1] - removed[0], '');
      place.at = place.head.length;
    } else if (!removed && (start < place.at || event.key === 'Backspace')) place.known = false;
  };
  ec.addEventListener('textupdate', onUpdate);
  el.addEventListener('keydown', onKey, true);
  return () => {
    ec.removeEventListener('textupdate', onUpdate);
    el.removeEventListener('keydown', onKey, true);
  };
}

/**
 * Inserts `text` at `place` while the caret is elsewhere on its line, leaving the user's caret on the
 * text it was at. False when that cannot be done (the place unknown, text selected, the caret on
 * another line, or at the place: a paste at the caret does it).
 */
export function insertAtPlace(ec: EditContext, place: EditContextPlace, text: string, dispatch: (event: Event) => void): boolean {
  const caret = ec.selectionStart;
  if (!place.known || ec.selectionEnd !== caret || caret === place.at || !ec.text.startsWith(place.head)) return false;
  const before = place.at < caret;
  const from = Math.min(caret, place.at);
  const to = Math.max(caret, place.at);
  const between = ec.text.slice(from, to);
  const update = before ? text + between : between + text;
  // Monaco moves its caret after an update by columns on the update's last line: back over a line
  // break of the text it cannot, so there the caret stays after the text.
  const after = before || /[\r\n]/.test(text) ? from + update.length : caret;
  updateText(ec, from, to, update, after, dispatch);
  return true;
}

/**
 * Replaces `start`..`end` of an EditContext's text by `text` as the user's typing does (its editor
 * edits its model from textupdate), the caret then at `caret` in the new text.
 */
export function updateText(ec: EditContext, start: number, end: number, text: string, caret: number, dispatch: (event: Event) => void): void {
  dispatch(new TextUpdateEvent('textupdate', { updateRangeStart: start, updateRangeEnd: end, text, selectionStart: caret, selectionEnd: caret }));
  // The browser changes an EditContext before its own textupdate; a dispatched one changes nothing,
  // and Monaco writes its EditContext again only when it next renders. Until then the user's next
  // key went in at the old caret, and Monaco retyped the key's tail after its redacted form.
  ec.updateText(start, end, text);
  ec.updateSelection(caret, caret);
}

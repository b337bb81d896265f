import { fieldFromEvent, isTextControl, type Field } from './fields';

/**
 * Reading a field's text, either whole (a send, a one-off action) or only a bounded window around
 * the caret (each keystroke: a 200 KB field costs the same as a 600-character one), with a way back
 * from text offsets to the field (offsets in a text control, a DOM Range in a contenteditable).
 */

/** A part of the window that comes from one text node. */
interface Segment {
  node: Text;
  /** Offset in `node.data` where this segment starts. */
  nodeStart: number;
  /** Offset in the window text where this segment starts. */
  pos: number;
  len: number;
}

/** Where a slice of a field's text lives: offsets in a text control or an EditContext, or a Range in rich text. */
export type Located =
  | { kind: 'control'; el: HTMLTextAreaElement | HTMLInputElement; start: number; end: number }
  | { kind: 'range'; range: Range }
  | { kind: 'ec'; ec: EditContext; start: number; end: number };

/** The parts of the EditContext API (Chromium; not yet in TypeScript's DOM types) the guard uses. */
export interface EditContext extends EventTarget {
  readonly text: string;
  readonly selectionStart: number;
  readonly selectionEnd: number;
  updateText(rangeStart: number, rangeEnd: number, text: string): void;
  updateSelection(start: number, end: number): void;
}

/** The EditContext an element takes its typing through (Monaco's input element in Chromium), if any. */
export const editContextOf = (el: unknown): EditContext | undefined => (el as { editContext?: EditContext } | null)?.editContext ?? undefined;

/**
 * The field an event happened in, an element that takes its text through an EditContext included
 * (Monaco in Chromium: neither a text control nor contenteditable).
 */
export function editedFieldFromEvent(event: Event): Field | null {
  return fieldFromEvent(event) ?? (event.composedPath().find(editContextOf) as Field | undefined) ?? null;
}

export interface FieldText {
  text: string;
  /** The caret's offset in `text`, or -1 when unknown. */
  caret: number;
  /** The field's place for `text.slice(start, end)`, or null when it cannot be found (the DOM changed). */
  locate(start: number, end: number): Located | null;
}

const BREAKS = new Set([
  'br', 'p', 'div', 'li', 'pre', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr', 'td', 'th',
  'ul', 'ol', 'section', 'article', 'header', 'footer', 'table', 'dd', 'dt', 'figure', 'hr',
]);
const SHOW_ELEMENT_AND_TEXT = 0x1 | 0x4;

/** The whole text of a field. */
export function readField(field: Field): FieldText {
  if (editContextOf(field)) return readAroundCaret(field, Infinity);
  if (isTextControl(field)) return controlText(field, 0, field.value.length);
  return richText(field, null, Infinity);
}

/** The text within about `radius` characters either side of the caret. */
export function readAroundCaret(field: Field, radius: number): FieldText {
  const ec = editContextOf(field);
  if (ec) {
    // Only the text before the caret: Monaco (0.57) rewrites its EditContext's text from the start
    // with the current line and leaves stale characters after it, so what follows the caret can be
    // wrong while what precedes it is right. Offsets are the EditContext's own.
    const caret = ec.selectionEnd;
    const from = Math.max(0, caret - radius);
    const text = ec.text.slice(from, caret);
    return { text, caret: text.length, locate: (start, end) => ({ kind: 'ec', ec, start: from + start, end: from + end }) };
  }
  if (isTextControl(field)) {
    const caret = caretOf(field);
    return controlText(field, Math.max(0, caret - radius), caret + radius, caret);
  }
  const selection = selectionOf(field);
  const focus = selection?.focusNode;
  if (!focus || !field.contains(focus)) return richText(field, null, radius);
  return richText(field, { node: focus, offset: selection.focusOffset }, radius);
}

function caretOf(el: HTMLTextAreaElement | HTMLInputElement): number {
  try {
    return el.selectionEnd ?? el.value.length;
  } catch {
    // Inputs like type=email have no selection API.
    return el.value.length;
  }
}

function controlText(el: HTMLTextAreaElement | HTMLInputElement, from: number, to: number, caret = -1): FieldText {
  const text = el.value.slice(from, to);
  return {
    text,
    caret: caret < 0 ? -1 : caret - from,
    locate(start, end) {
      // The value may have changed since it was read: check the text is still there.
      if (el.value.slice(from + start, from + end) !== text.slice(start, end)) {
        const at = el.value.indexOf(text.slice(start, end));
        return at < 0 ? null : { kind: 'control', el, start: at, end: at + end - start };
      }
      return { kind: 'control', el, start: from + start, end: from + end };
    },
  };
}

/** The selection that covers a node: a shadow root's own selection where the browser has one. */
export function selectionOf(node: Node): Selection | null {
  const root = node.getRootNode() as Document | (ShadowRoot & { getSelection?: () => Selection | null });
  if ('getSelection' in root && typeof root.getSelection === 'function') {
    const own = root.getSelection();
    if (own) return own;
  }
  return node.ownerDocument?.getSelection() ?? null;
}

function isBreak(node: Node): boolean {
  return node.nodeType === 1 && BREAKS.has((node as Element).localName);
}

function lastDescendant(node: Node): Node {
  let n = node;
  while (n.lastChild) n = n.lastChild;
  return n;
}

/**
 * Text of a contenteditable. With no caret: the whole text (radius = Infinity) or its start. With a
 * caret: `radius` characters either side, walking text nodes outward from the caret, so the cost
 * does not grow with the field.
 */
function richText(host: HTMLElement, caret: { node: Node; offset: number } | null, radius: number): FieldText {
  const doc = host.ownerDocument;
  const walker = doc.createTreeWalker(host, SHOW_ELEMENT_AND_TEXT);
  const before: { node: Node; text: string; nodeStart: number }[] = [];
  const after: { node: Node; text: string; nodeStart: number }[] = [];

  let backFrom: Node | null = null;
  let forwardFrom: Node | null = null;
  if (!caret) {
    forwardFrom = walker.nextNode();
  } else if (caret.node.nodeType === 3) {
    const data = (caret.node as Text).data;
    const start = Math.max(0, caret.offset - radius);
    before.push({ node: caret.node, text: data.slice(start, caret.offset), nodeStart: start });
    after.push({ node: caret.node, text: data.slice(caret.offset, caret.offset + radius), nodeStart: caret.offset });
    walker.currentNode = caret.node;
    backFrom = walker.previousNode();
    walker.currentNode = caret.node;
    forwardFrom = nextOutside(walker, caret.node);
  } else {
    const child = caret.node.childNodes[caret.offset];
    if (child) {
      walker.currentNode = child;
      backFrom = walker.previousNode();
      forwardFrom = child;
    } else {
      backFrom = lastDescendant(caret.node);
      walker.currentNode = backFrom;
      forwardFrom = walker.nextNode();
    }
  }

  let count = before.reduce((n, p) => n + p.text.length, 0);
  for (let n: Node | null = backFrom; n && n !== host && count < radius; ) {
    if (n.nodeType === 3) {
      const data = (n as Text).data;
      const start = Math.max(0, data.length - (radius - count));
      before.push({ node: n, text: data.slice(start), nodeStart: start });
      count += data.length - start;
    } else if (isBreak(n)) {
      before.push({ node: n, text: '\n', nodeStart: -1 });
      count += 1;
    }
    walker.currentNode = n;
    n = walker.previousNode();
  }
  count = after.reduce((n, p) => n + p.text.length, 0);
  for (let n: Node | null = forwardFrom; n && count < radius; ) {
    if (n.nodeType === 3) {
      const data = (n as Text).data;
      const text = radius === Infinity ? data : data.slice(0, radius - count);
      after.push({ node: n, text, nodeStart: 0 });
      count += text.length;
    } else if (isBreak(n)) {
      after.push({ node: n, text: '\n', nodeStart: -1 });
      count += 1;
    }
    walker.currentNode = n;
    n = walker.nextNode();
  }

  before.reverse();
  const segments: Segment[] = [];
  let text = '';
  let caretAt = -1;
  const add = (part: { node: Node; text: string; nodeStart: number }) => {
    if (part.nodeStart < 0) {
      // A block boundary reads as one line break (never two in a row, never at the very start).
      if (text.length > 0 && !text.endsWith('\n')) text += '\n';
      return;
    }
    if (!part.text) return;
    segments.push({ node: part.node as Text, nodeStart: part.nodeStart, pos: text.length, len: part.text.length });
    text += part.text;
  };
  for (const part of before) add(part);
  if (caret) caretAt = text.length;
  for (const part of after) add(part);

  return {
    text,
    caret: caretAt,
    locate(start, end) {
      // A caret's place (start === end) may be after a node's last character: the end of the text.
      const caret = start === end;
      const first = segments.find((s) => start >= s.pos && (start < s.pos + s.len || (caret && start === s.pos + s.len)));
      const last = caret ? first : segments.find((s) => end > s.pos && end <= s.pos + s.len);
      if (!first || !last || !first.node.isConnected || !last.node.isConnected) return null;
      const range = doc.createRange();
      try {
        range.setStart(first.node, first.nodeStart + start - first.pos);
        range.setEnd(last.node, last.nodeStart + end - last.pos);
      } catch {
        return null;
      }
      if (range.toString().replace(/\s/g, '') !== text.slice(start, end).replace(/\s/g, '')) return null;
      return { kind: 'range', range };
    },
  };
}

/** The node after `node`'s whole subtree, in document order. */
function nextOutside(walker: TreeWalker, node: Node): Node | null {
  walker.currentNode = lastDescendant(node);
  return walker.nextNode();
}

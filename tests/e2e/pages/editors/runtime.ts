// What every fixture page does besides its editor: the page's own first handler, which records
// every event it sees (tests assert the key never reached it), a chat message list, and a table of
// fields the tests address by name.
import type { FixtureEditor } from './types';

declare global {
  interface Window {
    /** Everything the page's first handler saw, one string per event (see recordPageEvents). */
    __seen: string[];
    /** Messages the chat page sent. */
    __sent: string[];
    /** Files the page's own change handler received. */
    __uploads: string[];
    /** Forms the page's own submit handler received. */
    __submitted: string[];
    __kw: { fields: Record<string, FixtureEditor> };
  }
}

const RECORDED = ['keydown', 'keypress', 'beforeinput', 'input', 'textInput', 'compositionend', 'paste', 'drop', 'change', 'submit'];

/**
 * Registers the page's handlers as early as a page can: in the capture phase on window, from the
 * first script of the document. KeyWard's content script must still stop a key before these run.
 * In a same-origin frame the records go to the top page's list, so one list covers the whole tab.
 */
export function recordPageEvents(win: Window = window): void {
  let seen: string[] = [];
  try {
    if (win.parent !== win && Array.isArray(win.parent.__seen)) seen = win.parent.__seen;
  } catch {
    // Cross-origin parent: keep a list of our own.
  }
  win.__seen = seen;
  for (const type of RECORDED) {
    win.addEventListener(type, (event) => seen.push(describe(event)), true);
  }
}

/** One event as a string: its type and every piece of text the page could read from it. */
function describe(event: Event): string {
  const parts: string[] = [event.type];
  const e = event as Partial<KeyboardEvent & InputEvent & ClipboardEvent & DragEvent>;
  if (e.key) parts.push(`key=${e.key}`);
  if (typeof e.data === 'string') parts.push(`data=${e.data}`);
  const transfer = e.clipboardData ?? e.dataTransfer;
  if (transfer) {
    parts.push(`text=${transfer.getData('text/plain')}`, `html=${transfer.getData('text/html')}`);
    for (const file of Array.from(transfer.files)) readFile(event.type, file);
  }
  const target = (event.composedPath?.()[0] ?? event.target) as HTMLElement | null;
  if (target instanceof HTMLInputElement && target.type === 'file') {
    for (const file of Array.from(target.files ?? [])) readFile(event.type, file);
  } else if (target && 'value' in target && typeof target.value === 'string') {
    parts.push(`value=${target.value}`);
  } else if (target?.isContentEditable) {
    parts.push(`value=${target.textContent}`);
  }
  if (event.type === 'submit' && target instanceof HTMLFormElement) {
    for (const [name, value] of new FormData(target)) parts.push(`${name}=${typeof value === 'string' ? value : value.name}`);
  }
  return parts.join('|');
}

function readFile(type: string, file: File): void {
  const seen = window.__seen;
  seen.push(`${type}|file=${file.name}`);
  void file.text().then((text) => seen.push(`${type}|file=${file.name}|content=${text}`));
}

/** A textarea, input or plain contenteditable as a fixture field. */
export function plainField(el: HTMLElement): FixtureEditor {
  const isValue = el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement;
  return {
    kind: el instanceof HTMLTextAreaElement ? 'textarea' : el instanceof HTMLInputElement ? 'input' : 'contenteditable',
    target: () => el,
    text: () => (isValue ? (el as HTMLInputElement).value : (el.innerText ?? el.textContent ?? '')),
    focus: () => el.focus(),
    clear: () => {
      if (isValue) (el as HTMLInputElement).value = '';
      else el.textContent = '';
    },
    setText: (value) => {
      if (isValue) (el as HTMLInputElement).value = value;
      else el.textContent = value;
    },
  };
}

/** Chat behaviour: Enter (wired by the editor) or the send button, if the site has one, appends the composer's text to the message list. */
export function chat(composer: FixtureEditor, sendButton: HTMLElement | null, list: HTMLElement): () => void {
  window.__sent = [];
  const send = () => {
    const text = composer.text().trim();
    if (!text) return;
    window.__sent.push(text);
    const item = document.createElement('li');
    item.textContent = text;
    list.append(item);
    composer.clear();
  };
  sendButton?.addEventListener('click', (event) => {
    event.preventDefault();
    send();
  });
  return send;
}

/** Enter without Shift sends, as chat sites do for a plain textarea or contenteditable composer. */
export function enterSends(el: HTMLElement, send: () => void): void {
  el.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send();
    }
  });
}

/** The page's own file handler: records what it received and reads it, as an upload widget would. */
export function watchUploads(input: HTMLInputElement): void {
  window.__uploads = [];
  input.addEventListener('change', () => {
    for (const file of Array.from(input.files ?? [])) window.__uploads.push(file.name);
  });
}

/** The page's own submit handler: records the form's fields and stays on the page. */
export function watchSubmit(form: HTMLFormElement): void {
  window.__submitted = [];
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    window.__submitted.push(JSON.stringify(Object.fromEntries(new FormData(form))));
  });
}

/** Publishes the page's fields for the tests. */
export function publish(fields: Record<string, FixtureEditor>): void {
  window.__kw = { fields };
}

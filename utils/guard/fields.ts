/**
 * Which element a user is writing into, found generically: native text fields and contenteditable
 * editing hosts (ProseMirror, CodeMirror 6, Lexical, Quill, Slate all edit a contenteditable; Monaco
 * types into a hidden textarea), found through the event's composed path so open shadow roots are
 * pierced. No site-specific selectors.
 */

/** A field the guard reads and writes: a native text control or a contenteditable editing host. */
export type Field = HTMLTextAreaElement | HTMLInputElement | HTMLElement;

const TEXT_INPUT_TYPES = new Set(['text', 'password', 'search', 'url', 'email', 'tel', '']);

/** Whether an element is a textarea or a text-like input (text, password, search, url, …). */
export function isTextControl(el: unknown): el is HTMLTextAreaElement | HTMLInputElement {
  if (!isElement(el)) return false;
  const tag = el.localName;
  if (tag === 'textarea') return true;
  if (tag !== 'input') return false;
  return TEXT_INPUT_TYPES.has(((el as HTMLInputElement).getAttribute('type') ?? '').toLowerCase());
}

/** Whether a node is an element (works across frames, where `instanceof` fails). */
export function isElement(node: unknown): node is HTMLElement {
  return typeof node === 'object' && node !== null && (node as Node).nodeType === 1;
}

/** Whether an element is editable rich text (contenteditable, including `plaintext-only`). */
export function isContentEditable(el: unknown): el is HTMLElement {
  return isElement(el) && el.isContentEditable === true;
}

/** The outermost contenteditable ancestor of an editable element: the editor's root. */
export function editingHost(el: HTMLElement): HTMLElement {
  let host = el;
  for (;;) {
    const parent = parentAcrossShadow(host);
    if (!parent || !isContentEditable(parent)) return host;
    host = parent;
  }
}

function parentAcrossShadow(el: Element): HTMLElement | null {
  if (el.parentElement) return el.parentElement;
  const root = el.parentNode;
  // A shadow root's host is an element in the outer tree; an editor spanning it is rare, but cheap to follow.
  return root && (root as ShadowRoot).host && isElement((root as ShadowRoot).host) ? ((root as ShadowRoot).host as HTMLElement) : null;
}

/** The field a node belongs to, or null: the text control itself, or the editing host around it. */
export function fieldOf(node: unknown): Field | null {
  if (isTextControl(node)) return node;
  let el: unknown = node;
  if (!isElement(el)) el = (node as Node | null)?.parentNode ?? null;
  if (isContentEditable(el)) return editingHost(el);
  return null;
}

/**
 * The field an event happened in, from its composed path (so a field inside an open shadow root is
 * found even though the event is retargeted to the shadow host at window level).
 */
export function fieldFromEvent(event: Event): Field | null {
  for (const node of event.composedPath()) {
    const field = fieldOf(node);
    if (field) return field;
  }
  return null;
}

/** The focused element, looking inside open shadow roots. */
export function deepActiveElement(doc: Document): Element | null {
  let active = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** The field that has focus, or null. */
export function focusedField(doc: Document): Field | null {
  return fieldOf(deepActiveElement(doc));
}

/** All fields inside a container (a form or a composer area), including those in open shadow roots below it; at most `limit`. */
export function fieldsIn(container: Element | Document | ShadowRoot, limit = 50): Field[] {
  const found = new Set<Field>();
  const visit = (root: Element | Document | ShadowRoot): void => {
    for (const el of root.querySelectorAll<HTMLElement>('textarea, input, [contenteditable]')) {
      if (found.size >= limit) return;
      const field = fieldOf(el);
      if (field) found.add(field);
    }
  };
  visit(container);
  // Open shadow roots are not reached by querySelectorAll; editors in web components live there.
  for (const el of container.querySelectorAll<HTMLElement>('*')) {
    if (found.size >= limit) break;
    if (el.shadowRoot) visit(el.shadowRoot);
  }
  return [...found];
}

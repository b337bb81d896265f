import type { GuardCore } from './core';
import { isFromAlert, stopHard } from './events';
import { pageTransfer, settleFiles, toFileList } from './files';
import { isElement } from './fields';

/**
 * File inputs: when the user chooses files, the `input` and `change` events are stopped in the
 * capture phase and the input is emptied in the same listener, before any page task can run (a page
 * that polls `input.files` sees nothing). The files are read by content; the input gets them back
 * (as they were, or redacted) with fresh `input` + `change` events only when clean or chosen.
 *
 * `change` is not composed: from an input in a shadow root it never reaches the window. The composed
 * `input` that comes first does, and the guard then listens on that shadow root too. From a closed
 * root the window sees only the host, so the root is opened with the extension's own API
 * (`openOrClosedShadowRoot`) and the event is followed down to its input.
 */
export function installUpload(core: GuardCore): void {
  const reading = new WeakSet<HTMLInputElement>();
  const roots = new WeakSet<ShadowRoot>();
  let redispatching = false;

  const redispatch = (input: HTMLInputElement) => {
    redispatching = true;
    try {
      input.dispatchEvent(new core.win.Event('input', { bubbles: true, composed: true }));
      input.dispatchEvent(new core.win.Event('change', { bubbles: true }));
    } finally {
      redispatching = false;
    }
  };

  /** Lists handed to the page, so the input with a new choice is known in a closed root. */
  const delivered = new WeakMap<HTMLInputElement, FileList>();

  /**
   * The file input an event comes from. From a closed shadow root the window sees only the host: the
   * root is opened and the input found whose list is new (the focused one first).
   */
  const fileInputOf = (event: Event): HTMLInputElement | null => {
    let node = event.composedPath()[0] as Element | undefined;
    for (let depth = 0; isElement(node) && depth < 8; depth++) {
      if (node.localName === 'input') return (node as HTMLInputElement).type === 'file' ? (node as HTMLInputElement) : null;
      if (node.shadowRoot) return null;
      const root = closedRootOf(node);
      if (!root) return null;
      watchRoot(root);
      const inputs = [...root.querySelectorAll<HTMLInputElement>('input[type=file]')].filter((i) => i.files?.length && i.files !== delivered.get(i) && !reading.has(i));
      const active = root.activeElement;
      node = inputs.find((i) => i === active) ?? inputs[0] ?? active ?? undefined;
    }
    return null;
  };

  const watchRoot = (root: ShadowRoot) => {
    if (roots.has(root)) return;
    roots.add(root);
    for (const type of ['input', 'change']) root.addEventListener(type, onFiles, { capture: true, signal: core.deps.signal });
  };

  const onFiles = (event: Event) => {
    if (redispatching || isFromAlert(event)) return;
    const input = fileInputOf(event);
    if (!input) return;
    const root = input.getRootNode();
    if (root !== core.doc && isElement((root as ShadowRoot).host)) watchRoot(root as ShadowRoot);
    if (reading.has(input)) {
      // The `change` that follows the `input` of the same choice: held too.
      stopHard(event);
      return;
    }
    if (core.action('upload') === 'off') return;
    const files = [...(input.files ?? [])];
    if (files.length === 0) return;
    stopHard(event);
    // Emptied now, in this listener: no page task runs before it.
    input.files = pageTransfer(core.win).files;
    reading.add(input);
    void settleFiles(core, files, {
      trusted: event.isTrusted,
      kind: 'upload',
      anchor: input,
      deliver(chosen) {
        input.files = toFileList(core.win, chosen);
        if (input.files) delivered.set(input, input.files);
        redispatch(input);
      },
      withhold() {
        input.value = '';
      },
      remove() {
        input.value = '';
        redispatch(input);
      },
    }).finally(() => reading.delete(input));
  };

  core.listen('input', onFiles);
  core.listen('change', onFiles);
}

/** A closed shadow root, through the extension's own API (Firefox: `openOrClosedShadowRoot`; Chromium: `chrome.dom`). */
function closedRootOf(el: Element): ShadowRoot | null {
  const firefox = (el as { openOrClosedShadowRoot?: ShadowRoot | null }).openOrClosedShadowRoot;
  if (firefox !== undefined) return firefox;
  const dom = (globalThis as { chrome?: { dom?: { openOrClosedShadowRoot?(el: Element): ShadowRoot | null } } }).chrome?.dom;
  try {
    return dom?.openOrClosedShadowRoot?.(el) ?? null;
  } catch {
    return null;
  }
}

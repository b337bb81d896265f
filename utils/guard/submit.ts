import type { GuardCore } from './core';
import { modeOf } from './decide';
import { isFromAlert, stopHard } from './events';
import { readField } from './field-text';
import { fieldFromEvent, fieldsIn, isElement, type Field } from './fields';
import { replaceInField, USER_EVENT } from './insert';

/** Words that make a button a send button, in its label, title or text. */
const SEND_WORDS = /\b(send|submit|post|comment|reply|publish|save|create|share|ask|go)\b/i;
/** How far up from a send button the composer it belongs to is looked for. */
const COMPOSER_LEVELS = 6;

/**
 * The last line of defence: a form submit, Enter (or Ctrl/Cmd+Enter) in a field, or a click on a
 * send-like button, while the composer holds a key. All three are caught in the window's capture
 * phase, before the site's own handlers. Generic: forms, button labels and the field the user last
 * wrote in, no site-specific selectors.
 */
export function installSubmit(core: GuardCore): void {
  let resending = false;
  let lastField: Field | null = null;

  const remember = (event: Event) => {
    if (isFromAlert(event)) return;
    const field = fieldFromEvent(event);
    if (field) lastField = field;
  };
  core.listen('focusin', remember);
  core.listen('input', remember);

  // Keys already warned about in this task. One send can pass several checks in a row when warn mode
  // lets each event through: Enter in a form's input, the click it makes on the submit button, the
  // submit that click causes. Each key is warned about once.
  const warnedNow = new Set<string>();

  const hold = (event: Event, fields: Field[], resend: () => void): void => {
    const action = core.action('submit');
    if (action === 'off' || fields.length === 0) return;
    const texts = fields.map((f) => readField(f).text);
    const mode = modeOf(action);
    const findings = core.scan(...texts).filter((f) => mode !== 'warn' || !warnedNow.has(f.key));
    if (findings.length === 0) return;
    if (mode === 'warn') {
      // Forgotten once this task is over: the next send warns again.
      if (warnedNow.size === 0) setTimeout(() => warnedNow.clear());
      for (const f of findings) warnedNow.add(f.key);
    } else stopHard(event);
    const raw = new Map<string, string>();
    for (const text of texts) for (const f of core.deps.findKeys(text)) raw.set(f.key, text.slice(f.start, f.end));
    const replaceKeys = async (keys: ReadonlySet<string>, to: (key: string) => string) => {
      const map = new Map([...keys].map((k) => [raw.get(k) ?? k, to(k)]));
      for (const field of fields) await replaceInField(field, map);
    };
    void core.incident({
      kind: 'submit',
      mode,
      trusted: event.isTrusted,
      findings,
      anchor: fields[0] ?? null,
      message:
        mode === 'block'
          ? 'This message contains an API key. KeyWard held it back: nothing was sent.'
          : 'This message contained an API key and was sent.',
      async proceed(keys, why) {
        if (keys.size > 0) await replaceKeys(keys, (k) => core.deps.redact(k));
        // "Insert with key redacted" in block mode only cleans the composer; the user sends again.
        if (mode === 'redact' || why !== 'redacted') {
          resending = true;
          try {
            resend();
          } finally {
            resending = false;
          }
        }
      },
      async remove(keys) {
        await replaceKeys(keys, () => '');
      },
    });
  };

  core.listen('submit', (event) => {
    if (resending || isFromAlert(event)) return;
    const form = event.composedPath()[0] as HTMLFormElement;
    if (!isElement(form) || form.localName !== 'form') return;
    const submitter = (event as SubmitEvent).submitter ?? null;
    hold(event, fieldsIn(form), () => {
      try {
        form.requestSubmit(submitter as HTMLElement | null);
      } catch {
        // A submitter that is no longer the form's submit button.
        form.requestSubmit();
      }
    });
  });

  core.listen('keydown', (event) => {
    if (resending || event.key !== 'Enter' || event.shiftKey || event.altKey || event.isComposing || event.keyCode === 229) return;
    if (isFromAlert(event)) return;
    const field = fieldFromEvent(event);
    if (!field) return;
    const target = event.composedPath()[0] ?? field;
    const init: KeyboardEventInit & { keyCode: number; which: number } = {
      key: 'Enter',
      code: 'Enter',
      keyCode: 13,
      which: 13,
      ctrlKey: event.ctrlKey,
      metaKey: event.metaKey,
      ...USER_EVENT,
    };
    hold(event, [field], () => {
      const win = core.win;
      if (target.dispatchEvent(new win.KeyboardEvent('keydown', init))) target.dispatchEvent(new win.KeyboardEvent('keypress', init));
      target.dispatchEvent(new win.KeyboardEvent('keyup', init));
    });
  });

  core.listen('click', (event) => {
    if (resending || isFromAlert(event)) return;
    const button = sendButton(event);
    if (!button) return;
    // A form's submit button is checked here too, not only on submit: a page that sends from its own
    // click handler and cancels the click (chat composers do) never lets a submit event happen.
    hold(event, composerOf(button, lastField), () => button.click());
  });
}

/** The form a button submits when clicked, if any. */
function submittedForm(button: HTMLElement): HTMLFormElement | null {
  const form = (button as HTMLButtonElement).form;
  if (!form) return null;
  const type = (button.getAttribute('type') ?? '').toLowerCase();
  const submits = button.localName === 'button' ? type === '' || type === 'submit' : button.localName === 'input' && (type === 'submit' || type === 'image');
  return submits ? form : null;
}

/** The button clicked, when it is a form's submit button or looks like a send button. */
export function sendButton(event: Event): HTMLElement | null {
  for (const node of event.composedPath()) {
    if (!isElement(node)) continue;
    const tag = node.localName;
    const type = (node.getAttribute('type') ?? '').toLowerCase();
    const isButton = tag === 'button' || (tag === 'input' && ['submit', 'button', 'image'].includes(type)) || node.getAttribute('role') === 'button';
    if (!isButton) {
      if (tag === 'body' || tag === 'form') return null;
      continue;
    }
    if (submittedForm(node)) return node;
    const label = [node.getAttribute('aria-label'), node.getAttribute('title'), node.getAttribute('data-testid'), (node as HTMLInputElement).value, (node.textContent ?? '').slice(0, 80)]
      .filter(Boolean)
      .join(' ');
    return SEND_WORDS.test(label.replace(/[-_]/g, ' ')) ? node : null;
  }
  return null;
}

/** The composer a send button belongs to: its form, the field the user last wrote in nearby, or fields close above it. */
export function composerOf(button: HTMLElement, lastField: Field | null): Field[] {
  const form = (button as HTMLButtonElement).form;
  if (form) return fieldsIn(form);
  let level: Element | null = button;
  for (let i = 0; i < COMPOSER_LEVELS && level; i++) {
    level = level.parentElement ?? ((level.parentNode as ShadowRoot | null)?.host as Element | undefined) ?? null;
    if (!level || level.localName === 'body' || level.localName === 'html') break;
    if (lastField?.isConnected && containsComposed(level, lastField)) return [lastField];
    const near = [...level.querySelectorAll<HTMLElement>('textarea, [contenteditable="true"], [contenteditable=""], [contenteditable="plaintext-only"]')];
    if (near.length > 0 && near.length <= 5) return fieldsIn(level, 5);
  }
  return [];
}

function containsComposed(ancestor: Element, node: Node): boolean {
  let n: Node | null = node;
  while (n) {
    if (ancestor.contains(n)) return true;
    n = (n.getRootNode() as ShadowRoot).host ?? null;
  }
  return false;
}

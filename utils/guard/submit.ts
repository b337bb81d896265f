import type { GuardCore, GuardWindow } from './core';
import { modeOf } from './decide';
import { isFromAlert, stopHard } from './events';
import { readField } from './field-text';
import { fieldFromEvent, fieldOf, fieldsIn, isElement, type Field } from './fields';
import { replaceInField, USER_EVENT } from './insert';

/** How far up from a control the composer it belongs to is looked for. */
const COMPOSER_LEVELS = 6;

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

  // The press (pointerdown) already decided: the rest of it (mousedown, pointerup, mouseup, click) is
  // not decided again, and is stopped too when the press was held.
  let pressed: { control: Element; held: boolean; warned: string[] } | null = null;

  /** Holds (or warns about) a send; true when its fields held a key. */
  const hold = (event: Event, fields: Field[], resend: () => void): boolean => {
    const action = core.action('submit');
    if (action === 'off' || fields.length === 0) return false;
    const texts = fields.map((f) => readField(f).text);
    const mode = modeOf(action);
    const findings = core.scan(...texts).filter((f) => mode !== 'warn' || !warnedNow.has(f.key));
    if (findings.length === 0) return false;
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
      async proceed(keys, why) {
        if (keys.size > 0) await replaceKeys(keys, (k) => core.deps.redact(k));
        // Every way through sends: redact mode, "Send with key redacted", "Send anyway", allowlisted.
        if (why) {
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
    return true;
  };

  core.listen('submit', (event) => {
    if (resending || isFromAlert(event)) return;
    const form = event.composedPath()[0] as HTMLFormElement;
    if (!isElement(form) || form.localName !== 'form') return;
    const submitter = (event as SubmitEvent).submitter ?? null;
    hold(event, fieldsIn(form, Infinity), () => {
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

  const within = (control: Element, event: Event) => event.composedPath().includes(control);

  const press = (event: MouseEvent) => {
    if (resending || !event.isTrusted || event.button !== 0 || isFromAlert(event)) return;
    if (event.type === 'pointerdown') pressed = null;
    else if (pressed && within(pressed.control, event)) {
      if (pressed.held) stopHard(event);
      return;
    }
    const control = sendControl(event);
    if (!control) return;
    if (hold(event, composerOf(control, lastField), () => replayPress(core.win, control))) pressed = { control, held: event.defaultPrevented, warned: [...warnedNow] };
  };
  core.listen('pointerdown', press);
  core.listen('mousedown', press);
  const release = (event: MouseEvent) => {
    if (pressed?.held && within(pressed.control, event)) stopHard(event);
  };
  core.listen('pointerup', release);
  core.listen('mouseup', release);

  core.listen('click', (event) => {
    if (resending || isFromAlert(event)) return;
    if (pressed && within(pressed.control, event)) {
      if (pressed.held) stopHard(event);
      else if (pressed.warned.length > 0) {
        // Warned at the press: the submit this click makes (in the click's task, a later one in Firefox) is the same send.
        if (warnedNow.size === 0) setTimeout(() => warnedNow.clear());
        for (const k of pressed.warned) warnedNow.add(k);
      }
      pressed = null;
      return;
    }
    // A click with no press before it: the keyboard (Space, Enter on a button) or a script.
    const control = sendControl(event);
    if (!control) return;
    // A form's submit button is checked here too, not only on submit: a page that sends from its own
    // click handler and cancels the click (chat composers do) never lets a submit event happen.
    hold(event, composerOf(control, lastField), () => replayPress(core.win, control));
  });
}

/**
 * A press on a control played again for the page, as a mouse makes it (pointerdown to click): the
 * page's handler may listen to any of these events. Dispatched while the guard lets its own sends through.
 */
function replayPress(win: GuardWindow, control: HTMLElement): void {
  const init = { ...USER_EVENT, button: 0, buttons: 1 };
  const Pointer = win.PointerEvent ?? win.MouseEvent;
  control.dispatchEvent(new Pointer('pointerdown', { ...init, pointerId: 1, pointerType: 'mouse', isPrimary: true }));
  control.dispatchEvent(new win.MouseEvent('mousedown', init));
  control.dispatchEvent(new Pointer('pointerup', { ...init, buttons: 0, pointerId: 1, pointerType: 'mouse', isPrimary: true }));
  control.dispatchEvent(new win.MouseEvent('mouseup', { ...init, buttons: 0 }));
  control.click();
}

/** The form a button submits when clicked, if any. */
function submittedForm(button: HTMLElement): HTMLFormElement | null {
  const form = (button as HTMLButtonElement).form;
  if (!form) return null;
  const type = (button.getAttribute('type') ?? '').toLowerCase();
  const submits = button.localName === 'button' ? type === '' || type === 'submit' : button.localName === 'input' && (type === 'submit' || type === 'image');
  return submits ? form : null;
}

/** Whether an element is a button of some kind: `<button>`, a submit/button/image input, or `role=button`. */
function isButtonLike(el: HTMLElement): boolean {
  const tag = el.localName;
  const type = (el.getAttribute('type') ?? '').toLowerCase();
  return tag === 'button' || (tag === 'input' && ['submit', 'button', 'image'].includes(type)) || el.getAttribute('role') === 'button';
}

/**
 * The control a press or click is on, when it could send: a form's submit button, any other button
 * (its label does not matter: ChatGPT's and Claude's send buttons are icons), or an icon with no
 * words (an SVG in a plain element). Not a control that only opens a menu or toggles a state, a
 * disabled one, a reset button, a link, or anything inside a text field (that is editing).
 */
export function sendControl(event: Event): HTMLElement | null {
  const path = event.composedPath();
  let icon: HTMLElement | null = null;
  let previous: EventTarget | undefined;
  for (const node of path) {
    const below = previous;
    previous = node;
    if (!isElement(node)) continue;
    if (fieldOf(node)) return null;
    const tag = node.localName;
    if (tag === 'a' || tag === 'label') return null;
    if (tag === 'body' || tag === 'form' || tag === 'html') return icon;
    if (isButtonLike(node)) {
      if (submittedForm(node)) return node;
      const type = (node.getAttribute('type') ?? '').toLowerCase();
      const toggles = ['aria-haspopup', 'aria-expanded', 'aria-pressed'].some((a) => (node.getAttribute(a) ?? 'false') !== 'false');
      return type === 'reset' || toggles || (node as HTMLButtonElement).disabled || node.getAttribute('aria-disabled') === 'true' ? null : node;
    }
    // The plain element an icon sits in (a <div> or <span> with a click handler and an <svg>, no words).
    if (!icon && node.namespaceURI !== SVG && (below as Element | undefined)?.localName === 'svg' && !(node.textContent ?? '').trim()) icon = node;
  }
  return icon;
}

const SVG = 'http://www.w3.org/2000/svg';

/** The composer a control belongs to: its form (every field of it), the field the user last wrote in nearby, or fields close above it. */
export function composerOf(button: HTMLElement, lastField: Field | null): Field[] {
  const form = (button as HTMLButtonElement).form;
  if (form) return fieldsIn(form, Infinity);
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

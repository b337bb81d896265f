import type { AlertChoice, AlertRequest } from '../../utils/guard/alert';
import { t, tn, tNodes } from '../../utils/i18n';
import { alertWords, namedKeyWords } from './words';

/** What the alert's card needs from its host (components/alert/show.ts). */
export interface AlertCallbacks {
  /**
   * Checks an action that would let a key through ("… anyway", Confirm): null when it counts, else
   * why it was ignored ("the alert was covered"). Only a deliberate act of the user's counts.
   */
  vet(event: Event, button: Element): string | null;
  onChoose(choice: AlertChoice): void;
}

/** The alert's card, built and live in its shadow root. */
export interface AlertCard {
  readonly element: HTMLElement;
  /** Marks the card as accepting a choice that lets a key through (on screen, visibly, long enough). */
  setArmed(armed: boolean): void;
  /** Shows a changed request's title, message and keys. */
  update(request: Omit<AlertRequest, 'anchor'>): void;
  /** Moves focus to the first button (or the justification box): the keyboard shortcut's work. */
  focusFirst(): void;
}

let nextId = 0;

type Child = Node | string | null | false;

/**
 * Builds the in-page alert with plain DOM (no UI library: the content script's size budget). Every
 * string a page could influence (key labels, file names, the organisation's name) goes in as text,
 * never as markup. It never takes focus: what the user types keeps going into the field. A choice is
 * a click, or the keyboard once the user moved focus here (the shortcut, or Tab). Screen readers hear
 * it through its live region role (alert; status for the redact notice).
 */
export function createAlertCard(doc: Document, request: Omit<AlertRequest, 'anchor'>, { vet, onChoose }: AlertCallbacks): AlertCard {
  const { mode, event, keys, more = 0, counting = false, files, note, allowInsertAnyway, requireJustification, organization } = request;
  const words = alertWords(event, mode, keys.length + more, files, note, counting);
  const id = `keyward-alert-title-${++nextId}`;
  const h = <K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string>, ...children: Child[]): HTMLElementTagNameMap[K] => {
    const el = doc.createElement(tag);
    for (const name in attrs) el.setAttribute(name, attrs[name]!);
    el.append(...(children.filter(Boolean) as (Node | string)[]));
    return el;
  };
  const button = (className: string, label: string, onClick: (e: MouseEvent) => void) => {
    const b = h('button', { type: 'button', class: className }, label);
    b.addEventListener('click', onClick);
    return b;
  };
  const choose = (choice: AlertChoice) => () => onChoose(choice);
  const cancel = () => button('cancel', words.cancel, choose({ kind: 'cancel' }));

  let refusal: HTMLElement | undefined;
  /** The buttons, or the justification box that replaced them: a refusal is said just above. */
  let lower: HTMLElement;
  /** Runs `then` when the event is a vetted user act on its button; otherwise says on the alert why not. */
  const vetted = (e: Event, then: () => void) => {
    const why = vet(e, e.currentTarget as Element);
    if (!why) return then();
    const said = t('alert_ignored', why);
    refusal ??= h('p', { class: 'refusal', role: 'alert' });
    if (refusal.textContent !== said) refusal.textContent = said;
    if (!refusal.isConnected) lower.before(refusal);
  };

  lower = h(
    'div',
    { class: 'actions' },
    ...(mode === 'block'
      ? [
          // A file too big to check holds no key to redact.
          keys.length > 0 && button('insert-redacted primary', words.redacted, choose({ kind: 'redacted' })),
          allowInsertAnyway && button('insert-anyway', words.anyway, (e) => vetted(e, () => (requireJustification ? justify() : onChoose({ kind: 'anyway' })))),
          cancel(),
        ]
      : mode === 'warn'
        ? [button('remove-key primary', t('alert_removeKey'), choose({ kind: 'remove' })), button('dismiss', t('alert_dismiss'), choose({ kind: 'dismiss' }))]
        : [button('dismiss', t('alert_dismiss'), choose({ kind: 'dismiss' }))]),
  );

  let box: HTMLTextAreaElement | undefined;
  /** The user asked for the justification box (a vetted click): it replaces the buttons, and is where they type next. */
  const justify = () => {
    let justification = '';
    /** A trusted beforeinput came before the next input: the user typed (script edits fire none). */
    let typing = false;
    const confirm = button('confirm primary', t('alert_confirm'), (e) => {
      const why = justification.trim();
      if (why) vetted(e, () => onChoose({ kind: 'anyway', justification: why.slice(0, 1000) }));
    });
    confirm.disabled = true;
    box = h('textarea', { id: `${id}-why`, class: 'justification', maxlength: '1000' });
    box.addEventListener('beforeinput', (e) => (typing = e.isTrusted));
    box.addEventListener('input', (e) => {
      // Only the user's own typing counts: an edit with no trusted beforeinput first (execCommand from the page) is undone.
      if (e.isTrusted && typing) {
        justification = box!.value;
        confirm.disabled = justification.trim().length === 0;
      } else box!.value = justification;
      typing = false;
    });
    refusal?.remove();
    const justifyBox = h('div', { class: 'justify' }, h('label', { for: `${id}-why` }, t('alert_why')), box, h('div', { class: 'actions' }, confirm, cancel()));
    lower.replaceWith(justifyBox);
    lower = justifyBox;
    box.focus({ preventScroll: true });
  };

  const svg = (tag: string, attrs: Record<string, string>) => {
    const el = doc.createElementNS('http://www.w3.org/2000/svg', tag);
    for (const name in attrs) el.setAttribute(name, attrs[name]!);
    return el;
  };
  const mark = svg('svg', { class: 'mark', viewBox: '0 0 24 24', width: '20', height: '20', 'aria-hidden': 'true' });
  mark.append(
    svg('path', { d: 'M12 2 4 5v6c0 5 3.4 9.5 8 11 4.6-1.5 8-6 8-11V5z', fill: 'var(--warn)' }),
    svg('circle', { cx: '10', cy: '10.5', r: '2.6', fill: 'none', stroke: 'var(--bg)', 'stroke-width': '1.8' }),
    svg('path', { d: 'M12 12.3 16 16.3M14.4 14.7l1.3-1.3', stroke: 'var(--bg)', 'stroke-width': '1.8', 'stroke-linecap': 'round' }),
  );

  const heading = (w: typeof words) => h('h2', { id, class: 'title' }, mark, w.title);
  const details = (r: typeof request, w: typeof words) => {
    const { keys, more = 0, counting = false } = r;
    return h(
      'div',
      { id: `${id}-body` },
      h('p', { class: 'message' }, w.message),
      h(
        'ul',
        { class: 'keys', 'aria-label': t('alert_keysFound') },
        ...keys.map((k) =>
          h(
            'li',
            {},
            h('code', {}, k.redacted),
            ' ',
            h('span', { class: 'provider' }, k.label),
            k.name !== undefined && h('p', { class: 'named' }, namedKeyWords(k.name, k.meantFor ?? [])),
          ),
        ),
      ),
      counting ? h('p', { class: 'more' }, t('alert_stillCounting')) : more > 0 && h('p', { class: 'more' }, tn('alert_moreKeys', more)),
      !!organization?.name &&
        h(
          'p',
          { class: 'org' },
          t('alert_managedBy', organization.name!),
          !!organization.helpUrl && ' · ',
          !!organization.helpUrl && h('a', { href: organization.helpUrl, target: '_blank', rel: 'noopener noreferrer' }, t('policy_help')),
        ),
    );
  };
  let title = heading(words);
  let body = details(request, words);
  const card = h(
    'div',
    {
      class: `card ${mode}`,
      role: mode === 'redact' ? 'status' : 'alert',
      'aria-live': mode === 'redact' ? 'polite' : 'assertive',
      'aria-labelledby': id,
      'aria-describedby': `${id}-body`,
    },
    title,
    body,
    lower,
    // The DOM node goes where the translation puts it (tNodes is typed for Preact children, which a node is).
    h('p', { class: 'hint' }, ...(tNodes('alert_hint', h('kbd', {}, t('alert_shortcut'))) as (Node | string)[])),
  );

  card.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onChoose(mode === 'block' ? { kind: 'cancel' } : { kind: 'dismiss' });
    } else if (e.key === 'Tab') trapTab(e, card);
  });

  return {
    element: card,
    setArmed: (armed) => card.toggleAttribute('data-armed', armed),
    // The count and the keys listed (a big text's scan finishing); the buttons and what the user typed stay.
    update(next) {
      const w = alertWords(next.event, next.mode, next.keys.length + (next.more ?? 0), next.files, next.note, next.counting);
      const [t, b] = [heading(w), details(next, w)];
      title.replaceWith(t);
      body.replaceWith(b);
      [title, body] = [t, b];
    },
    focusFirst: () => (box ?? card.querySelector('button'))?.focus({ preventScroll: true }),
  };
}

/** Keeps Tab and Shift+Tab inside the alert once the user moved focus into it (Esc leaves). */
function trapTab(e: KeyboardEvent, root: HTMLElement): void {
  const focusable = [...root.querySelectorAll<HTMLElement>('button:not([disabled]), textarea, a[href]')];
  if (focusable.length === 0) return;
  const active = (root.getRootNode() as ShadowRoot).activeElement;
  const first = focusable[0]!;
  const last = focusable[focusable.length - 1]!;
  if (e.shiftKey && active === first) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && active === last) {
    e.preventDefault();
    first.focus();
  }
}

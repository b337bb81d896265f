import { Component, createRef } from 'preact';
import type { AlertChoice, AlertRequest } from '../../utils/guard/alert';
import { alertWords, SHORTCUT } from './words';

export interface AlertProps extends Omit<AlertRequest, 'anchor'> {
  /** True once the alert has been on screen and visible long enough for a choice that lets a key through. */
  armed: boolean;
  /**
   * Checks an action that would let a key through ("… anyway", Confirm): null when it counts, else
   * why it was ignored ("the alert was covered"). Only a deliberate act of the user's counts.
   */
  vet(event: Event, button: Element): string | null;
  onChoose(choice: AlertChoice): void;
}

let nextId = 0;

interface AlertState {
  justifying: boolean;
  justification: string;
  /** Why the last click was ignored, said on the alert. */
  refusal: string | null;
}

/**
 * The in-page alert. It never takes focus: what the user types keeps going into the field. A choice
 * is a click, or the keyboard once the user moved focus here (the shortcut, or Tab). Screen readers
 * hear it through its live region role (alert; status for the redact notice).
 * A class component, so the content script does not carry preact/hooks (its size budget).
 */
export class Alert extends Component<AlertProps, AlertState> {
  override state: AlertState = { justifying: false, justification: '', refusal: null };
  private readonly root = createRef<HTMLDivElement>();
  private readonly headingId = `keyward-alert-title-${++nextId}`;
  /** A trusted beforeinput came before the next input: the user typed (script edits fire none). */
  private typing = false;

  override componentDidUpdate(_: AlertProps, previous: AlertState): void {
    // The user asked for the justification box (a vetted click): the box is where they type next.
    if (!previous.justifying && this.state.justifying) this.root.current?.querySelector('textarea')?.focus({ preventScroll: true });
  }

  /** Moves focus to the first button: the keyboard shortcut's work. */
  focusFirst(): void {
    this.root.current?.querySelector<HTMLElement>(this.state.justifying ? 'textarea' : 'button')?.focus({ preventScroll: true });
  }

  private readonly onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      this.props.onChoose(this.props.mode === 'block' ? { kind: 'cancel' } : { kind: 'dismiss' });
    } else if (e.key === 'Tab') {
      trapTab(e, this.root.current);
    }
  };

  /** Runs `then` when the event is a vetted user act on `button`; otherwise says on the alert why not. */
  private vetted(e: Event, then: () => void): void {
    const refusal = this.props.vet(e, e.currentTarget as Element);
    if (refusal) this.setState({ refusal: `KeyWard ignored that click: ${refusal}.` });
    else then();
  }

  private readonly anyway = (e: MouseEvent) =>
    this.vetted(e, () => (this.props.requireJustification ? this.setState({ justifying: true, refusal: null }) : this.props.onChoose({ kind: 'anyway' })));

  private readonly confirm = (e: MouseEvent) => {
    const why = this.state.justification.trim();
    if (why) this.vetted(e, () => this.props.onChoose({ kind: 'anyway', justification: why.slice(0, 1000) }));
  };

  private readonly beforeInput = (e: Event) => {
    this.typing = e.isTrusted;
  };

  private readonly input = (e: Event) => {
    const box = e.currentTarget as HTMLTextAreaElement;
    // Only the user's own typing counts: an edit with no trusted beforeinput first (execCommand from the page) is undone.
    if (e.isTrusted && this.typing) this.setState({ justification: box.value });
    else box.value = this.state.justification;
    this.typing = false;
  };

  override render() {
    const { mode, event, keys, more = 0, counting = false, files, note, allowInsertAnyway, organization, armed, onChoose } = this.props;
    const { justifying, justification, refusal } = this.state;
    const words = alertWords(event, mode, keys.length + more, files, note, counting);
    const headingId = this.headingId;
    const choose = (choice: AlertChoice) => () => onChoose(choice);
    return (
      <div
        ref={this.root}
        class={`card ${mode}`}
        role={mode === 'redact' ? 'status' : 'alert'}
        aria-live={mode === 'redact' ? 'polite' : 'assertive'}
        aria-labelledby={headingId}
        aria-describedby={`${headingId}-body`}
        data-armed={armed ? '' : undefined}
        onKeyDown={this.onKeyDown}
      >
        <h2 id={headingId} class="title">
          <svg class="mark" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
            <path d="M12 2 4 5v6c0 5 3.4 9.5 8 11 4.6-1.5 8-6 8-11V5z" fill="var(--warn)" />
            <circle cx="10" cy="10.5" r="2.6" fill="none" stroke="var(--bg)" stroke-width="1.8" />
            <path d="M12 12.3 16 16.3M14.4 14.7l1.3-1.3" stroke="var(--bg)" stroke-width="1.8" stroke-linecap="round" />
          </svg>
          {words.title}
        </h2>
        <div id={`${headingId}-body`}>
          <p class="message">{words.message}</p>
          <ul class="keys" aria-label="Keys found">
            {keys.map((k) => (
              <li key={k.redacted}>
                <code>{k.redacted}</code> <span class="provider">{k.label}</span>
              </li>
            ))}
          </ul>
          {counting ? (
            <p class="more">…and more keys: still counting</p>
          ) : more > 0 ? (
            <p class="more">…and {more.toLocaleString()} more keys</p>
          ) : null}
          {organization?.name ? (
            <p class="org">
              Managed by {organization.name}
              {organization.helpUrl ? (
                <>
                  {' · '}
                  <a href={organization.helpUrl} target="_blank" rel="noopener noreferrer">
                    Help
                  </a>
                </>
              ) : null}
            </p>
          ) : null}
        </div>
        {refusal ? (
          <p class="refusal" role="alert">
            {refusal}
          </p>
        ) : null}
        {justifying ? (
          <div class="justify">
            <label for={`${headingId}-why`}>Why is this needed?</label>
            <textarea
              id={`${headingId}-why`}
              class="justification"
              maxLength={1000}
              value={justification}
              onBeforeInput={this.beforeInput}
              onInput={this.input}
            />
            <div class="actions">
              <button type="button" class="confirm primary" disabled={justification.trim().length === 0} onClick={this.confirm}>
                Confirm
              </button>
              <button type="button" class="cancel" onClick={choose({ kind: 'cancel' })}>
                {words.cancel}
              </button>
            </div>
          </div>
        ) : (
          <div class="actions">
            {mode === 'block' ? (
              <>
                {/* A file too big to check holds no key to redact. */}
                {keys.length > 0 ? (
                  <button type="button" class="insert-redacted primary" onClick={choose({ kind: 'redacted' })}>
                    {words.redacted}
                  </button>
                ) : null}
                {allowInsertAnyway ? (
                  <button type="button" class="insert-anyway" onClick={this.anyway}>
                    {words.anyway}
                  </button>
                ) : null}
                <button type="button" class="cancel" onClick={choose({ kind: 'cancel' })}>
                  {words.cancel}
                </button>
              </>
            ) : mode === 'warn' ? (
              <>
                <button type="button" class="remove-key primary" onClick={choose({ kind: 'remove' })}>
                  Remove key
                </button>
                <button type="button" class="dismiss" onClick={choose({ kind: 'dismiss' })}>
                  Dismiss
                </button>
              </>
            ) : (
              <button type="button" class="dismiss" onClick={choose({ kind: 'dismiss' })}>
                Dismiss
              </button>
            )}
          </div>
        )}
        <p class="hint">
          <kbd>{SHORTCUT.label}</kbd> to choose with the keyboard · from KeyWard
        </p>
      </div>
    );
  }
}

/** Keeps Tab and Shift+Tab inside the alert once the user moved focus into it (Esc leaves). */
function trapTab(e: KeyboardEvent, root: HTMLElement | null): void {
  if (!root) return;
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

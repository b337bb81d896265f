import { Component, createRef } from 'preact';
import type { EventKind } from '../../utils/policy/schema';

/** How the alert presents itself: a blocking dialog, a warning, or a short redaction notice. */
export type AlertMode = 'block' | 'warn' | 'redact';

/** One key as the alert shows it: only its redacted form, never the key. */
export interface AlertKey {
  redacted: string;
  /** The provider's name, e.g. "OpenAI". */
  label: string;
}

/** What the user chose. `anyway` comes only from a trusted click. */
export type AlertChoice =
  | { kind: 'redacted' }
  | { kind: 'anyway'; justification?: string }
  | { kind: 'cancel' }
  | { kind: 'remove' }
  | { kind: 'dismiss' };

export interface AlertProps {
  mode: AlertMode;
  event: EventKind;
  keys: readonly AlertKey[];
  /** How many more keys there are than `keys` lists (a paste of thousands lists the first ones). */
  more?: number;
  /** One sentence saying what happened, e.g. which file held the key. */
  message: string;
  /** A heading other than the mode's own (e.g. "File not checked" when no key was found but a file could not be read). */
  title?: string;
  allowInsertAnyway: boolean;
  requireJustification: boolean;
  organization?: { name?: string; helpUrl?: string };
  /**
   * Whether the alert takes focus when shown (the default). A warning about a message already on its
   * way does not: the key press that sent it (Enter) would otherwise land on the alert's first button.
   */
  takeFocus?: boolean;
  onChoose(choice: AlertChoice): void;
}

const TITLES: Record<AlertMode, string> = {
  block: 'API key stopped',
  warn: 'API key in this field',
  redact: 'API key redacted',
};

let nextId = 0;

interface AlertState {
  justifying: boolean;
  justification: string;
}

/**
 * The in-page alert: a keyboard-usable dialog (block, warn) or status notice (redact).
 * A class component, so the content script does not carry preact/hooks (its size budget).
 */
export class Alert extends Component<AlertProps, AlertState> {
  override state: AlertState = { justifying: false, justification: '' };
  private readonly root = createRef<HTMLDivElement>();
  private readonly headingId = `keyward-alert-title-${++nextId}`;

  override componentDidMount(): void {
    if (this.props.takeFocus !== false) this.focusFirst();
  }

  override componentDidUpdate(_: AlertProps, previous: AlertState): void {
    if (previous.justifying !== this.state.justifying) this.focusFirst();
  }

  private focusFirst(): void {
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

  private readonly anyway = (e: MouseEvent) => {
    // Only a real user's click lets a key through: a page script calling .click() is ignored.
    if (!e.isTrusted) return;
    if (this.props.requireJustification) this.setState({ justifying: true });
    else this.props.onChoose({ kind: 'anyway' });
  };

  private readonly confirm = (e: MouseEvent) => {
    const why = this.state.justification.trim();
    if (!e.isTrusted || why.length === 0) return;
    this.props.onChoose({ kind: 'anyway', justification: why.slice(0, 1000) });
  };

  override render() {
    const { mode, keys, message, allowInsertAnyway, organization, onChoose } = this.props;
    const { justifying, justification } = this.state;
    const headingId = this.headingId;
    const choose = (choice: AlertChoice) => () => onChoose(choice);
    return (
      <div
        ref={this.root}
        class={`card ${mode}`}
        role={mode === 'redact' ? 'status' : this.props.takeFocus === false ? 'alert' : 'alertdialog'}
        aria-labelledby={headingId}
        aria-describedby={`${headingId}-body`}
        onKeyDown={this.onKeyDown}
      >
        <h2 id={headingId} class="title">
          <span class="badge" aria-hidden="true">
            !
          </span>
          {this.props.title ?? TITLES[mode]}
        </h2>
        <div id={`${headingId}-body`}>
          <p class="message">{message}</p>
          <ul class="keys" aria-label="Keys found">
            {keys.map((k) => (
              <li key={k.redacted}>
                <code>{k.redacted}</code> <span class="provider">{k.label}</span>
              </li>
            ))}
          </ul>
          {this.props.more ? <p class="more">…and {this.props.more.toLocaleString()} more keys</p> : null}
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
        {justifying ? (
          <div class="justify">
            <label for={`${headingId}-why`}>Why is this needed?</label>
            <textarea
              id={`${headingId}-why`}
              class="justification"
              maxLength={1000}
              value={justification}
              onInput={(e) => this.setState({ justification: (e.currentTarget as HTMLTextAreaElement).value })}
            />
            <div class="actions">
              <button type="button" class="confirm primary" disabled={justification.trim().length === 0} onClick={this.confirm}>
                Confirm
              </button>
              <button type="button" class="cancel" onClick={choose({ kind: 'cancel' })}>
                Cancel
              </button>
            </div>
          </div>
        ) : (
          <div class="actions">
            {mode === 'block' ? (
              <>
                {keys.length ? (
                  <button type="button" class="insert-redacted primary" onClick={choose({ kind: 'redacted' })}>
                    Insert with key redacted
                  </button>
                ) : null}
                {allowInsertAnyway ? (
                  <button type="button" class="insert-anyway" onClick={this.anyway}>
                    Insert anyway
                  </button>
                ) : null}
                <button type="button" class="cancel" onClick={choose({ kind: 'cancel' })}>
                  Cancel
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
      </div>
    );
  }
}

/** Keeps Tab and Shift+Tab inside the alert. */
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

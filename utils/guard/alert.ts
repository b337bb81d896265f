import type { EventKind } from '../policy/schema';

/**
 * What the guard asks of its alert, and what it gets back: the one place these types live. The alert
 * itself (components/alert) is handed to the guard through {@link GuardDeps.showAlert}.
 */

/** How the alert presents itself: a blocking choice, a warning, or a short redaction notice. */
export type AlertMode = 'block' | 'warn' | 'redact';

/** One key as the alert shows it: only its redacted form, never the key. */
export interface AlertKey {
  redacted: string;
  /** The provider's name, e.g. "OpenAI". */
  label: string;
  /** The user's name for the key, when it is a named key seen off the sites it is meant for. */
  name?: string;
  /** Those sites (origins). */
  meantFor?: readonly string[];
}

/** What the user chose. `anyway` comes only from a trusted, deliberate action on a visible alert. */
export type AlertChoice =
  | { kind: 'redacted' }
  | { kind: 'anyway'; justification?: string }
  | { kind: 'cancel' }
  | { kind: 'remove' }
  | { kind: 'dismiss' };

/** What the guard asks the alert to show; the alert words it from the event and the mode. */
export interface AlertRequest {
  mode: AlertMode;
  event: EventKind;
  keys: readonly AlertKey[];
  /** The names of the files that held the key (upload, drop of files); the alert then speaks of attaching. */
  files?: readonly string[];
  /** How many more keys there are than `keys` lists (a paste of thousands lists the first ones). */
  more?: number;
  /**
   * The text is still being scanned (a paste of megabytes): the keys so far are listed, the count is a
   * lower bound, and {@link AlertHandle.update} brings the whole count.
   */
  counting?: boolean;
  /**
   * A sentence the alert adds to its own words, e.g. which files were too big to check. With no keys
   * at all, it is the whole message (a file that could not be checked).
   */
  note?: string;
  allowInsertAnyway: boolean;
  requireJustification: boolean;
  organization?: { name?: string; helpUrl?: string };
  /** The field (or element) the alert sits next to. */
  anchor?: Element | null;
}

/** An alert on screen: its answer, its host element, and a way to close it (resolved as Cancel/Dismiss). */
export interface AlertHandle {
  readonly result: Promise<AlertChoice>;
  /** The element the alert hangs from in the page: events from it are the guard's own, never the page's input. */
  readonly host: Element;
  close(): void;
  /** Shows new keys and counts (a big text's scan has ended); nothing once the alert is closed. */
  update(change: Pick<AlertRequest, 'keys' | 'more' | 'counting'>): void;
}

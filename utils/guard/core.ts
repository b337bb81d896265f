import type { AlertHandle, AlertKey, AlertRequest } from '../../components/alert/show';
import type { KeyFinding } from '../detect/types';
import type { SightingReport } from '../inventory/client';
import type { EffectiveSettings } from '../policy/store';
import type { Action, EventKind } from '../policy/schema';
import { actionFor, keyTag, outcomeOf, splitAllowed, uniqueKeys, type Choice } from './decide';

/**
 * The guard's core: what every interception (paste, drop, typing, submit, upload) shares. A handler
 * decides synchronously whether to stop an event, then hands an {@link Incident} here, which checks
 * the allowlist, shows the alert, carries out the user's choice and reports one sighting per key.
 */

/** A window with its DOM constructors (DataTransfer, ClipboardEvent, …), from whichever frame the guard runs in. */
export type GuardWindow = Window & typeof globalThis;

/** What the core needs from the extension; tests pass fakes and a happy-dom window. */
export interface GuardDeps {
  findKeys(text: string): KeyFinding[];
  settings(): EffectiveSettings;
  /** Whether the guard is on for this page (false when the user paused KeyWard on the site). */
  active(): boolean;
  fingerprint(key: string): Promise<string>;
  redact(key: string): string;
  providerLabel(provider: string): string;
  report(sighting: SightingReport): void;
  showAlert(doc: Document, request: AlertRequest): AlertHandle;
  signal: AbortSignal;
}

/** One event that carried keys, and how to carry out each answer. */
export interface Incident {
  kind: EventKind;
  /** `block` and `redact` mean the handler already stopped the event. */
  mode: 'block' | 'warn' | 'redact';
  /**
   * false: the event was made by the page's script (`isTrusted` false), not by the user. It is
   * handled the same way, but is not the user's sighting: nothing is recorded, so a page cannot fill
   * the inventory with keys of its own.
   */
  trusted?: boolean;
  findings: readonly KeyFinding[];
  anchor: Element | null;
  /** One sentence for the alert, e.g. "You pasted an API key. KeyWard stopped it before the page saw it." */
  message: string;
  /**
   * Lets the stopped content through, with the keys in `redact` replaced by their redacted forms
   * (an empty set: as it was). Called for "Insert with key redacted", "Insert anyway", redact mode,
   * and when every key is allowlisted.
   */
  proceed?(redact: ReadonlySet<string>, why: 'redacted' | 'anyway' | 'allowed'): void | Promise<void>;
  /** warn: takes the keys back out of where they went ("Remove key"). */
  remove?(keys: ReadonlySet<string>): void | Promise<void>;
  /** block: the user cancelled; undo anything the handler did to hold the content. */
  cancel?(): void | Promise<void>;
}

export interface GuardCore {
  readonly win: GuardWindow;
  readonly doc: Document;
  readonly deps: GuardDeps;
  /** The action for an event kind: 'off' when the guard is paused on this site. */
  action(kind: EventKind): Action;
  /** Keys in a text, one per distinct key, leaving out keys the user already let through on this page. */
  scan(...texts: string[]): KeyFinding[];
  /** Handles an incident to its end (allowlist, alert, choice, sightings). */
  incident(incident: Incident): Promise<void>;
  /** Remembers keys the user let through on this page, so they never alert again here. */
  accept(keys: Iterable<string>): void;
  isAccepted(key: string): boolean;
  /** Adds a capture-phase listener on the window, removed when the guard stops. */
  listen<K extends keyof WindowEventMap>(type: K, fn: (e: WindowEventMap[K]) => void): void;
  /** The page's origin and path for sightings (never the query or fragment). */
  where(): { origin: string; path: string };
}

/** Creates the core for one window (one frame). */
export function createCore(win: GuardWindow, deps: GuardDeps): GuardCore {
  const accepted = new Set<number>();
  const doc = win.document;

  const where = () => {
    let loc: Location = win.location;
    // about:blank and srcdoc frames belong to the page that made them.
    if (!/^https?:$/.test(loc.protocol)) {
      try {
        loc = win.parent.location;
        void loc.pathname;
      } catch {
        loc = win.location;
      }
    }
    return { origin: loc.origin, path: loc.pathname };
  };

  const reportAll = (items: readonly { finding: KeyFinding; fingerprint: string }[], kind: EventKind, choice: Choice | 'allowed', justification?: string) => {
    const place = where();
    for (const { finding, fingerprint } of items) {
      deps.report({
        fingerprint,
        redacted: deps.redact(finding.key),
        provider: finding.provider,
        type: finding.type,
        rule: finding.rule,
        origin: place.origin,
        path: place.path,
        event: kind,
        outcome: choice === 'allowed' ? 'allowed' : outcomeOf(choice),
        ...(justification ? { justification } : {}),
      });
    }
  };

  const core: GuardCore = {
    win,
    doc,
    deps,
    action(kind) {
      return deps.active() ? actionFor(kind, deps.settings().settings) : 'off';
    },
    scan(...texts) {
      const all: KeyFinding[] = [];
      for (const text of texts) if (text) all.push(...deps.findKeys(text));
      return uniqueKeys(all).filter((f) => !accepted.has(keyTag(f.key)));
    },
    accept(keys) {
      for (const key of keys) accepted.add(keyTag(key));
    },
    isAccepted(key) {
      return accepted.has(keyTag(key));
    },
    listen(type, fn) {
      win.addEventListener(type, fn as EventListener, { capture: true, signal: deps.signal });
    },
    where,
    async incident(incident) {
      const record = incident.trusted === false ? () => {} : reportAll;
      const keys = uniqueKeys(incident.findings);
      const items = await Promise.all(keys.map(async (finding) => ({ finding, fingerprint: await deps.fingerprint(finding.key) })));
      const { settings, organization } = deps.settings();
      const { allowed, flagged } = splitAllowed(items, settings.allowlist);
      record(allowed, incident.kind, 'allowed');
      if (flagged.length === 0) {
        if (incident.mode !== 'warn') await incident.proceed?.(new Set(), 'allowed');
        return;
      }
      const flaggedKeys = new Set(flagged.map((i) => i.finding.key));
      const alertKeys: AlertKey[] = flagged.map((i) => ({ redacted: deps.redact(i.finding.key), label: deps.providerLabel(i.finding.provider) }));
      const base = { event: incident.kind, keys: alertKeys, anchor: incident.anchor, organization };

      if (incident.mode === 'redact') {
        record(flagged, incident.kind, 'redacted');
        await incident.proceed?.(flaggedKeys, 'redacted');
        deps.showAlert(doc, {
          ...base,
          mode: 'redact',
          message: `KeyWard redacted ${flagged.length === 1 ? 'an API key' : `${flagged.length} API keys`}: only the redacted form went in.`,
          allowInsertAnyway: false,
          requireJustification: false,
        });
        return;
      }

      const handle = deps.showAlert(doc, {
        ...base,
        mode: incident.mode,
        // A send that warn mode lets through is already under way: its key press must not reach the alert.
        takeFocus: !(incident.kind === 'submit' && incident.mode === 'warn'),
        message: incident.message,
        allowInsertAnyway: settings.allowInsertAnyway,
        requireJustification: settings.requireJustification,
      });
      const answer = await handle.result;
      let choice: Choice = answer.kind;
      if (choice === 'anyway' && !settings.allowInsertAnyway) choice = 'cancel';
      try {
        if (choice === 'redacted') await incident.proceed?.(flaggedKeys, 'redacted');
        else if (choice === 'anyway') {
          core.accept(flaggedKeys);
          await incident.proceed?.(new Set(), 'anyway');
        } else if (choice === 'remove') await incident.remove?.(flaggedKeys);
        else if (choice === 'cancel') await incident.cancel?.();
      } finally {
        // The user's choice is what the inventory records, even if the page refused the edit.
        record(flagged, incident.kind, choice, answer.kind === 'anyway' ? answer.justification : undefined);
      }
    },
  };
  return core;
}

import type { KeyFinding } from '../detect/types';
import type { SightingReport } from '../inventory/client';
import type { EffectiveSettings } from '../policy/store';
import type { Action, EventKind } from '../policy/schema';
import type { AlertHandle, AlertKey, AlertRequest } from './alert';
import { pageLocation } from './page-location';
import { actionFor, keyTag, outcomeOf, replaceFindings, splitKeys, uniqueKeys, type Choice } from './decide';
import { ownAlertHost } from './events';
import { SLICE, sliceFindings } from './slices';

/** How many keys the alert lists; it counts the rest ("…and 99,980 more keys"). */
const ALERT_LIST = 20;
/** Keys fingerprinted and reported per task. */
const CHUNK = 1_000;
/** A big text's scan after the decision: slices scanned in one task before the page gets a turn. */
const SCAN_TASK_MS = 15;
/** How long the alert waits for a big text's whole count before it shows the first keys and counts on. */
const COUNT_WAIT_MS = 150;

/** A key with its fingerprint. */
type Printed = { finding: KeyFinding; fingerprint: string };

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
  /** Shows the alert (one per document: a new one closes the previous one) without taking focus. */
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
  /** Every key, when `findings` are only the first ones (a big text is scanned to its end after the decision, between tasks). */
  all?: Promise<readonly KeyFinding[]>;
  anchor: Element | null;
  /** The names of the files that held the keys (upload, drop of files); the alert words the rest from `kind` and `mode`. */
  files?: readonly string[];
  /** A sentence the alert adds to its own words (e.g. which files were too big to check). */
  note?: string;
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
  /**
   * Keys in texts, for a decision inside an event: every key of small texts; of a big one, the keys of
   * its first slices up to the first holding any, and `all`, the scan finished between tasks.
   */
  scanToDecide(...texts: string[]): { findings: KeyFinding[]; all?: Promise<KeyFinding[]> };
  /** The text with the keys in `keys` redacted; a big text is redacted slice by slice between tasks. */
  redactKeys(text: string, keys: ReadonlySet<string>): Promise<string>;
  /** Handles an incident to its end (allowlist, alert, choice, sightings). */
  incident(incident: Incident): Promise<void>;
  /** Remembers keys the user let through on this page, so they never alert again here. */
  accept(keys: Iterable<string>): void;
  isAccepted(key: string): boolean;
  /** Adds a capture-phase listener on the window, removed when the guard stops. */
  listen<K extends keyof WindowEventMap>(type: K, fn: (e: WindowEventMap[K]) => void): void;
  /** The page's origin and path for sightings (never the query or fragment). */
  where(): { origin: string; path: string };
  /** Closes the alert this guard has on screen, if any (its answer is Cancel / Dismiss). */
  closeAlert(): void;
  /** Shows an alert that is not about keys of an incident (a file too big to check), as the guard's own. */
  showAlert(request: AlertRequest): AlertHandle;
}

/** Creates the core for one window (one frame). */
export function createCore(win: GuardWindow, deps: GuardDeps): GuardCore {
  const accepted = new Set<number>();
  const doc = win.document;
  // The window listeners, removed together when the guard stops: one abort listener rather than the
  // signal on each of them (about 2 µs each at page load).
  const listening: [string, EventListener][] = [];
  deps.signal.addEventListener('abort', () => {
    for (const [type, fn] of listening.splice(0)) win.removeEventListener(type, fn, true);
  });
  let shown: AlertHandle | undefined;
  let watchingPagehide = false;
  const show = (request: AlertRequest): AlertHandle => {
    // An alert left open when the page goes away still reports its sighting (as Cancel / Dismiss).
    // Listened for from the first alert on, not at page load: the first pagehide listener costs there.
    if (!watchingPagehide) {
      watchingPagehide = true;
      core.listen('pagehide', () => shown?.close());
    }
    const handle = deps.showAlert(doc, request);
    ownAlertHost(handle.host);
    shown = handle;
    void handle.result.then(() => shown === handle && (shown = undefined));
    return handle;
  };

  const where = () => {
    const loc = pageLocation(win);
    return { origin: loc.origin, path: withoutKeys(decodePath(loc.pathname)) };
  };

  /** Text the inventory keeps (a path, a justification) with every key in it redacted: a URL or a reason can hold one. */
  const withoutKeys = (text: string): string => replaceFindings(text, deps.findKeys(text), (f) => deps.redact(f.key));

  /** The promise's value if it settles within `ms`, else undefined. */
  const within = <T>(promise: Promise<T>, ms: number) =>
    new Promise<T | undefined>((resolve) => {
      const timer = win.setTimeout(() => resolve(undefined), ms);
      void promise.then((value) => (win.clearTimeout(timer), resolve(value)));
    });

  /** Lets the page run between chunks of a long job (16 MB of keys is 100,000 fingerprints and sightings). */
  const pause = () => new Promise<void>((resolve) => win.setTimeout(resolve, 0));

  /** Fingerprints in chunks (WebCrypto is asynchronous; starting 100,000 digests at once would hold the page). */
  const fingerprintAll = async (findings: readonly KeyFinding[]) => {
    const items: Printed[] = [];
    for (let i = 0; i < findings.length; i += CHUNK) {
      const chunk = findings.slice(i, i + CHUNK);
      items.push(...(await Promise.all(chunk.map(async (finding) => ({ finding, fingerprint: await deps.fingerprint(finding.key) })))));
    }
    return items;
  };

  let incidents = 0;
  /** One sighting per key of one user event (`incident`), reported a chunk at a time (at once for keys already fingerprinted). */
  const reportAll = (incident: string) => async (keys: readonly Printed[] | readonly KeyFinding[], kind: EventKind, choice: Choice | 'allowed' | 'given', justification?: string) => {
    const place = where();
    const why = justification ? withoutKeys(justification) : undefined;
    for (let i = 0; i < keys.length; i += CHUNK) {
      const chunk = keys.slice(i, i + CHUNK);
      const items = chunk.every((k): k is Printed => 'fingerprint' in k) ? chunk : await fingerprintAll(chunk as KeyFinding[]);
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
          outcome: choice === 'allowed' || choice === 'given' ? choice : outcomeOf(choice),
          ...(why ? { justification: why } : {}),
          incident,
        });
      }
      if (i + CHUNK < keys.length) await pause();
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
    scanToDecide(...texts) {
      if (texts.every((t) => t.length <= SLICE)) return { findings: core.scan(...texts) };
      const slices = texts.map((t) => sliceFindings(t, deps.findKeys));
      // Kept one per key as each slice comes, so no step goes over all of a big text's keys at once.
      const seen = new Set<string>();
      const found: KeyFinding[] = [];
      const take = (findings: KeyFinding[]) => {
        for (const f of findings) if (!seen.has(f.key) && seen.add(f.key) && (accepted.size === 0 || !accepted.has(keyTag(f.key)))) found.push(f);
      };
      let t = 0;
      for (; t < slices.length && found.length === 0; t++) {
        for (let r = slices[t]!.next(); !r.done && (take(r.value), found.length === 0); r = slices[t]!.next());
      }
      if (found.length === 0) return { findings: [] };
      const first = [...found];
      // The decision is made on the first keys; the rest of the text is scanned between tasks, as many
      // slices a task as fit in SCAN_TASK_MS (a pause per slice cost 4 ms of timer clamping each).
      t -= 1;
      const all = (async () => {
        let since = -Infinity;
        for (; t < slices.length; t++) {
          for (;;) {
            if (win.performance.now() - since >= SCAN_TASK_MS) {
              await pause();
              since = win.performance.now();
            }
            const r = slices[t]!.next();
            if (r.done) break;
            take(r.value);
          }
        }
        return found;
      })();
      return { findings: first, all };
    },
    async redactKeys(text, keys) {
      const to = (f: KeyFinding) => (keys.has(f.key) ? deps.redact(f.key) : undefined);
      if (keys.size === 0) return text;
      if (text.length <= SLICE) return replaceFindings(text, deps.findKeys(text), to);
      const parts: string[] = [];
      let at = 0;
      let since = win.performance.now();
      for (const found of sliceFindings(text, deps.findKeys)) {
        for (const f of found) {
          const redacted = to(f);
          if (redacted === undefined || f.start < at) continue;
          parts.push(text.slice(at, f.start), redacted);
          at = f.end;
        }
        if (win.performance.now() - since >= SCAN_TASK_MS) {
          await pause();
          since = win.performance.now();
        }
      }
      parts.push(text.slice(at));
      return parts.join('');
    },
    accept(keys) {
      for (const key of keys) accepted.add(keyTag(key));
    },
    isAccepted(key) {
      return accepted.has(keyTag(key));
    },
    listen(type, fn) {
      if (deps.signal.aborted) return;
      win.addEventListener(type, fn as EventListener, true);
      listening.push([type, fn as EventListener]);
    },
    where,
    closeAlert: () => shown?.close(),
    showAlert: (request) => show(request),
    async incident(incident) {
      // A script-made event is handled the same way, but is not the user's sighting.
      // One tag per user event: the inventory's per-tab bound counts events, however many keys they carry.
      const tag = String((incidents += 1));
      const record = incident.trusted === false ? async () => {} : reportAll(tag);
      const { settings, organization } = deps.settings();
      // A big text is still being scanned between tasks: the alert waits a moment for the whole count,
      // then shows the first keys and counts on (the alert updates when the scan ends).
      const whole = incident.all ? await within(incident.all, COUNT_WAIT_MS) : uniqueKeys(incident.findings);
      let counting = whole ? undefined : incident.all;
      // Fingerprints before the alert: for the allowlist and named keys, and for a few keys (cheap).
      // Thousands of keys are fingerprinted after it, as they are reported, so the alert comes at once.
      const named = settings.namedKeys;
      const flag = async (keys: readonly KeyFinding[]): Promise<{ flagged: readonly Printed[] | readonly KeyFinding[]; allowed: readonly Printed[]; given: readonly Printed[] }> =>
        settings.allowlist.length === 0 && named.length === 0 && keys.length > CHUNK
          ? { flagged: keys, allowed: [], given: [] }
          : splitKeys(await fingerprintAll(keys), settings.allowlist, named, where().origin);
      let first = await flag(whole ?? uniqueKeys(incident.findings));
      if (counting && first.flagged.length === 0) {
        // Every key found so far is allowlisted or given: only the whole text can say whether to alert.
        first = await flag(await counting);
        counting = undefined;
      }
      const final = counting ? counting.then(flag) : Promise.resolve(first);
      void final.then(async (s) => {
        await record(s.allowed, incident.kind, 'allowed');
        await record(s.given, incident.kind, 'given');
      });
      if (first.flagged.length === 0) {
        if (incident.mode !== 'warn') await incident.proceed?.(new Set(), 'allowed');
        return;
      }
      const findingOf = (k: Printed | KeyFinding): KeyFinding => ('fingerprint' in k ? k.finding : k);
      const keysOf = (flagged: readonly Printed[] | readonly KeyFinding[]) => new Set(flagged.map((k: Printed | KeyFinding) => findingOf(k).key));
      /** The first keys the alert lists, and how many more there are. */
      const listed = (flagged: readonly Printed[] | readonly KeyFinding[]) => {
        const keys: AlertKey[] = flagged.slice(0, ALERT_LIST).map((k: Printed | KeyFinding) => {
          const f = findingOf(k);
          // A named key out of place: the alert says which key it is and where it is meant to go.
          const mine = 'fingerprint' in k ? named.find((n) => n.fingerprint === k.fingerprint) : undefined;
          return { redacted: deps.redact(f.key), label: deps.providerLabel(f.provider), ...(mine ? { name: mine.name, meantFor: mine.sites } : {}) };
        });
        return { keys, more: flagged.length - keys.length };
      };
      const base = {
        event: incident.kind,
        ...listed(first.flagged),
        ...(counting ? { counting: true } : {}),
        anchor: incident.anchor,
        organization,
        ...(incident.files ? { files: incident.files } : {}),
        ...(incident.note ? { note: incident.note } : {}),
      };

      if (incident.mode === 'redact') {
        const notice: AlertRequest = { ...base, mode: 'redact', allowInsertAnyway: false, requireJustification: false };
        // A big text's notice comes at once, its count when the scan ends; the redaction needs every key.
        const early = counting ? show(notice) : undefined;
        const { flagged } = await final;
        void record(flagged, incident.kind, 'redacted');
        await incident.proceed?.(keysOf(flagged), 'redacted');
        if (early) early.update({ ...listed(flagged), counting: false });
        else show(notice);
        return;
      }

      const handle = show({
        ...base,
        mode: incident.mode,
        allowInsertAnyway: settings.allowInsertAnyway,
        requireJustification: settings.requireJustification,
      });
      if (counting) void final.then(({ flagged }) => handle.update({ ...listed(flagged), counting: false }));
      const answer = await handle.result;
      // The choice covers every key of the text: a user who answers before the scan ends waits for it.
      const { flagged } = await final;
      const flaggedKeys = keysOf(flagged);
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
        void record(flagged, incident.kind, choice, answer.kind === 'anyway' ? answer.justification : undefined);
      }
    },
  };
  return core;
}

/** A URL path as the user reads it (`%2D` as `-`), so a key written with escapes is found; left as it is when not valid. */
function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

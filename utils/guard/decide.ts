import type { KeyFinding } from '../detect/types';
import type { Outcome } from '../inventory/sighting';
import type { Action, EventKind, NamedKey, Settings } from '../policy/schema';

/**
 * The guard's decisions, free of the DOM: what to do for an event kind, which keys are allowlisted,
 * what a user's choice means for the inventory, and the redacted text.
 */

/** What the alert asked and the user answered. */
export type Choice = 'redacted' | 'anyway' | 'cancel' | 'remove' | 'dismiss';

/** The action the settings give an event kind ('off' when the settings have none). */
export function actionFor(kind: EventKind, settings: Pick<Settings, 'actions'>): Action {
  return settings.actions[kind] ?? 'off';
}

/** The alert mode for an action that is not 'off'. */
export function modeOf(action: Action): 'block' | 'warn' | 'redact' {
  return action === 'block' || action === 'redact' ? action : 'warn';
}

/** One finding per distinct key, in text order. */
export function uniqueKeys(findings: readonly KeyFinding[]): KeyFinding[] {
  const seen = new Set<string>();
  return findings.filter((f) => !seen.has(f.key) && seen.add(f.key));
}

/**
 * A quick in-memory tag for a key (53-bit hash), so the page's content script can remember keys the
 * user let through without keeping the keys themselves. Not a fingerprint: never leaves the page.
 */
export function keyTag(key: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * Splits findings (with their fingerprints) into allowlisted ones, named keys on a site they are meant
 * for (`given`: handed over on purpose), and the flagged rest, which raise the alert.
 */
export function splitKeys<T extends { fingerprint: string }>(
  items: readonly T[],
  allowlist: readonly string[],
  named: readonly NamedKey[],
  origin: string,
): { allowed: T[]; given: T[]; flagged: T[] } {
  const allow = new Set(allowlist);
  const meantHere = new Set(named.filter((n) => n.sites.includes(origin)).map((n) => n.fingerprint));
  const split = { allowed: [] as T[], given: [] as T[], flagged: [] as T[] };
  for (const item of items) (allow.has(item.fingerprint) ? split.allowed : meantHere.has(item.fingerprint) ? split.given : split.flagged).push(item);
  return split;
}

const OUTCOMES: Record<Choice, Outcome> = { redacted: 'redacted', anyway: 'inserted-anyway', remove: 'removed', dismiss: 'warned', cancel: 'blocked' };

/** The inventory outcome of a user's choice in an alert. */
export function outcomeOf(choice: Choice): Outcome {
  return OUTCOMES[choice];
}

/**
 * The text with some findings replaced: `replacement` gives the new text for a finding, or
 * undefined to keep it. Findings must be sorted and not overlap (as the detector returns them).
 */
export function replaceFindings(text: string, findings: readonly KeyFinding[], replacement: (f: KeyFinding) => string | undefined): string {
  let out = '';
  let at = 0;
  for (const f of findings) {
    const to = replacement(f);
    if (to === undefined || f.start < at) continue;
    out += text.slice(at, f.start) + to;
    at = f.end;
  }
  return out + text.slice(at);
}

/** The raw slices of a text that hold the findings (they may differ from `key` by invisible characters). */
export function rawSlices(text: string, findings: readonly KeyFinding[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of findings) out.set(f.key, text.slice(f.start, f.end));
  return out;
}

/** Whether a finding touches a caret offset (the key this edit made or changed). */
export function touches(finding: Pick<KeyFinding, 'start' | 'end'>, caret: number): boolean {
  return caret >= finding.start && caret <= finding.end;
}

import type { Outcome } from './outcomes';

/**
 * What a user must do about a key, from what happened to it. Zod-free and tiny: the popup, the badge
 * and the options page all decide with this one module, so a status means the same thing everywhere.
 *
 * - `exposed`: the key reached a page (inserted anyway, or let through after a warning): rotate it.
 * - `stopped`: KeyWard kept it from every page it was seen on.
 * - `given`: it reached only pages it is meant for (a named key handed to a vendor on purpose).
 * - `rotated`: the user marked it rotated, and no copy reached a page since.
 * - `exposed-again`: marked rotated, then reached a page again: the key was not replaced everywhere.
 */
export type KeyStatus = 'exposed-again' | 'exposed' | 'rotated' | 'given' | 'stopped';

/** Every status, most urgent first (the order of the status sort). */
export const KEY_STATUSES: readonly KeyStatus[] = ['exposed-again', 'exposed', 'rotated', 'given', 'stopped'];

/**
 * The outcomes that let a key reach the page. `allowed` and `given` are not: an allowlisted fingerprint
 * is a key declared safe to paste, such as a test key; a given key went where it is meant to go.
 */
const EXPOSING: ReadonlySet<Outcome> = new Set<Outcome>(['inserted-anyway', 'warned']);

/** Whether a sighting with this outcome let the key reach the page. */
export function exposes(outcome: Outcome): boolean {
  return EXPOSING.has(outcome);
}

/** The parts of a key summary the status depends on. */
export interface StatusFacts {
  outcomes: Partial<Record<Outcome, number>>;
  rotatedAt?: number;
  exposedAfterRotation?: number;
}

/** A key's status (see KeyStatus). */
export function keyStatus(k: StatusFacts): KeyStatus {
  if (k.rotatedAt !== undefined) return (k.exposedAfterRotation ?? 0) > 0 ? 'exposed-again' : 'rotated';
  for (const outcome of EXPOSING) if ((k.outcomes[outcome] ?? 0) > 0) return 'exposed';
  return (k.outcomes.given ?? 0) > 0 ? 'given' : 'stopped';
}

/** Whether the user should rotate the key now. */
export function needsRotation(k: StatusFacts): boolean {
  const status = keyStatus(k);
  return status === 'exposed' || status === 'exposed-again';
}

/** Small event helpers shared by the interceptions. */

/** The tag of the guard's own alert host; events from inside it are never the page's input. */
export const ALERT_TAG = 'keyward-alert';

/** Whether an event came from inside KeyWard's own alert (its justification box, its buttons). */
export function isFromAlert(event: Event): boolean {
  for (const node of event.composedPath()) if ((node as Element).localName === ALERT_TAG) return true;
  return false;
}

/**
 * Stops an event for good: no default action and no other listener, including the page's own
 * capture listeners on window registered after KeyWard's (KeyWard registers at document_start).
 */
export function stopHard(event: Event): void {
  event.preventDefault();
  event.stopImmediatePropagation();
}

/** Whether a paste or drop event was just decided on (its beforeinput, in the same task, is then not decided again). */
export const recent = { decided: false };

/** Marks a paste or drop as decided until the current task ends. */
export function markDecided(win: Window): void {
  recent.decided = true;
  win.setTimeout(() => (recent.decided = false), 0);
}

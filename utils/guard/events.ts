/** Small event helpers shared by the interceptions. */

/**
 * The hosts of the alerts this guard showed. Identity, not a tag name: a page can make its own
 * `<keyward-alert>`, never put one of these in an event's path (the alert's closed shadow root keeps
 * its insides out of the page's reach).
 */
const ownHosts = new WeakSet<object>();

/** Marks an element as the host of the guard's own alert. */
export function ownAlertHost(host: Element): void {
  ownHosts.add(host);
}

/**
 * Whether an event came from inside KeyWard's own alert (its justification box, its buttons). Seen
 * from the window, an event from inside a closed shadow root targets its host. (A page element put
 * inside the host is never rendered, so the user cannot type in it.)
 */
export function isFromAlert(event: Event): boolean {
  for (const node of event.composedPath()) if (ownHosts.has(node)) return true;
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

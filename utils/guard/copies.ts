import type { GuardWindow } from './core';

/**
 * Copies of the guard content script in one frame. A second injection (the manifest's entry and the
 * run-time registration both matching, or the background starting the guard in open tabs) must do
 * nothing; a copy left in the page by an extension update, reload or disable is cut off from the
 * extension (no settings, no inventory) and must make way for the new one.
 *
 * Copies in one isolated world share its global, where the running copy keeps its lifetime. Every copy,
 * whatever its world, shares the page's window: a starting copy announces itself there, and a running
 * copy whose extension is gone stands down. The announcement goes out before the new copy looks for a
 * running one, so it finds that one already stopped.
 */

/** The event a copy sends through the page's window as it starts. Any page can send it too. */
const STARTED = 'keyward:guard-started';
/** The running copy's lifetime, on the isolated world's global. */
const LOADED = Symbol.for('keyward.guard');

/** Starts this copy's lifetime in `win`'s frame; undefined when a running copy guards the frame already. */
export function startCopy(win: GuardWindow): AbortController | undefined {
  win.dispatchEvent(new win.Event(STARTED));
  const global = win as unknown as Record<symbol, AbortController | undefined>;
  const running = global[LOADED];
  if (running && !running.signal.aborted) return undefined;
  const life = new AbortController();
  global[LOADED] = life;
  return life;
}

/**
 * Stops `life` when a newer copy starts in the frame and `extensionGone()` says this copy's extension
 * is gone (a page can send the event, never take the extension away). The listener lasts until
 * `signal` aborts: document.open() erases it with the window's others, and the guard installs it again.
 */
export function standDownForNewer(win: GuardWindow, life: AbortController, extensionGone: () => boolean, signal: AbortSignal): void {
  win.addEventListener(STARTED, () => extensionGone() && life.abort(), { capture: true, signal });
}

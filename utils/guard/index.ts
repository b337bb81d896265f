import { createCore, type GuardCore, type GuardDeps, type GuardWindow } from './core';
import { installDrop } from './drop';
import { installPaste } from './paste';
import { installSubmit } from './submit';
import { installTyping } from './typing';
import { installUpload } from './upload';

export type { GuardDeps } from './core';
export type { AlertChoice, AlertHandle, AlertKey, AlertMode, AlertRequest } from './alert';

/**
 * Starts the guard in one window (one frame): capture-phase listeners on the window for paste,
 * drop, typing, submit/send and file choices. Registering listeners is all it does at start;
 * nothing reads the page until an event arrives. Everything is removed when `deps.signal` aborts.
 */
export function startGuard(win: GuardWindow, deps: GuardDeps): GuardCore {
  const core = createCore(win, deps);
  installPaste(core);
  installDrop(core);
  installTyping(core);
  installSubmit(core);
  installUpload(core);
  // An alert left open when the page goes away still reports its sighting (as Cancel / Dismiss).
  core.listen('pagehide', () => core.closeAlert());
  deps.signal.addEventListener('abort', () => core.closeAlert());
  return core;
}

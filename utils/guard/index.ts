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
 *
 * `document.open()` erases every event listener of the window and its document, the guard's
 * included (HTML's document open steps, in Chromium and Firefox alike), and no event tells of it.
 * It also empties the document, which a MutationObserver (not a listener, so it survives) sees: the
 * guard then installs itself again, before the page's next task. `onInstall` runs after each
 * install, with that install's signal (the document's `data-keyward-guard` mark lives on the new root
 * element; the entrypoint's own window listeners are erased with the guard's).
 */
export function startGuard(win: GuardWindow, deps: GuardDeps, onInstall?: (signal: AbortSignal) => void): void {
  let current: { life: AbortController; core: GuardCore } | undefined;
  const install = () => {
    current?.life.abort();
    const life = new AbortController();
    const core = createCore(win, { ...deps, signal: life.signal });
    current = { life, core };
    installPaste(core);
    installDrop(core);
    installTyping(core);
    installSubmit(core);
    installUpload(core);
    onInstall?.(life.signal);
  };
  install();

  // The records say the root element went, rather than comparing it with the one at start: reading
  // document.documentElement first in this world costs about 0.1 ms, at every page load.
  const reopened = new win.MutationObserver((records) => {
    if (records.some((r) => Array.prototype.some.call(r.removedNodes, (n: Node) => n.nodeType === 1))) install();
  });
  reopened.observe(win.document, { childList: true });
  deps.signal.addEventListener('abort', () => {
    reopened.disconnect();
    current?.core.closeAlert();
    current?.life.abort();
  });
}

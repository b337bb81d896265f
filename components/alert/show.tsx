import { render } from 'preact';
import { Alert, type AlertChoice, type AlertProps } from './alert';
import { ALERT_CSS } from './styles';

export type { AlertChoice, AlertKey, AlertMode } from './alert';

/** What the guard asks the alert to show. */
export type AlertRequest = Omit<AlertProps, 'onChoose'> & {
  /** The field (or element) the alert sits next to. */
  anchor?: Element | null;
};

/** An alert on screen: its answer, and a way to close it from outside (resolved as Cancel/Dismiss). */
export interface AlertHandle {
  readonly result: Promise<AlertChoice>;
  close(): void;
}

/** How long the redact notice stays before it hides itself. */
export const REDACT_NOTICE_MS = 6_000;
const WIDTH = 380;

const current = new WeakMap<Document, AlertHandle>();

/**
 * Shows the alert next to its anchor, in an open shadow root on a `<keyward-alert>` host, and moves
 * focus to it (not for the redact notice, which must not interrupt typing). One alert per document:
 * a new one closes the previous one. Focus returns to the anchor when it closes.
 */
export function showAlert(doc: Document, request: AlertRequest): AlertHandle {
  current.get(doc)?.close();
  const host = doc.createElement('keyward-alert');
  host.setAttribute('data-keyward-alert', request.mode);
  host.setAttribute('data-keyward-event', request.event);
  host.setAttribute('style', hostStyle(doc, request.anchor ?? null));
  const shadow = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = ALERT_CSS;
  shadow.append(style);
  const mount = doc.createElement('div');
  mount.className = isDarkPage(doc) ? 'theme dark' : 'theme light';
  shadow.append(mount);
  // Keys typed into the alert (the justification) are not the page's business.
  for (const type of ['keydown', 'keyup', 'keypress', 'input', 'paste', 'beforeinput']) host.addEventListener(type, (e) => e.stopPropagation());

  let settle!: (choice: AlertChoice) => void;
  const result = new Promise<AlertChoice>((resolve) => (settle = resolve));
  let done = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const previousFocus = request.anchor ?? null;

  const finish = (choice: AlertChoice) => {
    if (done) return;
    done = true;
    if (timer !== undefined) clearTimeout(timer);
    const hadFocus = host.matches(':focus-within') || doc.activeElement === host;
    render(null, mount);
    host.remove();
    if (current.get(doc) === handle) current.delete(doc);
    if (hadFocus && previousFocus && (previousFocus as HTMLElement).isConnected) (previousFocus as HTMLElement).focus?.({ preventScroll: true });
    settle(choice);
  };
  const handle: AlertHandle = {
    result,
    close: () => finish(request.mode === 'block' ? { kind: 'cancel' } : { kind: 'dismiss' }),
  };
  current.set(doc, handle);

  // Never inside an editable body (iframe editors): the editor would take the alert for content.
  (doc.body && !doc.body.isContentEditable ? doc.body : doc.documentElement).append(host);
  render(<Alert {...request} onChoose={finish} />, mount);
  // The alert grows (the justification box): keep all of it inside the viewport, where a user can reach it.
  const Observer = doc.defaultView?.ResizeObserver;
  if (Observer) {
    const observer = new Observer(() => keepInView(host));
    observer.observe(host);
    void result.then(() => observer.disconnect());
  }
  keepInView(host);
  if (request.mode === 'redact') timer = setTimeout(() => finish({ kind: 'dismiss' }), REDACT_NOTICE_MS);
  return handle;
}

/** Moves a fixed alert up (or down) so that it is inside the viewport; a taller one scrolls inside itself. */
function keepInView(host: HTMLElement): void {
  const vh = host.ownerDocument.defaultView?.innerHeight ?? 768;
  const rect = host.getBoundingClientRect();
  if (rect.height === 0 || (rect.top >= 8 && rect.bottom <= vh - 8)) return;
  host.style.bottom = 'auto';
  host.style.top = `${Math.max(8, Math.min(rect.top, vh - rect.height - 8))}px`;
}

/** The alert on screen in a document, if any. */
export function currentAlert(doc: Document): AlertHandle | undefined {
  return current.get(doc);
}

function hostStyle(doc: Document, anchor: Element | null): string {
  const win = doc.defaultView;
  const vw = win?.innerWidth ?? 1024;
  const vh = win?.innerHeight ?? 768;
  let place = `top: 16px; right: 16px;`;
  if (anchor?.isConnected) {
    const rect = anchor.getBoundingClientRect();
    const left = Math.max(8, Math.min(rect.left, vw - WIDTH - 8));
    if (rect.bottom + 8 + 200 <= vh && rect.bottom >= 0) place = `top: ${Math.round(rect.bottom + 8)}px; left: ${Math.round(left)}px;`;
    else if (rect.top - 8 >= 200 && rect.top <= vh) place = `bottom: ${Math.round(vh - rect.top + 8)}px; left: ${Math.round(left)}px;`;
    else place = `bottom: 16px; left: ${Math.round(left)}px;`;
  }
  // `all: initial` keeps the page's CSS from leaking onto the host; the shadow root does the rest.
  return `all: initial; position: fixed; z-index: 2147483647; width: ${WIDTH}px; max-width: calc(100vw - 16px); max-height: calc(100vh - 16px); overflow: auto; ${place}`;
}

/** Whether the page around the alert is dark, from the page's own background (or the system theme). */
function isDarkPage(doc: Document): boolean {
  const win = doc.defaultView;
  if (!win) return false;
  for (const el of [doc.body, doc.documentElement]) {
    if (!el) continue;
    const rgb = /rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?\)/.exec(win.getComputedStyle(el).backgroundColor);
    if (!rgb || rgb[4] === '0') continue;
    const [r, g, b] = [rgb[1], rgb[2], rgb[3]].map(Number) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128;
  }
  return win.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
}

import type { AlertChoice, AlertHandle, AlertRequest } from '../../utils/guard/alert';
import { createAlertCard } from './alert';
import { ALERT_CSS } from './styles';
import { t } from '../../utils/i18n';
import { SHORTCUT_CODE } from './words';

/** How long the redact notice stays before it hides itself. */
export const REDACT_NOTICE_MS = 6_000;
/**
 * How long the alert must have been on screen (and, where the browser can tell, visibly so) before a
 * choice that lets a key through counts: as browsers do on their own permission and download prompts.
 */
export const ARM_MS = 500;
const WIDTH = 380;
/** Below this combined opacity of the alert and its ancestors, a click on it is not taken as seen. */
const MIN_OPACITY = 0.9;

const current = new WeakMap<Document, AlertHandle>();

/**
 * Shows the alert next to its anchor, in a closed shadow root on a `<keyward-alert>` host: the page
 * can neither read nor press its buttons. It never takes focus (what the user types keeps going into
 * the field): the user clicks, or presses the shortcut to move focus into it. One alert per
 * document: a new one closes the previous one. Focus, if the user moved it here, returns to the anchor.
 */
export function showAlert(doc: Document, shown: AlertRequest): AlertHandle {
  let request = shown;
  current.get(doc)?.close();
  const win = doc.defaultView!;
  const host = doc.createElement('keyward-alert');
  host.setAttribute('data-keyward-alert', request.mode);
  host.setAttribute('data-keyward-event', request.event);
  let style = hostStyle(doc, request.anchor ?? null);
  const setStyle = (next: string) => host.setAttribute('style', (style = next));
  setStyle(style);
  const shadow = host.attachShadow({ mode: 'closed' });
  const css = doc.createElement('style');
  css.textContent = ALERT_CSS;
  shadow.append(css);
  const mount = doc.createElement('div');
  mount.className = isDarkPage(doc) ? 'theme dark' : 'theme light';
  shadow.append(mount);
  // Keys typed into the alert (the justification) are not the page's business.
  for (const type of ['keydown', 'keyup', 'keypress', 'input', 'paste', 'beforeinput']) host.addEventListener(type, (e) => e.stopPropagation());

  let settle!: (choice: AlertChoice) => void;
  const result = new Promise<AlertChoice>((resolve) => (settle = resolve));
  let done = false;
  const timers: ReturnType<typeof setTimeout>[] = [];
  const previousFocus = request.anchor ?? null;
  const life = new AbortController();

  const shownAt = win.performance.now();
  // Where the browser reports real visibility (IntersectionObserver v2: occlusion, opacity, filters), the
  // wait starts over whenever the alert is covered or hidden; elsewhere it runs from when it was shown.
  let visibleSince: number | null = shownAt;
  let armed = false;
  /** Whether the browser has said yet whether the alert is visible (IntersectionObserver v2). */
  let reported = true;
  const arm = () => {
    if (done || visibleSince === null) return;
    const wait = visibleSince + ARM_MS - win.performance.now();
    if (wait > 0) timers.push(setTimeout(arm, wait));
    else if (!armed) card.setArmed((armed = true));
  };
  const Observer = win.IntersectionObserver;
  if (Observer) {
    const seen = new Observer(
      (entries) => {
        const visible = (entries[entries.length - 1] as IntersectionObserverEntry & { isVisible?: boolean }).isVisible;
        if (visible === undefined) return;
        reported = true;
        if (!visible) {
          visibleSince = null;
          if (armed) card.setArmed((armed = false));
        } else if (visibleSince === null) {
          visibleSince = win.performance.now();
          arm();
        }
      },
      { trackVisibility: true, delay: 100 } as IntersectionObserverInit,
    );
    if ((seen as IntersectionObserver & { trackVisibility?: boolean }).trackVisibility) {
      visibleSince = null;
      reported = false;
      seen.observe(host);
      life.signal.addEventListener('abort', () => seen.disconnect());
    } else seen.disconnect();
  }

  const vet = (event: Event, button: Element): string | null => {
    if (!event.isTrusted) return t('alert_notFromYou');
    const popped = typeof host.showPopover !== 'function' || host.matches(':popover-open');
    if (host.getAttribute('style') !== style || !popped) {
      setStyle(style);
      if (!popped && host.isConnected) host.showPopover();
      return t('alert_restyled');
    }
    if (visibleSince === null) return t(reported ? 'alert_coveredOrHidden' : 'alert_tooSoon');
    if (win.performance.now() - visibleSince < ARM_MS) return t('alert_tooSoon');
    const hidden = hiddenBy(host);
    if (hidden) return t(hidden === 'hidden' ? 'alert_hidden' : 'alert_seeThrough');
    const click = event as MouseEvent;
    if (click.detail === 0) {
      // A key press (Enter, Space) on the button the user moved focus to.
      return shadow.activeElement === button ? null : t('alert_notOnButton');
    }
    const top = doc.elementsFromPoint(click.clientX, click.clientY)[0];
    if (top !== host || coveredInTopLayer(doc, host, click.clientX, click.clientY)) return t('alert_covered');
    const inner = shadow.elementFromPoint(click.clientX, click.clientY);
    return inner && button.contains(inner) && button.contains(event.composedPath()[0] as Node) ? null : t('alert_notOnButton');
  };

  const finish = (choice: AlertChoice) => {
    if (done) return;
    done = true;
    life.abort();
    for (const timer of timers) clearTimeout(timer);
    const hadFocus = Boolean(shadow.activeElement);
    host.remove();
    if (current.get(doc) === handle) current.delete(doc);
    if (hadFocus && previousFocus && (previousFocus as HTMLElement).isConnected) (previousFocus as HTMLElement).focus?.({ preventScroll: true });
    settle(choice);
  };
  const handle: AlertHandle = {
    result,
    host,
    close: () => finish(request.mode === 'block' ? { kind: 'cancel' } : { kind: 'dismiss' }),
    update(change) {
      if (done) return;
      request = { ...request, ...change };
      card.update(request);
    },
  };
  current.set(doc, handle);
  const card = createAlertCard(doc, request, { vet, onChoose: finish });
  mount.append(card.element);

  // The shortcut moves focus into the alert: the one keyboard way in besides Tab.
  win.addEventListener(
    'keydown',
    (e) => {
      if (!e.isTrusted || !e.altKey || !e.shiftKey || e.ctrlKey || e.metaKey || e.code !== SHORTCUT_CODE) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      card.focusFirst();
    },
    { capture: true, signal: life.signal },
  );

  // Never inside an editable body (iframe editors): the editor would take the alert for content.
  (doc.body && !doc.body.isContentEditable ? doc.body : doc.documentElement).append(host);
  // The top layer, where the browser has it: above anything the page draws, whatever its z-index.
  if (typeof host.showPopover === 'function') {
    host.setAttribute('popover', 'manual');
    host.showPopover();
  }
  timers.push(setTimeout(arm, ARM_MS));
  // The alert grows (the justification box): keep all of it inside the viewport, where a user can reach it.
  const Resize = win.ResizeObserver;
  if (Resize) {
    const observer = new Resize(() => keepInView(host, style, setStyle));
    observer.observe(host);
    life.signal.addEventListener('abort', () => observer.disconnect());
  }
  keepInView(host, style, setStyle);
  if (request.mode === 'redact') timers.push(setTimeout(() => finish({ kind: 'dismiss' }), REDACT_NOTICE_MS));
  return handle;
}

/**
 * Why the alert cannot be seen as it is drawn, or null: it or an ancestor (up to `html`, and the
 * frames it sits in where they are reachable) is hidden, see-through, filtered or clipped.
 */
export function hiddenBy(host: Element): 'hidden' | 'see-through' | null {
  let opacity = 1;
  let el: Element | null = host;
  while (el) {
    const view: Window | null = el.ownerDocument.defaultView;
    if (!view) return 'hidden';
    const s = view.getComputedStyle(el);
    if (s.display === 'none' || s.visibility === 'hidden' || s.visibility === 'collapse' || s.contentVisibility === 'hidden') return 'hidden';
    if ((s.filter && s.filter !== 'none') || (s.clipPath && s.clipPath !== 'none') || (s.maskImage && s.maskImage !== 'none')) return 'hidden';
    const own = parseFloat(s.opacity);
    if (!Number.isNaN(own)) opacity *= own;
    let next: Element | null = el.parentElement ?? ((el.parentNode as ShadowRoot | null)?.host as Element | undefined) ?? null;
    if (!next) {
      try {
        next = view.frameElement;
      } catch {
        next = null;
      }
    }
    el = next;
  }
  return opacity < MIN_OPACITY ? 'see-through' : null;
}

/**
 * Whether a page element in the top layer (a popover, modal dialog or fullscreen element) lies over the
 * point: drawn above the alert even when it lets clicks through (`pointer-events: none`).
 */
function coveredInTopLayer(doc: Document, host: Element, x: number, y: number): boolean {
  let above: Element[];
  try {
    above = [...doc.querySelectorAll(':popover-open, dialog:modal, :fullscreen')];
  } catch {
    return false;
  }
  return above.some((el) => {
    if (el === host) return false;
    const r = el.getBoundingClientRect();
    return x >= r.left && x <= r.right && y >= r.top && y <= r.bottom;
  });
}

/** Moves a fixed alert up (or down) so that it is inside the viewport; a taller one scrolls inside itself. */
function keepInView(host: HTMLElement, style: string, setStyle: (style: string) => void): void {
  const vh = host.ownerDocument.defaultView?.innerHeight ?? 768;
  const rect = host.getBoundingClientRect();
  if (rect.height === 0 || (rect.top >= 8 && rect.bottom <= vh - 8)) return;
  const top = Math.max(8, Math.min(rect.top, vh - rect.height - 8));
  setStyle(`${style.replace(/(?:top|bottom): [^;]*;/g, '')} top: ${Math.round(top)}px !important;`);
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
  // `all: initial` keeps the page's CSS off the host, `!important` in the style attribute wins over any
  // page stylesheet (a page script changing the attribute is caught when a click is vetted).
  const rules = `all: initial; display: block; position: fixed; z-index: 2147483647; margin: 0; padding: 0; border: 0; inset: auto; width: ${WIDTH}px; max-width: calc(100vw - 16px); max-height: calc(100vh - 16px); overflow: auto; opacity: 1; visibility: visible; background: transparent; ${place}`;
  return rules.replace(/;/g, ' !important;');
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

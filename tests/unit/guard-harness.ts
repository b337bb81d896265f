import { setMaxListeners } from 'node:events';
import { Window } from 'happy-dom';
import { createDetector, fingerprint, redact } from '../../utils/detect';
import type { KeyFinding } from '../../utils/detect/types';
import type { SightingReport } from '../../utils/inventory/client';
import { DEFAULTS } from '../../utils/policy/defaults';
import type { Settings } from '../../utils/policy/schema';
import type { EffectiveSettings } from '../../utils/policy/store';
import { startGuard } from '../../utils/guard';
import type { AlertChoice, AlertHandle, AlertRequest } from '../../utils/guard/alert';
import type { GuardWindow } from '../../utils/guard/core';

/** A guarded page in happy-dom, with the alert and the inventory replaced by recorders. */
export interface GuardedPage {
  win: GuardWindow;
  doc: Document;
  alerts: AlertRequest[];
  sightings: SightingReport[];
  /** Answers the open alert (the next one if none is open yet). */
  answer(choice: AlertChoice): Promise<void>;
  /** Resolves when an alert has been shown (count = how many in total). */
  alertShown(count?: number): Promise<AlertRequest>;
  settings: Settings;
  stop(): void;
}

/** `findKeys` replaces the engine's detector (a slow one, to see what the guard does while a big text is scanned). */
export function guardedPage(
  html: string,
  patch: Partial<Settings> = {},
  url = 'https://github.com/o/r/issues/new?secret=1#frag',
  findKeys?: (text: string) => KeyFinding[],
): GuardedPage {
  const happy = new Window({ url, settings: { disableJavaScriptEvaluation: true } });
  const win = happy as unknown as GuardWindow;
  win.document.body.innerHTML = html;
  const settings = { ...(structuredClone(DEFAULTS) as unknown as Settings), ...patch };
  const effective: EffectiveSettings = { settings, managed: [], errors: [], organization: {} };
  const alerts: AlertRequest[] = [];
  const sightings: SightingReport[] = [];
  const pending: ((c: AlertChoice) => void)[] = [];
  const waiters: (() => void)[] = [];
  const controller = new AbortController();
  // The guard hangs each of its window listeners on one signal; Node warns past 10.
  setMaxListeners(50, controller.signal);
  const detector = createDetector();
  startGuard(win, {
    findKeys: findKeys ?? ((t) => detector.findKeys(t)),
    settings: () => effective,
    active: () => true,
    fingerprint,
    redact,
    providerLabel: (id) => id,
    report: (s) => sightings.push(s),
    showAlert(_doc, request): AlertHandle {
      alerts.push(request);
      let settle!: (c: AlertChoice) => void;
      const result = new Promise<AlertChoice>((r) => (settle = r));
      pending.push(settle);
      for (const w of waiters.splice(0)) w();
      return {
        result,
        host: win.document.createElement('keyward-alert'),
        close: () => settle(request.mode === 'block' ? { kind: 'cancel' } : { kind: 'dismiss' }),
        // The recorded request shows what the alert shows now.
        update: (change) => Object.assign(request, change),
      };
    },
    signal: controller.signal,
  });
  const page: GuardedPage = {
    win,
    doc: win.document,
    alerts,
    sightings,
    settings,
    async alertShown(count = 1) {
      const deadline = Date.now() + 3000;
      while (alerts.length < count) {
        if (Date.now() > deadline) throw new Error(`no alert #${count}`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 20);
        });
      }
      return alerts[count - 1]!;
    },
    async answer(choice) {
      await page.alertShown(alerts.length || 1);
      const reported = sightings.length;
      pending.shift()?.(choice);
      // The guard reports the alert's sightings once it has carried the choice out.
      const deadline = Date.now() + 3000;
      while (sightings.length === reported && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    },
    stop: () => {
      controller.abort();
      void happy.happyDOM.close();
    },
  };
  return page;
}

/** A paste as the browser dispatches it on Ctrl+V. */
export function paste(win: GuardWindow, target: Element, text: string, html?: string): Event {
  const data = new win.DataTransfer();
  data.setData('text/plain', text);
  if (html) data.setData('text/html', html);
  const event = new win.ClipboardEvent('paste', { bubbles: true, cancelable: true, composed: true, clipboardData: data });
  target.dispatchEvent(event);
  return event;
}

export const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

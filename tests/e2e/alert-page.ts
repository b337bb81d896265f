import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import type { KwPage } from './harness';

/** What a user sees of KeyWard's in-page alert. */
export interface AlertView {
  /** `data-keyward-alert`: block, warn or redact. */
  kind: string;
  /** `data-keyward-event` (paste, drop, typing, submit, upload). */
  event: string | null;
  role: string | null;
  /** The heading the container's aria-labelledby points to. */
  heading: string | null;
  /** All visible text of the alert. */
  text: string;
  /** Visible button labels, in order. */
  buttons: string[];
  /** True once the alert accepts a choice that lets a key through (on screen, visibly, for 500 ms). */
  armed: boolean;
  /** Whether focus is inside the alert. */
  focused: boolean;
}

type RootFn<A, R> = (root: ShadowRoot, arg: A) => R;

/**
 * The alert sits in a closed shadow root, which no page script can open. The tests reach it the way
 * browser automation can, through the DevTools protocol (Chromium: DOM.getDocument with pierce) or
 * WebDriver BiDi (Firefox: nodes serialized with includeShadowTree "all"), and run `fn` on each root
 * in the page's own world. What the page itself can do is what the hostile specs try.
 */
async function inAlertRoots<A, R>(page: KwPage, fn: RootFn<A, R>, arg: A): Promise<R[]> {
  const body = `function (root, arg) { return JSON.stringify((${fn.toString()})(root, JSON.parse(arg))); }`;
  const out: R[] = [];
  if (page.engine === 'chromium') {
    const cdp = await cdpOf((page as KwPage & { raw: Page }).raw);
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    for (const shadow of closedAlertRoots(root)) {
      const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
      const res = await cdp.send('Runtime.callFunctionOn', {
        objectId: object.objectId!,
        functionDeclaration: `function (arg) { return (${body})(this, arg); }`,
        arguments: [{ value: JSON.stringify(arg) }],
        returnByValue: true,
        awaitPromise: true,
      });
      if (res.exceptionDetails) throw new Error(`in the alert: ${res.exceptionDetails.exception?.description ?? res.exceptionDetails.text}`);
      out.push(JSON.parse(res.result.value as string) as R);
    }
    return out;
  }
  const raw = (page as KwPage & { raw: PuppeteerPage }).raw;
  const connection = (raw.browser() as unknown as { connection: { send(method: string, params: object): Promise<{ result: BidiResult }> } }).connection;
  for (const frame of raw.frames()) {
    const context = (frame as unknown as { _id: string })._id;
    const found = await connection
      .send('script.callFunction', {
        functionDeclaration: '() => [...document.querySelectorAll("keyward-alert")]',
        awaitPromise: false,
        target: { context },
        serializationOptions: { maxDomDepth: 1, includeShadowTree: 'all' },
      })
      .catch(() => null);
    const hosts = (found?.result.result?.value ?? []) as { value?: { shadowRoot?: { sharedId: string } | null } }[];
    for (const host of hosts) {
      const shadow = host.value?.shadowRoot;
      if (!shadow) continue;
      const { result } = await connection.send('script.callFunction', {
        functionDeclaration: body,
        arguments: [{ sharedId: shadow.sharedId }, { type: 'string', value: JSON.stringify(arg) }],
        awaitPromise: true,
        target: { context },
      });
      if (result.type !== 'success') throw new Error(`in the alert: ${JSON.stringify(result.exceptionDetails)}`);
      out.push(JSON.parse(result.result!.value as string) as R);
    }
  }
  return out;
}

interface BidiResult {
  type: string;
  result?: { value?: unknown };
  exceptionDetails?: unknown;
}

interface CdpNode {
  localName?: string;
  backendNodeId: number;
  shadowRootType?: string;
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
  contentDocument?: CdpNode;
}

function closedAlertRoots(node: CdpNode, found: CdpNode[] = []): CdpNode[] {
  if (node.localName === 'keyward-alert') for (const root of node.shadowRoots ?? []) if (root.shadowRootType === 'closed') found.push(root);
  for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? []), ...(node.contentDocument ? [node.contentDocument] : [])]) closedAlertRoots(child, found);
  return found;
}

const sessions = new WeakMap<Page, Promise<CDPSession>>();
function cdpOf(page: Page): Promise<CDPSession> {
  let session = sessions.get(page);
  if (!session) sessions.set(page, (session = (page.context() as BrowserContext).newCDPSession(page)));
  return session;
}

/**
 * The page object for KeyWard's alert, as a user meets it: what it says, its buttons, a trusted
 * click on one of them, and whether it is gone. Alerts in same-origin frames count too.
 */
export class AlertPage {
  constructor(readonly page: KwPage) {}

  /** The alert on screen, or null. */
  async view(): Promise<AlertView | null> {
    const views = await inAlertRoots(
      this.page,
      (root) => {
        const box = root.querySelector<HTMLElement>('[role="alert"], [role="status"], [role="alertdialog"]');
        if (!box || box.getClientRects().length === 0) return null;
        const host = root.host as HTMLElement;
        const visible = (el: Element) => (el as HTMLElement).getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
        const labelledBy = box.getAttribute('aria-labelledby');
        return {
          kind: host.dataset.keywardAlert ?? '',
          event: host.dataset.keywardEvent ?? null,
          role: box.getAttribute('role'),
          heading: labelledBy ? (root.getElementById(labelledBy)?.textContent?.trim() ?? null) : null,
          text: box.innerText,
          buttons: Array.from(root.querySelectorAll('button'))
            .filter(visible)
            .map((b) => b.textContent!.trim()),
          armed: box.hasAttribute('data-armed'),
          focused: root.activeElement !== null,
        };
      },
      null,
    );
    return views.find((v) => v !== null) ?? null;
  }

  async buttons(): Promise<string[]> {
    return (await this.view())?.buttons ?? [];
  }

  async text(): Promise<string> {
    return (await this.view())?.text ?? '';
  }

  /** Waits for an alert (of `kind`, if given) and returns it. */
  async shown(kind?: 'block' | 'warn' | 'redact', timeoutMs = 5_000): Promise<AlertView> {
    return this.until((v) => (v && (!kind || v.kind === kind) ? v : null), `a ${kind ?? ''} alert`, timeoutMs);
  }

  /** Waits until no alert is on screen. */
  async gone(timeoutMs = 5_000): Promise<void> {
    await this.until((v) => (v === null ? true : null), 'the alert to close', timeoutMs);
  }

  /** Waits until the alert's view meets a condition. */
  async until<R>(test: (view: AlertView | null) => R | null, what: string, timeoutMs = 5_000): Promise<R> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const view = await this.view();
      const ok = test(view);
      if (ok !== null && ok !== undefined) return ok;
      if (Date.now() > deadline) throw new Error(`Waited ${timeoutMs} ms for ${what}; the alert: ${JSON.stringify(view)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** The centre of the alert button with this label, in the top page's viewport; null when there is none. */
  async buttonPoint(label: string): Promise<{ x: number; y: number } | null> {
    const points = await inAlertRoots(
      this.page,
      (root, text) => {
        const button = Array.from(root.querySelectorAll('button')).find((b) => b.textContent!.trim() === text);
        if (!button) return null;
        button.scrollIntoView({ block: 'nearest' });
        const r = button.getBoundingClientRect();
        let x = r.left + r.width / 2;
        let y = r.top + r.height / 2;
        for (let frame = root.host.ownerDocument.defaultView?.frameElement; frame; frame = frame.ownerDocument.defaultView?.frameElement) {
          const f = frame.getBoundingClientRect();
          x += f.left + frame.clientLeft;
          y += f.top + frame.clientTop;
        }
        return { x, y };
      },
      label,
    );
    return points.find((p) => p !== null) ?? null;
  }

  /**
   * A user's choice: waits until the alert accepts choices that let a key through (it ignores them in
   * its first 500 ms on screen), then a trusted mouse click on the button with this label.
   */
  async choose(label: string): Promise<void> {
    await this.until((v) => (v?.armed ? true : null), 'the alert to accept choices');
    await this.click(label);
  }

  /** A trusted mouse click on the button with this label, at once (no waiting for the alert to accept it). */
  async click(label: string): Promise<void> {
    const point = await this.buttonPoint(label);
    if (!point) throw new Error(`No alert button "${label}" (alert: ${JSON.stringify(await this.view())})`);
    const raw = (this.page as KwPage & { raw: { mouse: { click(x: number, y: number): Promise<void> } } }).raw;
    await raw.mouse.click(point.x, point.y);
  }

  /** A script's click (untrusted, `isTrusted` false) on the button with this label; false when there is none. */
  async scriptClick(label: string): Promise<boolean> {
    const clicked = await inAlertRoots(
      this.page,
      (root, text) => {
        const button = Array.from(root.querySelectorAll('button')).find((b) => b.textContent!.trim() === text);
        button?.click();
        return Boolean(button);
      },
      label,
    );
    return clicked.includes(true);
  }

  /** Runs `fn` on the alert's shadow root in the page (as only automation can); the first non-null answer. */
  async inRoot<A, R>(fn: RootFn<A, R | null>, arg: A): Promise<R | null> {
    const answers = await inAlertRoots(this.page, fn, arg);
    return answers.find((a) => a !== null) ?? null;
  }

  /** Why the alert last ignored a click, as it says it ("KeyWard ignored that click: …"), or null. */
  async refusal(): Promise<string | null> {
    const said = await inAlertRoots(this.page, (root) => root.querySelector('.refusal')?.textContent ?? null, null);
    return said.find((s) => s !== null) ?? null;
  }
}

import { expect } from '@playwright/test';
import { redact } from '../../utils/detect';
import { makeKey, seededRng } from '../helpers/keys';
import { AlertPage, type AlertView } from './alert-page';
import type { KwBrowser, KwPage } from './harness';
import { serveSites, SITES, type SiteName } from './pages/sites';

export type { AlertView };

/**
 * The user's settings, written to `storage.local['keyward:settings']` (utils/policy/defaults.ts
 * USER_SETTINGS_KEY) from an extension page before a site opens. Waits until the background has
 * merged them into the settings content scripts read (`keyward:effective`), as a user's next page would.
 */
export async function setUserSettings(kw: KwBrowser, settings: Record<string, unknown>): Promise<void> {
  const popup = await kw.openExtensionPage('popup.html');
  type StorageApi = { storage: { local: { set(items: Record<string, unknown>): Promise<void>; get(key: string): Promise<Record<string, unknown>> } } };
  await popup.evaluate(async (value) => {
    const scope = globalThis as unknown as { browser?: StorageApi; chrome: StorageApi };
    await (scope.browser ?? scope.chrome).storage.local.set({ 'keyward:settings': value });
  }, settings);
  const applied = await popup
    .waitFor(
      async (wanted) => {
        const scope = globalThis as unknown as { browser?: StorageApi; chrome: StorageApi };
        const stored = (await (scope.browser ?? scope.chrome).storage.local.get('keyward:effective'))['keyward:effective'] as
          | { effective?: { settings?: Record<string, unknown> } }
          | undefined;
        const current = stored?.effective?.settings;
        const contains = (have: unknown, want: unknown): boolean =>
          want !== null && typeof want === 'object'
            ? Object.entries(want).every(([k, v]) => contains((have as Record<string, unknown> | undefined)?.[k], v))
            : have === want;
        return current !== undefined && contains(current, wanted);
      },
      settings,
      5_000,
    )
    .catch(() => false);
  expect(applied, `the background applied the user settings ${JSON.stringify(settings)} (storage.local['keyward:effective'])`).toBe(true);
  await popup.close();
}

/**
 * A fixture site opened in a tab, with the calls the guard specs need. Fields are addressed by the
 * names in pages/sites.ts (they may sit in an open shadow root or a same-origin frame).
 */
export class GuardPage {
  private constructor(
    readonly page: KwPage,
    readonly site: SiteName,
  ) {}

  /** Serves the fixture sites, opens `site` and waits for the guard to mark the page. */
  static async open(kw: KwBrowser, site: SiteName, page?: KwPage): Promise<GuardPage> {
    await serveSites(kw);
    const tab = page ?? (await kw.newPage());
    await tab.goto(SITES[site].url);
    await tab.waitFor(() => window.__kw && document.readyState === 'complete' && document.documentElement.dataset.keywardGuard === 'on');
    if (site === 'frame') {
      await tab.waitFor(() =>
        Array.from(document.querySelectorAll('iframe')).every((f) => f.contentDocument?.readyState === 'complete' && f.contentDocument.querySelector('textarea')),
      );
    }
    return new GuardPage(tab, site);
  }

  /** The text the site would read from a field (the editor's model for ProseMirror and CodeMirror). */
  text(field: string): Promise<string> {
    return this.page.evaluate((name) => window.__kw.fields[name]!.text(), field);
  }

  /** Focuses a field and puts the caret at its end. */
  async focus(field: string): Promise<void> {
    await this.page.evaluate((name) => {
      const f = window.__kw.fields[name]!;
      f.focus();
      // Monaco keeps its own caret, where the user put it: its input element holds no more than a
      // window of the text, so the caret is not set from here.
      if (f.kind === 'monaco') return;
      const el = f.target();
      if ('setSelectionRange' in el && typeof el.setSelectionRange === 'function' && !(el instanceof HTMLInputElement && !['text', 'search', 'url', 'password', 'tel'].includes(el.type))) {
        const length = (el as HTMLTextAreaElement).value.length;
        (el as HTMLTextAreaElement).setSelectionRange(length, length);
      } else {
        // The end of the last line, where a click after the text puts the caret: inside the last
        // block (before its placeholder <br>), not after it in the host, where Firefox types into a
        // new line of its own (Quill then reads "\n" before the typed text).
        let node: Node = el;
        while (node.lastChild && node.lastChild.nodeName !== 'BR' && (node.lastChild.nodeType === 3 || (node.lastChild as HTMLElement).isContentEditable)) node = node.lastChild;
        const offset = node.nodeType === 3 ? (node as Text).length : node.lastChild?.nodeName === 'BR' ? node.childNodes.length - 1 : node.childNodes.length;
        el.ownerDocument.getSelection()?.collapse(node, offset);
      }
    }, field);
  }

  /**
   * Whether the caret is collapsed at the start of the field's text (of the caret's line in Monaco,
   * whose input holds only that), as the page reads it. A key like Home is the editor's to carry out
   * in its own time: under load, a key typed next could otherwise go in first.
   */
  caretAtStart(field: string): Promise<boolean> {
    return this.page.evaluate((name) => {
      const el = window.__kw.fields[name]!.target();
      // Monaco in Chromium: an EditContext holding the caret's line and the caret's offset in it.
      const ec = (el as HTMLElement & { editContext?: { selectionStart: number; selectionEnd: number } }).editContext;
      if (ec) return ec.selectionStart === 0 && ec.selectionEnd === 0;
      if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) return el.selectionStart === 0 && el.selectionEnd === 0;
      const root = el.getRootNode() as Document | (ShadowRoot & { getSelection?: () => Selection | null });
      const selection = root.getSelection?.() ?? document.getSelection();
      if (!selection || selection.rangeCount === 0 || !selection.isCollapsed || !el.contains(selection.anchorNode)) return false;
      const before = document.createRange();
      before.setStart(el, 0);
      before.setEnd(selection.anchorNode!, selection.anchorOffset);
      // Zero-width characters some editors keep beside the caret are no text the user sees.
      return before.toString().replace(/[\u200b\ufeff]/g, '') === '';
    }, field);
  }

  /**
   * A user's Home, pressed again until the caret is at the start, as a user would when it did not
   * move: ProseMirror in Firefox at times puts the caret back at the end of the line, where its own
   * update of the keys typed just before left it.
   */
  async home(field: string): Promise<void> {
    for (let tries = 0; tries < 5; tries++) {
      await this.page.press('Home');
      const moved = await expect
        .poll(() => this.caretAtStart(field), { timeout: 2_000 })
        .toBe(true)
        .then(() => true, () => false);
      if (moved) return;
    }
    throw new Error(`Home never put the caret at the start of ${field}`);
  }

  /** Everything the page's first handlers saw (see pages/editors/runtime.ts). */
  seen(): Promise<string[]> {
    return this.page.evaluate(() => [...window.__seen]);
  }

  /** Whether any page handler saw `needle` in any event, or the site read it from any field. */
  async pageSaw(needle: string): Promise<boolean> {
    const seen = await this.seen();
    return seen.some((entry) => entry.includes(needle));
  }

  /** Messages the chat page sent / forms the page's submit handler got / files its change handler got. */
  sent(): Promise<string[]> {
    return this.page.evaluate(() => [...(window.__sent ?? [])]);
  }
  submitted(): Promise<string[]> {
    return this.page.evaluate(() => [...(window.__submitted ?? [])]);
  }
  uploads(): Promise<string[]> {
    return this.page.evaluate(() => [...(window.__uploads ?? [])]);
  }

  /**
   * A synthetic paste (untrusted ClipboardEvent) at the field's caret. Chromium takes a DataTransfer
   * in `clipboardData`; Firefox ignores that from content and takes its own `data`/`dataType` fields
   * (one type only: HTML alone when `html` is given there).
   */
  async paste(field: string, text: string, options: { html?: string } = {}): Promise<void> {
    await this.focus(field);
    await this.page.evaluate(
      ({ name, text, html }) => {
        const target = window.__kw.fields[name]!.target();
        const transfer = new DataTransfer();
        transfer.setData('text/plain', text);
        if (html) transfer.setData('text/html', html);
        let event = new ClipboardEvent('paste', { bubbles: true, cancelable: true, composed: true, clipboardData: transfer });
        if (!event.clipboardData || event.clipboardData.getData(html ? 'text/html' : 'text/plain') === '') {
          const init = html ? { data: html, dataType: 'text/html' } : { data: text, dataType: 'text/plain' };
          event = new ClipboardEvent('paste', { bubbles: true, cancelable: true, composed: true, ...init } as ClipboardEventInit);
        }
        target.dispatchEvent(event);
      },
      { name: field, text, html: options.html },
    );
  }

  /**
   * A real paste: the text goes on the system clipboard (async clipboard API, permission granted by
   * the harness), then a trusted Control+V into the focused field. Returns false when the browser
   * refused to write the clipboard. Works in both engines: Chromium with the granted clipboard
   * permissions, headless Firefox through its in-process headless clipboard (the harness sets
   * `dom.events.testing.asyncClipboard`), and puppeteer's BiDi key actions run the paste command.
   * With `html`, the clipboard holds both flavours, as after copying from a web page.
   */
  async realPaste(field: string, text: string, options: { html?: string } = {}): Promise<boolean> {
    await this.page.bringToFront();
    await this.focus(field);
    const written = await this.page.evaluate(
      async ({ value, html }) => {
        try {
          if (html) {
            const flavour = (data: string, type: string) => new Blob([data], { type });
            await navigator.clipboard.write([new ClipboardItem({ 'text/plain': flavour(value, 'text/plain'), 'text/html': flavour(html, 'text/html') })]);
          } else await navigator.clipboard.writeText(value);
          return (await navigator.clipboard.readText()) === value;
        } catch (error) {
          return String(error);
        }
      },
      { value: text, html: options.html },
    );
    if (written !== true) return false;
    await this.focus(field);
    await this.page.press('Control+V');
    return true;
  }

  /** A synthetic drop on the field carrying text, or a file (name, content, MIME type). */
  async drop(field: string, payload: { text: string } | { file: { name: string; content: string; type?: string } }): Promise<void> {
    await this.focus(field);
    await this.page.evaluate(
      ({ name, payload }) => {
        const field = window.__kw.fields[name]!;
        const target = field.dropTarget?.() ?? field.target();
        const transfer = new DataTransfer();
        if ('text' in payload) transfer.setData('text/plain', payload.text);
        else transfer.items.add(new File([payload.file.content], payload.file.name, { type: payload.file.type ?? 'text/plain' }));
        const rect = target.getBoundingClientRect();
        const init = { bubbles: true, cancelable: true, composed: true, dataTransfer: transfer, clientX: rect.left + 10, clientY: rect.top + 10 };
        target.dispatchEvent(new DragEvent('dragenter', init));
        target.dispatchEvent(new DragEvent('dragover', init));
        target.dispatchEvent(new DragEvent('drop', init));
      },
      { name: field, payload },
    );
  }

  /** Chooses a file in a file input the way a picker does (files set, then input + change events). */
  async chooseFile(selector: string, file: { name: string; content: string; type?: string }): Promise<void> {
    await this.page.evaluate(
      ({ selector, file }) => {
        const input = document.querySelector<HTMLInputElement>(selector)!;
        const transfer = new DataTransfer();
        transfer.items.add(new File([file.content], file.name, { type: file.type ?? 'text/plain' }));
        input.files = transfer.files;
        input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
        input.dispatchEvent(new Event('change', { bubbles: true }));
      },
      { selector, file },
    );
  }

  /** The number of files a file input holds now. */
  fileCount(selector: string): Promise<number> {
    return this.page.evaluate((s) => document.querySelector<HTMLInputElement>(s)!.files?.length ?? 0, selector);
  }

  /** KeyWard's alert in this tab (the page or its same-origin frames). */
  get alertPage(): AlertPage {
    return new AlertPage(this.page);
  }

  /** The visible KeyWard alert in the page or its same-origin frames, or null. */
  alert(): Promise<AlertView | null> {
    return this.alertPage.view();
  }

  /** Waits for an alert of `kind` and returns it. */
  waitAlert(kind: 'block' | 'warn' | 'redact', timeoutMs = 5_000): Promise<AlertView> {
    return this.alertPage.shown(kind, timeoutMs);
  }

  /** Waits until no alert is visible. */
  waitNoAlert(timeoutMs = 5_000): Promise<void> {
    return this.alertPage.gone(timeoutMs);
  }

  /** A user's trusted mouse click on the alert button with this visible label, once the alert accepts clicks. */
  clickAlert(label: string): Promise<void> {
    return this.alertPage.choose(label);
  }

  /**
   * A trusted mouse click at the centre of the page's element (`>>>` pierces open shadow roots), as a
   * user's: no actionability retries. Playwright's own click retries a click whose pointerdown the page
   * (here KeyWard, holding a send) stopped, and then finds the alert over the button.
   */
  async clickAt(selector: string): Promise<void> {
    const point = await this.page.evaluate((sel) => {
      let root: Document | ShadowRoot = document;
      let el: Element | null = null;
      for (const part of sel.split('>>>').map((p) => p.trim())) {
        el = root.querySelector(part);
        if (!el) return null;
        if (el.shadowRoot) root = el.shadowRoot;
      }
      el!.scrollIntoView({ block: 'nearest' });
      const r = el!.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    }, selector);
    if (!point) throw new Error(`No element ${selector}`);
    const raw = (this.page as KwPage & { raw: { mouse: { click(x: number, y: number): Promise<void> } } }).raw;
    await raw.mouse.click(point.x, point.y);
  }

  /** A script click (untrusted, `isTrusted` false) on the alert button with this label; false when there is none. */
  scriptClickAlert(label: string): Promise<boolean> {
    return this.alertPage.scriptClick(label);
  }

  /** Types text with trusted key events into a field. */
  async type(field: string, text: string): Promise<void> {
    await this.focus(field);
    await this.page.type(text);
  }
}

/**
 * The user's own paste into whatever has focus: `text` on the system clipboard, then a trusted
 * Control+V (see {@link GuardPage.realPaste}). Only the user's own actions become sightings: a
 * script-made paste is blocked but not recorded. Returns false when the browser refused the clipboard.
 */
export async function clipboardPaste(page: KwPage, text: string, focus: () => Promise<void>): Promise<boolean> {
  await page.bringToFront();
  await focus();
  const written = await page.evaluate(async (value) => {
    try {
      await navigator.clipboard.writeText(value);
      return (await navigator.clipboard.readText()) === value;
    } catch {
      return false;
    }
  }, text);
  if (!written) return false;
  await focus();
  await page.press('Control+V');
  return true;
}

/**
 * Puts a file of `count` numbered lines in a code editor and, with trusted keys as a user would,
 * moves the caret to the end of line `line` (1-based). Returns the file's lines.
 */
export async function openLongFile(g: GuardPage, field: string, count: number, line: number): Promise<string[]> {
  const lines = Array.from({ length: count }, (_, i) => `const line${i + 1} = ${i + 1};`);
  await g.page.evaluate(({ name, text }) => window.__kw.fields[name]!.setText(text), { name: field, text: lines.join('\n') });
  await g.focus(field);
  await g.page.press('Control+Home');
  for (let i = 1; i < line; i++) await g.page.press('ArrowDown');
  await g.page.press('End');
  return lines;
}

/** Waits a little for the guard to settle (typing alerts come after a 300 ms pause, see GUARD-NOTES.md). */
export function settle(ms = 600): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Every kind of field a user pastes into: site, field name, and the kind's name for the test title. */
export const FIELD_KINDS: readonly [SiteName, string, string][] = [
  ['issue', 'body', 'textarea'],
  ['issue', 'title', 'text input'],
  ['ask', 'body', 'plain contenteditable'],
  ['chatgpt', 'composer', 'ProseMirror'],
  ['githubEditor', 'editor', 'CodeMirror 6'],
  ['codesandbox', 'editor', 'Monaco'],
  ['messenger', 'composer', 'Lexical'],
  ['gemini', 'composer', 'Quill'],
  ['discord', 'composer', 'Slate'],
];

/** A fresh key built at run time (never a literal), and the redacted form the alert may show. */
export function testKey(seed = 1, shape = 'openai-project-164'): { key: string; redacted: string } {
  const key = makeKey(shape, seededRng(seed));
  return { key, redacted: redact(key) };
}

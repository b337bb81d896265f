import type { Engine } from './browsers';

/** A response for a routed request: HTML for a page, or any body with its content type. */
export type RoutedResponse = string | { body: string | Buffer; contentType: string; status?: number };

/** Answers a request to a routed site; undefined means 404. */
export type RouteHandler = (url: URL) => RoutedResponse | undefined;

/** Options for launching a browser with KeyWard loaded. */
export interface LaunchOptions {
  /**
   * Managed policy for KeyWard, written where the browser reads it before launch
   * (Chromium: /etc/chromium/policies/managed; Firefox: a managed-storage manifest under a private $HOME).
   */
  policy?: Record<string, unknown>;
  /** The colour scheme the system asks pages for (`prefers-color-scheme`); the browser's default (light) otherwise. */
  colorScheme?: 'light' | 'dark';
  /**
   * The browser's interface language (e.g. `de`), which `browser.i18n` answers in; English otherwise.
   * Needs the language's browser files (Debian: chromium-l10n, firefox-esr-l10n-de): see languageInstalled().
   */
  locale?: string;
}

/** One tab, with the same calls in both engines. Actions are trusted input events. */
export interface KwPage {
  readonly engine: Engine;
  goto(url: string): Promise<void>;
  url(): string;
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** Waits until `fn` returns a truthy value in the page, polling; returns that value. */
  waitFor<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A, timeoutMs?: number): Promise<R>;
  /** A trusted click on the first element matching a CSS selector (open shadow roots are pierced with `>>>`). */
  click(selector: string): Promise<void>;
  focus(selector: string): Promise<void>;
  /** Types text with trusted key events into the focused element. */
  type(text: string): Promise<void>;
  /** Presses a key or chord, e.g. `Enter`, `Control+V`. */
  press(key: string): Promise<void>;
  screenshot(path: string): Promise<void>;
  /** Reloads the current page. */
  reload(): Promise<void>;
  bringToFront(): Promise<void>;
  close(): Promise<void>;
}

/** A browser with KeyWard installed, as the tests see it. */
export interface KwBrowser {
  readonly engine: Engine;
  /** `chrome-extension://<id>` or `moz-extension://<uuid>`, no trailing slash. */
  readonly extensionOrigin: string;
  /**
   * Serves a site at its real URL: requests whose URL starts with `prefix` (e.g. `https://github.com/`)
   * are answered by `handler`, so the extension's real match patterns run with no network.
   */
  route(prefix: string, handler: RouteHandler | Record<string, RoutedResponse>): Promise<void>;
  newPage(): Promise<KwPage>;
  /** Opens an extension page such as `popup.html` in a tab. */
  openExtensionPage(path: string): Promise<KwPage>;
  close(): Promise<void>;
}

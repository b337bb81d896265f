import { build } from 'esbuild';
import { resolve } from 'node:path';
import type { KwBrowser, KwPage } from './fixtures';
import type { Sighting } from '../../utils/inventory/sighting';

/**
 * Helpers for the inventory's e2e specs. Sightings here carry fingerprints and redacted forms only,
 * as the guard sends them; the no-full-key spec uses real pastes of keys built at run time.
 */

/** The few extension APIs the specs call from extension pages (`browser` in Firefox, `chrome` in Chromium). */
type ToolbarRead = 'getBadgeText' | 'getTitle';

export interface ExtensionApi {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  action?: Record<ToolbarRead, (details: object) => Promise<string>>;
  browserAction?: Record<ToolbarRead, (details: object) => Promise<string>>;
}

let counter = 0;

/** A sighting as the guard reports it (fingerprint n, with everything else overridable). */
export function sighting(n: number, overrides: Partial<Sighting> = {}): Sighting {
  counter += 1;
  return {
    id: `e2e-${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 8)}`,
    fingerprint: n.toString(16).padStart(16, '0'),
    redacted: `sk-proj-…${String(n).padStart(4, '0')}`,
    provider: 'openai',
    type: 'project key',
    rule: 'openai-project',
    origin: 'https://github.com',
    path: '/octo/repo/issues/new',
    event: 'paste',
    outcome: 'blocked',
    time: Date.now(),
    ...overrides,
  };
}

/** Sends one protocol message from an extension page, as the popup or the guard would. */
export function message<T = unknown>(page: KwPage, name: string, data: unknown): Promise<{ ok: boolean; data?: T; error?: string }> {
  return page.evaluate(
    async ({ name, data }) => {
      const api = ((globalThis as { browser?: unknown }).browser ?? (globalThis as { chrome?: unknown }).chrome) as ExtensionApi;
      return api.runtime.sendMessage({ keyward: name, data });
    },
    { name, data },
  ) as never;
}

/** Records sightings straight through the protocol (no outbox), all at once. */
export async function record(page: KwPage, sightings: Sighting[]): Promise<void> {
  const replies = await page.evaluate(async (all) => {
    const api = ((globalThis as { browser?: unknown }).browser ?? (globalThis as { chrome?: unknown }).chrome) as ExtensionApi;
    return Promise.all(all.map((data) => api.runtime.sendMessage({ keyward: 'recordSighting', data })));
  }, sightings);
  const failed = (replies as { ok: boolean; error?: string }[]).filter((r) => !r?.ok);
  if (failed.length) throw new Error(`recordSighting failed: ${JSON.stringify(failed[0])}`);
}

export interface Overview {
  total: number;
  keys: { fingerprint: string; redacted: string; count: number; rotatedAt?: number; sites: Record<string, number>; outcomes: Record<string, number>; name?: string }[];
  /** Sightings a tab sent over its bound per minute (counted, not recorded). */
  overLimit?: { count: number; since: number; lastOrigin: string };
}

/** The inventory as the popup reads it. */
export async function overview(page: KwPage): Promise<Overview> {
  const reply = await message<Overview>(page, 'inventoryOverview', {});
  if (!reply.ok) throw new Error(reply.error);
  return reply.data!;
}

/** Reads the toolbar button (MV3 `action`, Firefox MV2 `browserAction`): its badge text or its tooltip. */
function readToolbar(page: KwPage, what: ToolbarRead): Promise<string> {
  return page.evaluate((what) => {
    const api = ((globalThis as { browser?: unknown }).browser ?? (globalThis as { chrome?: unknown }).chrome) as ExtensionApi;
    return (api.action ?? api.browserAction)![what]({});
  }, what);
}

/** The toolbar badge's text. */
export const badgeText = (page: KwPage): Promise<string> => readToolbar(page, 'getBadgeText');
/** The toolbar button's tooltip. */
export const badgeTitle = (page: KwPage): Promise<string> => readToolbar(page, 'getTitle');

let bundle: Promise<string> | undefined;

/**
 * The real `utils/inventory/client.ts` (with `utils/messaging.ts`), bundled for an extension page:
 * exposes `globalThis.keywardOutbox()`. Lets the multi-tab and restart specs drive the very outbox
 * the guard uses, from extension pages, where `runtime.sendMessage` is the same as in a content script.
 */
export function clientBundle(): Promise<string> {
  bundle ??= build({
    stdin: {
      // `kw-jitless` first: schemas read zod's jitless flag when they are built. Code injected by the
      // test runner gets past zod's probe for a CSP that forbids eval, so the probe cannot be trusted here.
      contents: "import 'kw-jitless'; import { sightingOutbox } from './utils/inventory/client'; globalThis.keywardOutbox = sightingOutbox;",
      resolveDir: resolve('.'),
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    write: false,
    target: 'es2022',
    plugins: [
      {
        name: 'wxt-browser',
        setup(b) {
          b.onResolve({ filter: /^wxt\/browser$/ }, () => ({ path: 'wxt-browser', namespace: 'shim' }));
          b.onResolve({ filter: /^kw-jitless$/ }, () => ({ path: 'kw-jitless', namespace: 'shim' }));
          b.onLoad({ filter: /.*/, namespace: 'shim' }, (args) => ({
            contents:
              args.path === 'kw-jitless'
                ? "import { config } from 'zod'; config({ jitless: true });"
                : 'export const browser = globalThis.browser ?? globalThis.chrome;',
            loader: 'js',
            resolveDir: resolve('.'),
          }));
        },
      },
    ],
  }).then((r) => r.outputFiles[0]!.text);
  return bundle;
}

/** Opens an extension page with the outbox loaded. */
export async function pageWithOutbox(kw: KwBrowser): Promise<KwPage> {
  const page = await kw.openExtensionPage('popup.html');
  const code = await clientBundle();
  await (page as unknown as { raw: { evaluate(code: string): Promise<unknown> } }).raw.evaluate(code);
  return page;
}

/** Reports `count` sightings through the page's outbox; returns their ids. */
export function reportMany(page: KwPage, count: number, base: Omit<Sighting, 'id' | 'time'>): Promise<string[]> {
  return page.evaluate(
    ({ count, base }) => {
      const outbox = (globalThis as unknown as { keywardOutbox(): { report(r: unknown): string } }).keywardOutbox();
      return Array.from({ length: count }, (_, i) => outbox.report({ ...base, path: `${base.path}/${i}` }));
    },
    { count, base },
  );
}

/** Resolves when the page's outbox has every sighting acknowledged; returns how many are pending (0). */
export function outboxIdle(page: KwPage): Promise<number> {
  return page.evaluate(async () => {
    const outbox = (globalThis as unknown as { keywardOutbox(): { idle(): Promise<void>; size: number } }).keywardOutbox();
    await outbox.idle();
    return outbox.size;
  });
}

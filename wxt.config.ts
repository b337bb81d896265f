import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { managedStorageSchemaText } from './utils/policy/managed-schema';
import { isWholeSitePattern } from './utils/sites';

/**
 * The public half of KeyWard's signing key. It pins the Chrome extension id to
 * `nljhdllblphjniflnbmekkdpdhfgdped` for unpacked builds, so managed policy and tests can name it.
 * The private half is never committed.
 */
const CHROME_PUBLIC_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAt7E68REW8+rILwhVGYjF26KpjjkO0VjS/93tbZXMSFevEkKWD/rQxjBs6lfjT7CJ9+Cf2jPDUZ2SEF8ar4sn++Lcaibt6m4B7hrgVJZ6V2VLauquSZ0yltCKgq72se7kmqax+3nR6EBUAbfgVfXkkULCrn9ztC5HcLIqYSsD70QKpfe9EbuiJCDy7aZMcVBy+uswh11qUSVDCZXbY5L9glZM0FF1uZpR8sRTk4sUP3/fhl2niXISnFg2qz6ZQ+noKJLBBcqn3NIoYkROA529ptq9KLcA8hDEOel7dRDEvxwX1Uurmu+0vOM8uzwV9hc1rDY9bJx6Ob19TF50o+hEXQIDAQAB';

/** Firefox add-on id; managed storage and policies.json name the extension by it. */
export const GECKO_ID = 'keyward@keyward.dev';

export default defineConfig({
  // Parallel work (and parallel CI jobs) can build into separate folders; the e2e harness reads the same variable.
  outDir: process.env.KEYWARD_OUT_DIR ?? '.output',
  // Explicit imports everywhere: the engine and the CLI must not depend on WXT's auto-import magic.
  imports: false,
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact()],
    // terser rather than esbuild's minifier: about 2% smaller, which keeps the guard content script,
    // injected into every guarded page, under its 80 KiB budget (docs/benchmarks.md).
    build: { minify: 'terser', terserOptions: { compress: { passes: 2 } } },
  }),
  manifest: ({ browser }) => ({
    // In the browser's language: public/_locales/<language>/messages.json (English when the language has none).
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // alarms: timed pauses end on time, and team reporting's retries wake a stopped service worker.
    permissions: ['storage', 'scripting', 'tabs', 'alarms'],
    // Drawn by scripts/make-icons.mjs (the title comes from the popup's <title>); the per-tab states (paused, policy problem) are set by entrypoints/background/icon.ts.
    action: { default_icon: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png' } },
    // "Guard this site" in the popup asks for one site's host permission at that moment (never at install).
    ...(browser === 'firefox' ? { optional_permissions: ['*://*/*'] } : { optional_host_permissions: ['*://*/*'] }),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '115.0',
              // KeyWard collects nothing: the inventory never leaves the browser.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {
          key: CHROME_PUBLIC_KEY,
          // Team policy (docs/admin.md); the file is generated from utils/policy/schema.ts by the hook below.
          storage: { managed_schema: 'managed_schema.json' },
        }),
  }),
  hooks: {
    'vite:build:extendConfig': (entrypoints, viteConfig) => {
      // The guard content script runs in every guarded frame and has an 80 KiB budget: it uses the browser's own
      // promise-based API (Chrome MV3 `chrome.*`, Firefox `browser.*`) instead of webextension-polyfill (~10 KB).
      // Its start has a 2 ms budget: WXT's content script context, which the guard does not use, is left out.
      if (!entrypoints.every((e) => e.type === 'content-script')) return;
      const lite = (file: string) => fileURLToPath(new URL(`./utils/${file}`, import.meta.url));
      const alias = viteConfig.resolve?.alias;
      const existing = Array.isArray(alias) ? alias : Object.entries(alias ?? {}).map(([find, replacement]) => ({ find, replacement }));
      viteConfig.resolve = {
        ...viteConfig.resolve,
        alias: [
          { find: /^(wxt\/browser|@wxt-dev\/webextension-polyfill\/browser)$/, replacement: lite('browser-lite.ts') },
          { find: /^wxt\/utils\/content-script-context$/, replacement: lite('content-script-context-lite.ts') },
          ...existing,
        ],
      };
    },
    'build:manifestGenerated': (_wxt, manifest) => {
      // Frames and windows a guarded page makes (about:blank and srcdoc frames, sandboxed ones, blob: and
      // data: frames, window.open('') popups) are guarded as that page: match_origin_as_fallback
      // (Chrome 99+, Firefox 128+) runs the guard where the document's origin, or the origin it was
      // made from, matches. It requires patterns whose path is /*, so others keep an entry without it.
      const entries = manifest.content_scripts ?? [];
      const guard = entries.find((e) => e.js?.some((file) => file.endsWith('/guard.js')));
      if (!guard) return;
      const matches = guard.matches ?? [];
      const partial = matches.filter((p) => !isWholeSitePattern(p));
      guard.matches = matches.filter(isWholeSitePattern);
      Object.assign(guard, { match_origin_as_fallback: true });
      if (partial.length > 0) entries.push({ ...guard, matches: partial, match_origin_as_fallback: false } as typeof guard);
    },
    'build:publicAssets': (wxt, files) => {
      // Firefox reads managed storage without a schema (its managed-storage manifest), so Chrome only.
      if (wxt.config.browser !== 'firefox') files.push({ relativeDest: 'managed_schema.json', contents: managedStorageSchemaText() });
    },
  },
});

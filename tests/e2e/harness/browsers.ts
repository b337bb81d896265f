import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** Which browser engine a test runs in. */
export type Engine = 'chromium' | 'firefox';

/** Environment variables that point the tests at a browser binary, first match wins. */
export const BROWSER_ENV: Record<Engine, readonly string[]> = {
  chromium: ['KEYWARD_CHROMIUM', 'CHROMIUM_PATH', 'CHROME_PATH'],
  firefox: ['KEYWARD_FIREFOX', 'FIREFOX_PATH'],
};

/** Where Debian (`apt-get install chromium firefox-esr`) and common distributions put them. */
const DEFAULT_PATHS: Record<Engine, readonly string[]> = {
  chromium: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'],
  firefox: ['/usr/bin/firefox-esr', '/usr/bin/firefox'],
};

/** The browser binary for an engine, or undefined when none is found. */
export function findBrowser(engine: Engine): string | undefined {
  for (const name of BROWSER_ENV[engine]) {
    const value = process.env[name];
    if (value && existsSync(value)) return value;
  }
  return DEFAULT_PATHS[engine].find((path) => existsSync(path));
}

/** Like findBrowser, but throws a message that says how to fix it. */
export function requireBrowser(engine: Engine): string {
  const path = findBrowser(engine);
  if (path) return path;
  throw new Error(
    `No ${engine} found. Install it (Debian: apt-get install -y ${engine === 'chromium' ? 'chromium' : 'firefox-esr'}) ` +
      `or set ${BROWSER_ENV[engine].join(' or ')} to the browser binary.`,
  );
}

/** The built, unpacked extension for an engine (`npm run build` writes both). */
export function extensionDir(engine: Engine): string {
  const out = process.env.KEYWARD_OUT_DIR ?? '.output';
  const dir = resolve(out, engine === 'chromium' ? 'chrome-mv3' : 'firefox-mv2');
  if (!existsSync(resolve(dir, 'manifest.json'))) {
    throw new Error(`${dir} is missing: run \`npm run build\` before the e2e tests.`);
  }
  return dir;
}

/** The Chrome extension id fixed by the manifest `key` in wxt.config.ts. */
export const CHROME_EXTENSION_ID = 'nljhdllblphjniflnbmekkdpdhfgdped';
/** The Firefox add-on id (gecko id) from wxt.config.ts. */
export const GECKO_ID = 'keyward@keyward.dev';
/** The moz-extension:// host the tests pin through the `extensions.webextensions.uuids` pref. */
export const FIREFOX_EXTENSION_UUID = '6b1c1f1e-4e7a-4f0a-9d3c-6b2f2b7d0a11';

/**
 * The files a browser needs to show its interface (and answer `browser.i18n`) in German, where
 * Debian installs them: chromium-l10n's locale packs, firefox-esr-l10n-de's language pack.
 */
const GERMAN_FILES: Record<Engine, { file: string; debian: string }> = {
  chromium: { file: '/usr/lib/chromium/locales/de.pak', debian: 'chromium-l10n' },
  firefox: { file: '/usr/lib/firefox-esr/browser/extensions/langpack-de@firefox-esr.mozilla.org.xpi', debian: 'firefox-esr-l10n-de' },
};

/** Why the browser cannot be put in German here, or undefined when it can. */
export function germanMissing(engine: Engine): string | undefined {
  const { file, debian } = GERMAN_FILES[engine];
  return existsSync(file) ? undefined : `${engine} has no German language files (${file}); install them: apt-get install -y ${debian}`;
}

// Finds Debian's Chromium and firefox-esr for the tests, installing them with apt-get when we can.
// Kept in plain JS (not the e2e harness's TS) because it runs before anything is built.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

export const BROWSERS = {
  chromium: { env: ['KEYWARD_CHROMIUM', 'CHROMIUM_PATH', 'CHROME_PATH'], paths: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'], debian: 'chromium' },
  firefox: { env: ['KEYWARD_FIREFOX', 'FIREFOX_PATH'], paths: ['/usr/bin/firefox-esr', '/usr/bin/firefox'], debian: 'firefox-esr' },
};

/**
 * The German interface files for Debian's browsers (the e2e test of the German rendering needs them),
 * by a file each package installs. Mirrors GERMAN_FILES in tests/e2e/harness/browsers.ts.
 */
const GERMAN = {
  chromium: { file: '/usr/lib/chromium/locales/de.pak', debian: 'chromium-l10n' },
  firefox: { file: '/usr/lib/firefox-esr/browser/extensions/langpack-de@firefox-esr.mozilla.org.xpi', debian: 'firefox-esr-l10n-de' },
};

/** The binary for an engine, or undefined. Mirrors tests/e2e/harness/browsers.ts. */
export function findBrowser(engine) {
  const { env, paths } = BROWSERS[engine];
  for (const name of env) if (process.env[name] && existsSync(process.env[name])) return process.env[name];
  return paths.find((p) => existsSync(p));
}

/**
 * Makes sure both browsers are there: finds them, or installs the missing ones from Debian's
 * packages when running as root with apt-get. Returns a list of problems (empty when all is well).
 */
export function ensureBrowsers(log = console.log) {
  const missing = Object.keys(BROWSERS).filter((engine) => !findBrowser(engine));
  // Debian's browsers (found or about to be installed) without their German files: those are installed
  // alongside; a browser from elsewhere is left as it is (the German e2e test then says it skips).
  const german = Object.keys(GERMAN).filter(
    (engine) => (missing.includes(engine) || findBrowser(engine) === BROWSERS[engine].paths[0]) && !existsSync(GERMAN[engine].file),
  );
  if (missing.length === 0 && german.length === 0) return [];
  const packages = [...missing.map((engine) => BROWSERS[engine].debian), ...german.map((engine) => GERMAN[engine].debian)];
  const canApt = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (canApt) {
    log(`Installing ${packages.join(' and ')} from Debian's packages (apt-get)…`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    if (update.status === 0) spawnSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env });
  }
  return missing
    .filter((engine) => !findBrowser(engine))
    .map(
      (engine) =>
        `No ${engine} browser found${canApt ? ' and apt-get could not install it' : ''}. ` +
        `Install it (Debian: sudo apt-get install -y ${BROWSERS[engine].debian}) or point ` +
        `${BROWSERS[engine].env.join(' or ')} at its binary.`,
    );
}

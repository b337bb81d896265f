#!/usr/bin/env node
// `npm run bench:browser`: KeyWard's costs in a real headless Chromium, against the same pages with
// no extension loaded. Prints figures (it never fails on them) and writes them into docs/benchmarks.md
// under "## In the browser". Each module in scripts/bench-browser/*.mjs exports `run(ctx)` and
// returns a markdown section; this file only launches browsers and collects the sections.
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findBrowser } from './lib/browsers.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = resolve(root, process.env.KEYWARD_OUT_DIR ?? '.output');
const extensionDir = join(outDir, 'chrome-mv3');
const docPath = join(root, 'docs', 'benchmarks.md');
const HEADING = '## In the browser';

/** Flags that keep a headless Chromium quiet on a machine with no network (as the e2e harness). */
const QUIET_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const temps = [];

/**
 * Launches headless Chromium, with the built extension (`extension: dir`) or without (`null`).
 * `sites` maps a URL prefix to (url: URL) => body | {body, contentType} | undefined; other requests fail.
 */
async function launch({ extension, sites = {}, policy, passThrough = [] }) {
  const executablePath = findBrowser('chromium');
  if (!executablePath) throw new Error('No Chromium found (Debian: apt-get install -y chromium, or set KEYWARD_CHROMIUM).');
  const args = [...QUIET_FLAGS, ...(extension ? [`--disable-extensions-except=${extension}`, `--load-extension=${extension}`] : ['--disable-extensions'])];
  const policyFile = policy ? writeBenchPolicy(policy) : undefined;
  const context = await chromium.launchPersistentContext('', { executablePath, headless: true, args });
  if (policyFile) context.on('close', () => rmSync(policyFile, { force: true }));
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (passThrough.some((p) => url.href.startsWith(p))) return route.continue();
    const prefix = Object.keys(sites).find((p) => url.href.startsWith(p));
    const found = prefix ? sites[prefix](url) : undefined;
    if (found === undefined) return url.protocol.startsWith('http') ? route.abort('blockedbyclient') : route.continue();
    const body = typeof found === 'string' ? found : found.body;
    // Cross-origin isolation gives performance.now() 5 µs resolution instead of 100 µs.
    const headers = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
    await route.fulfill({ status: 200, headers, contentType: typeof found === 'string' ? 'text/html; charset=utf-8' : found.contentType, body });
  });
  if (extension) context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  return context;
}

/** The extension id the manifest key fixes (README), which managed policy names. */
const EXTENSION_ID = 'nljhdllblphjniflnbmekkdpdhfgdped';
const POLICY_DIR = '/etc/chromium/policies/managed';

/** Writes a managed policy for the build's extension id (Chromium reads the directory at start); returns the file. */
function writeBenchPolicy(policy) {
  mkdirSync(POLICY_DIR, { recursive: true });
  const file = join(POLICY_DIR, `keyward-bench-${process.pid}.json`);
  writeFileSync(file, JSON.stringify({ '3rdparty': { extensions: { [EXTENSION_ID]: policy } } }));
  temps.push(file);
  return file;
}

/**
 * A copy of the built extension whose content script is wrapped by `prefix` and `suffix` (code that
 * runs in the content script's own isolated world, before and after it). Measurement only.
 */
function instrumentedCopy(prefix, suffix) {
  const dir = mkdtempSync(join(tmpdir(), 'keyward-bench-'));
  temps.push(dir);
  cpSync(extensionDir, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  for (const script of manifest.content_scripts ?? []) {
    for (const file of script.js ?? []) {
      const path = join(dir, file);
      writeFileSync(path, `${prefix}\n${readFileSync(path, 'utf8')}\n${suffix}`);
    }
  }
  return dir;
}

/** Test keys come from tests/helpers/keys.ts (never a literal), bundled on the fly. */
async function loadKeys() {
  const result = await build({ entryPoints: [join(root, 'tests/helpers/keys.ts')], bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'silent' });
  const file = join(mkdtempSync(join(tmpdir(), 'keyward-keys-')), 'keys.mjs');
  temps.push(dirname(file));
  writeFileSync(file, result.outputFiles[0].text);
  return import(pathToFileURL(file).href);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Replaces (or appends) the "## In the browser" section of docs/benchmarks.md. */
function writeDoc(body) {
  const current = existsSync(docPath) ? readFileSync(docPath, 'utf8') : '# Benchmarks\n';
  const section = `${HEADING}\n\n${body.trim()}\n`;
  const start = current.indexOf(`${HEADING}\n`);
  let next;
  if (start === -1) next = `${current.trimEnd()}\n\n${section}`;
  else {
    const after = current.slice(start + HEADING.length);
    const end = after.search(/\n## /);
    next = current.slice(0, start) + section + (end === -1 ? '' : after.slice(end));
  }
  writeFileSync(docPath, next.endsWith('\n') ? next : `${next}\n`);
}

async function main() {
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    console.error(`${extensionDir} is missing: run \`npm run build\` (or set KEYWARD_OUT_DIR) first.`);
    process.exit(1);
  }
  /**
   * What each scripts/bench-browser/*.mjs module's `run(ctx)` gets; it returns a markdown section (### heading) or nothing.
   * - `launch({ extension, sites, policy, passThrough })`: a headless Chromium (Playwright BrowserContext) with the
   *   extension at the path `extension` (`ctx.extensionDir` for the build, or null for none), serving `sites` (URL
   *   prefix → (url) => body), with `policy` as KeyWard's managed policy (root: /etc/chromium/policies/managed) and
   *   requests to the `passThrough` URL prefixes let through to the network (a receiver on 127.0.0.1); close it yourself. Extension pages: `chrome-extension://nljhdllblphjniflnbmekkdpdhfgdped/popup.html`.
   * - `instrumentedCopy(prefix, suffix)`: a temp copy of the build with code around each content script.
   * - `loadKeys()`: tests/helpers/keys.ts (makeKey, seededRng, ALL_SHAPES); `median`, `percentile`, `log`.
   */
  const ctx = { root, outDir, extensionDir, launch, instrumentedCopy, loadKeys, median, percentile, log: (line) => console.log(line) };
  const dir = join(root, 'scripts', 'bench-browser');
  // `npm run bench:browser -- reporting` runs the modules whose names start with the given words, prints, writes nothing.
  const only = process.argv.slice(2);
  const modules = readdirSync(dir)
    .filter((f) => f.endsWith('.mjs') && (only.length === 0 || only.some((o) => f.startsWith(o))))
    .sort();
  const sections = [];
  const chromiumVersion = await (async () => {
    const browser = await chromium.launch({ executablePath: findBrowser('chromium'), headless: true, args: QUIET_FLAGS });
    const version = browser.version();
    await browser.close();
    return version;
  })();
  console.log(`KeyWard in the browser: headless Chromium ${chromiumVersion}, extension from ${extensionDir}\n`);
  for (const file of modules) {
    const module = await import(pathToFileURL(join(dir, file)).href);
    if (typeof module.run !== 'function') continue;
    console.log(`— ${file}`);
    const section = await module.run(ctx);
    if (section) sections.push(section.trim());
  }
  const header = [
    'Measured by `npm run bench:browser` (after `npm run build`) in headless Chromium',
    `${chromiumVersion} on this machine (${process.platform}, Node ${process.versions.node}), ${new Date().toISOString().slice(0, 10)}.`,
    'Each figure is compared with the same page in a Chromium without the extension ("no extension") in the same run.',
    `The machine has ${(await import('node:os')).cpus().length} cores, possibly shared with other jobs during the run: differences under about 1 ms between runs are noise.`,
  ].join(' ');
  if (only.length > 0) {
    console.log(`\n${sections.join('\n\n')}\n\n(only ${modules.join(', ')}: docs/benchmarks.md left as it was)`);
    return;
  }
  writeDoc([header, ...sections].join('\n\n'));
  console.log(`\nWritten to ${docPath} under "${HEADING}".`);
}

try {
  await main();
} finally {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
}

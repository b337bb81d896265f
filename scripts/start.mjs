#!/usr/bin/env node
// `npm start`: builds KeyWard for both browsers, then opens Chromium with it on local demo pages served
// at real site addresses (a GitHub issue form, a ChatGPT-like ProseMirror composer, a CodeMirror paste
// site). With a display it opens a window and waits until you close it; without one it runs the same
// demo headless, prints each step, saves screenshots to artifacts/demo/ and exits non-zero if a step fails.
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEMO_HELP } from './demo/help.mjs';
import { findBrowser } from './lib/browsers.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = resolve(root, process.env.KEYWARD_OUT_DIR ?? '.output');
const extensionDir = join(outDir, 'chrome-mv3');
const shots = join(root, 'artifacts', 'demo');
const headed = Boolean(process.env.DISPLAY) && !process.argv.includes('--headless');

function step(text) {
  console.log(`• ${text}`);
}

/** The fixture sites the e2e tests use (tests/e2e/pages), bundled for Node on the fly. */
async function loadSites() {
  const outfile = join(root, 'tests/e2e/pages/.build/sites.mjs');
  await build({ entryPoints: [join(root, 'tests/e2e/pages/sites.ts')], bundle: true, platform: 'node', format: 'esm', outfile, external: ['esbuild'], logLevel: 'silent' });
  return import(pathToFileURL(outfile).href);
}

async function launch(sites) {
  const executablePath = findBrowser('chromium');
  if (!executablePath) throw new Error('No Chromium found (Debian: apt-get install -y chromium, or set KEYWARD_CHROMIUM).');
  const context = await chromium.launchPersistentContext('', {
    executablePath,
    headless: !headed,
    viewport: headed ? null : { width: 1100, height: 800 },
    args: [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`, '--no-first-run', '--disable-quic', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const routes = [];
  // The same routing as the e2e harness: a demo site at its real URL, nothing else leaves the machine.
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    const found = routes.find((r) => url.href.startsWith(r.prefix))?.handler(url);
    if (found === undefined) return url.protocol.startsWith('http') ? route.abort('blockedbyclient') : route.continue();
    if (typeof found === 'string') return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: found });
    return route.fulfill({ status: 200, contentType: found.contentType, body: found.body });
  });
  await sites.serveSites({ route: async (prefix, handler) => void routes.unshift({ prefix, handler }) }, DEMO_HELP);
  context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  return context;
}

/** The visible alert: kind and button labels, read from its open shadow root. */
function readAlert(page) {
  return page.evaluate(() => {
    const host = document.querySelector('keyward-alert');
    const box = host?.shadowRoot?.querySelector('[role]');
    if (!host || !box || box.getClientRects().length === 0) return null;
    return { kind: host.dataset.keywardAlert, text: box.innerText, buttons: Array.from(host.shadowRoot.querySelectorAll('button')).map((b) => b.textContent.trim()) };
  });
}

async function waitAlert(page, kind) {
  await page.waitForFunction((k) => document.querySelector('keyward-alert')?.dataset.keywardAlert === k, kind, { timeout: 5_000 });
  await page.waitForTimeout(250); // let it finish drawing before a screenshot
  return readAlert(page);
}

const fieldText = (page, name) => page.evaluate((n) => window.__kw.fields[n].text(), name);
const redactedLook = (key) => `${key.slice(0, 8)}…${key.slice(-4)}`;

async function headlessDemo(context, SITES) {
  mkdirSync(shots, { recursive: true });
  const page = await context.newPage();
  const shot = async (name) => {
    await page.screenshot({ path: join(shots, name) });
    step(`  screenshot artifacts/demo/${name}`);
  };
  const check = (ok, what) => {
    if (!ok) throw new Error(`Step failed: ${what}`);
  };

  step(`Open ${SITES.issue.url} (a GitHub issue form served locally)`);
  await page.goto(SITES.issue.url);
  await page.waitForFunction(() => document.documentElement.dataset.keywardGuard === 'on');
  step('Click "Copy a demo key": a fake OpenAI key is made in the page and put on the clipboard');
  await page.click('#copy-demo-key');
  const key = await page.evaluate(() => window.__demoKey);
  check(typeof key === 'string' && key.length > 40, 'the page made a demo key');
  step(`Paste it (Ctrl+V) into the Description box (key ${redactedLook(key)})`);
  await page.click('#issue_body');
  await page.keyboard.press('Control+V');
  let alert = await waitAlert(page, 'block');
  check(alert?.buttons.includes('Insert with key redacted'), 'the block alert is shown with its choices');
  check(!(await fieldText(page, 'body')).includes(key), 'the key did not reach the field');
  check(!(await page.evaluate((k) => window.__seen.some((e) => e.includes(k)), key)), "the page's own paste handler never saw the key");
  step(`Blocked: the alert says "${alert.text.split("\n").filter((l) => l.trim().length > 2).slice(0, 2).join(" — ")}"; the page saw nothing`);
  await shot('01-paste-blocked.png');
  step('Click "Insert with key redacted"');
  await page.click('keyward-alert button.insert-redacted');
  await page.waitForFunction(() => !document.querySelector('keyward-alert'));
  const body = await fieldText(page, 'body');
  check(body.length > 0 && !body.includes(key) && body.includes(key.slice(-4)), 'the redacted form is in the field');
  step(`The field now holds "${body}"`);
  await shot('02-inserted-redacted.png');

  step(`Open ${SITES.chatgpt.url} (a ChatGPT-like ProseMirror composer)`);
  await page.goto(SITES.chatgpt.url);
  await page.waitForFunction(() => document.documentElement.dataset.keywardGuard === 'on' && window.__kw);
  step('Type "my key is <the key>" into the composer');
  await page.click('#prompt-textarea');
  await page.keyboard.type(`my key is ${key}`);
  alert = await waitAlert(page, 'warn');
  check(alert?.buttons.includes('Remove key'), 'typing a key shows the warn alert');
  check((await fieldText(page, 'composer')).includes(key), 'typed text goes through (warn)');
  step('Warned: the text stays, the alert offers "Remove key"');
  await shot('03-typing-warn.png');
  step('Click "Dismiss", then press Enter to send');
  await page.click('keyward-alert button.dismiss');
  await page.waitForFunction(() => !document.querySelector('keyward-alert'));
  await page.click('#prompt-textarea');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  alert = await waitAlert(page, 'block');
  check(alert !== null && (await page.evaluate(() => window.__sent.length)) === 0, 'the send is held while the key is in the composer');
  step('Held: nothing was sent, the block alert asks what to do');
  await shot('04-send-held.png');
  step('Click "Insert with key redacted", then Enter again');
  await page.click('keyward-alert button.insert-redacted');
  await page.waitForFunction(() => !document.querySelector('keyward-alert'));
  await page.click('#prompt-textarea');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.__sent.length === 1, null, { timeout: 5_000 });
  const sent = await page.evaluate(() => window.__sent[0]);
  check(!sent.includes(key), 'the sent message has no key');
  step(`Sent: "${sent}"`);
  await shot('05-sent-redacted.png');

  step(`Open ${SITES.pastebin.url} (CodeMirror 6) and paste the key`);
  await page.goto(SITES.pastebin.url);
  await page.waitForFunction(() => document.documentElement.dataset.keywardGuard === 'on' && window.__kw);
  await page.evaluate((k) => navigator.clipboard.writeText(k), key);
  await page.click('.cm-content');
  await page.keyboard.press('Control+V');
  alert = await waitAlert(page, 'block');
  check(alert !== null && !(await fieldText(page, 'editor')).includes(key), 'the paste into CodeMirror is blocked');
  step('Blocked in CodeMirror too');
  await shot('06-codemirror-blocked.png');
}

async function main() {
  if (!process.argv.includes('--no-build')) {
    step('Building KeyWard for Chrome and Firefox (npm run build)…');
    const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
  if (!existsSync(join(extensionDir, 'manifest.json'))) throw new Error(`${extensionDir} is missing: the build did not produce it.`);
  const sites = await loadSites();
  const context = await launch(sites);
  if (headed) {
    const names = ['issue', 'chatgpt', 'pastebin'];
    const first = context.pages()[0] ?? (await context.newPage());
    await first.goto(sites.SITES[names[0]].url);
    for (const name of names.slice(1)) await (await context.newPage()).goto(sites.SITES[name].url);
    await first.bringToFront();
    console.log('KeyWard demo is open: follow the yellow box on each tab. Close the browser window to stop.');
    await new Promise((resolve) => context.on('close', resolve));
    return;
  }
  console.log('No display: running the demo headless.\n');
  try {
    await headlessDemo(context, sites.SITES);
    console.log('\nDemo finished: every step behaved as described.');
  } finally {
    await context.close();
  }
}

main().catch((error) => {
  console.error(`\n${error instanceof Error ? error.message : error}`);
  process.exit(1);
});

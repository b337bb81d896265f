#!/usr/bin/env node
// `npm test`: the whole check, in the order a failure is cheapest to find.
//   browsers → type-check → unit tests → build both extensions and the CLI → web-ext lint (Firefox)
//   → keyward scan over the repository → e2e in Chromium and Firefox.
// Ends with one plain line, `N passed, N failed`, counting every test and check.
// `--e2e-only` skips to the e2e tests (after building); extra arguments go to Playwright.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { ensureBrowsers } from './lib/browsers.mjs';

const args = process.argv.slice(2);
const e2eOnly = args.includes('--e2e-only');
const playwrightArgs = args.filter((a) => a !== '--e2e-only');
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function step(title) {
  console.log(`\n━━ ${title}`);
}

function run(command, commandArgs, options = {}) {
  const result = spawnSync(command, commandArgs, { stdio: 'inherit', ...options });
  return result.status === 0;
}

/** A check that is not a test runner of its own counts as one test. */
function check(title, ok) {
  if (ok) totals.passed += 1;
  else {
    totals.failed += 1;
    failures.push(title);
  }
}

function finish() {
  if (failures.length) console.log(`\nFailed: ${failures.join('; ')}`);
  console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
  process.exit(totals.failed ? 1 : 0);
}

const npx = (bin, binArgs, options) => run('npx', ['--no-install', bin, ...binArgs], options);

step('Browsers (Debian chromium and firefox-esr)');
const problems = ensureBrowsers();
for (const problem of problems) console.error(problem);
check('browsers found', problems.length === 0);

if (!e2eOnly) {
  step('Type-check (tsc)');
  check('type-check', npx('tsc', ['--noEmit', '-p', '.']));

  step('Unit tests (vitest)');
  rmSync('test-results/unit.json', { force: true });
  const unitOk = npx('vitest', ['run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/unit.json']);
  if (existsSync('test-results/unit.json')) {
    const unit = JSON.parse(readFileSync('test-results/unit.json', 'utf8'));
    totals.passed += unit.numPassedTests;
    totals.failed += unit.numFailedTests;
    totals.skipped += unit.numPendingTests + (unit.numTodoTests ?? 0);
    if (unit.numFailedTests || !unitOk) failures.push('unit tests');
  } else check('unit tests ran', false);
}

step('Build (Chrome MV3, Firefox MV2, keyward CLI)');
const built = run('npm', ['run', '--silent', 'build']);
check('build', built);
if (!built) finish();

if (!e2eOnly) {
  step('web-ext lint on the Firefox build');
  check('web-ext lint', npx('web-ext', ['lint', '--source-dir', `${process.env.KEYWARD_OUT_DIR ?? '.output'}/firefox-mv2`, '--self-hosted', '--warnings-as-errors=false']));

  step('keyward scan over the repository finds no key-shaped string');
  const files = spawnSync('git', ['ls-files', '-z'], { encoding: 'utf8' }).stdout.split('\0').filter(
    (f) => f && existsSync(f) && f !== 'package-lock.json',
  );
  const scan = spawnSync('node', ['dist/keyward.mjs', 'scan', ...files], { stdio: 'inherit' });
  check('keyward scan of the repository', files.length > 0 && scan.status === 0);
}

if (problems.length === 0) {
  step('E2E tests (Chromium through Playwright, Firefox through puppeteer over WebDriver BiDi)');
  rmSync('test-results/e2e.json', { force: true });
  const e2eOk = npx('playwright', ['test', ...playwrightArgs]);
  if (existsSync('test-results/e2e.json')) {
    const { stats } = JSON.parse(readFileSync('test-results/e2e.json', 'utf8'));
    totals.passed += stats.expected + stats.flaky;
    totals.failed += stats.unexpected;
    totals.skipped += stats.skipped;
    if (stats.unexpected || !e2eOk) failures.push('e2e tests');
  } else check('e2e tests ran', false);
} else {
  console.error('\nE2E tests not run: no browser (see above).');
}

finish();

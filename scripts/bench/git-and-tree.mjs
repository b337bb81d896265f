// Whole-process rows a pre-commit hook and a CI job feel: 20 staged files, and a tree (a copy of this
// project's node_modules), each for `keyward scan`, secretlint and ripgrep in the same run.
import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { best, wallTime } from './timing.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const PRESET_ID = '@secretlint/secretlint-rule-preset-recommend';
const secretlintBin = join(root, 'node_modules/secretlint/bin/secretlint.js');

/**
 * Best of `runs` (after one untimed run that warms the page cache) of a command.
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd: string, runs: number, timeoutMs: number, codes: number[] }} options
 * @returns {Promise<{ ms: number, cpuMs: number, stdout: string, runs: number, timedOut: boolean }>}
 */
export async function timeCommand(command, args, { cwd, runs, timeoutMs, codes }) {
  const warm = await wallTime(command, args, { cwd, timeoutMs });
  if (warm.timedOut) return { ms: Infinity, cpuMs: Infinity, stdout: '', runs: 0, timedOut: true };
  // A run of a minute or more is long enough for noise not to matter: do not repeat it.
  const repeat = warm.ms >= 60_000 ? 0 : runs;
  const times = [warm.ms];
  const cpuTimes = [warm.cpuMs ?? Infinity];
  let stdout = warm.stdout;
  for (let i = 0; i < repeat; i++) {
    const run = await wallTime(command, args, { cwd, timeoutMs });
    if (run.timedOut) break;
    if (!codes.includes(run.code ?? -1)) throw new Error(`${command} ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
    times.push(run.ms);
    cpuTimes.push(run.cpuMs ?? Infinity);
    stdout = run.stdout;
  }
  // Without repeats, the warm-up is the only run there is.
  const timed = repeat === 0 ? times : times.slice(1);
  return { ms: best(timed), cpuMs: best(repeat === 0 ? cpuTimes : cpuTimes.slice(1)), stdout, runs: timed.length, timedOut: false };
}

/**
 * The regex a ripgrep user would search for OpenAI keys, the shapes the engine finds through the
 * marker (built at run time from the marker, so no key-like literal sits in this file).
 * @param {string} marker
 */
export const openAiRegex = (marker) => `sk-[A-Za-z0-9_-]*${marker}[A-Za-z0-9_-]+`;

/**
 * A git repository with 20 files staged: code, logs and prose cut from the bench corpus (~50 KB
 * each, so some hold planted keys), as a commit that touches 20 files would stage them.
 * @param {string} dir
 * @param {string} text the corpus
 * @returns {Promise<string[]>} the staged files' names
 */
export async function makeStagedRepo(dir, text) {
  await mkdir(dir, { recursive: true });
  const git = (/** @type {string[]} */ ...args) => {
    const run = spawnSync('git', args, { cwd: dir, env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } });
    if (run.status !== 0) throw new Error(`git ${args.join(' ')}: ${run.stderr}`);
  };
  git('init', '-q');
  const names = [];
  const size = 50_000;
  for (let i = 0; i < 20; i++) {
    const start = text.indexOf('\n', i * size) + 1;
    const end = text.indexOf('\n', start + size) + 1;
    const name = `file-${String(i).padStart(2, '0')}.txt`;
    await writeFile(join(dir, name), text.slice(start, end));
    names.push(name);
  }
  await writeFile(join(dir, '.secretlintrc.json'), JSON.stringify({ rules: [{ id: PRESET_ID }] }));
  git('add', ...names);
  return names;
}

/**
 * A copy of this project's node_modules, made of hard links (the same bytes on disk, no copying),
 * with a secretlint config beside it.
 * @param {string} dir the parent; the tree is `dir/tree`
 * @returns {Promise<string>} the tree's path
 */
export async function makeTree(dir) {
  await mkdir(dir, { recursive: true });
  const tree = join(dir, 'tree');
  const copy = spawnSync('cp', ['-al', join(root, 'node_modules'), tree]);
  if (copy.status !== 0) throw new Error(`cp -al node_modules failed: ${copy.stderr}`);
  await writeFile(join(dir, '.secretlintrc.json'), JSON.stringify({ rules: [{ id: PRESET_ID }] }));
  return tree;
}

/**
 * secretlint's CLI on `targets` (file names or globs relative to `cwd`, where its config is).
 * @param {string} cwd
 * @param {string[]} targets
 * @param {number} timeoutMs
 */
export function timeSecretlintOn(cwd, targets, timeoutMs) {
  return timeCommand(process.execPath, [secretlintBin, ...targets, '--secretlintrc', '.secretlintrc.json', '--format', 'unix', '--no-color'], {
    cwd,
    runs: 2,
    timeoutMs,
    codes: [0, 1],
  });
}

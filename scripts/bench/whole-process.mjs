// Whole-process timing: `keyward scan FILE` and `secretlint FILE` as a user would run them.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { secretlintCli } from './secretlint.mjs';
import { best, wallTime } from './timing.mjs';

const CLI_TIMEOUT_MS = 5 * 60_000;

/**
 * Runs `node ARGS` `runs` times, each expected to exit with `code`.
 * @param {string[]} args
 * @param {number} runs
 * @param {number} code
 * @param {string} what named in the error when a run fails
 * @returns {Promise<{ ms: number, cpuMs: number, stdout: string }>} best wall and CPU ms, the last run's output
 */
async function bestNodeRun(args, runs, code, what) {
  const times = [];
  const cpuTimes = [];
  let stdout = '';
  for (let i = 0; i < runs; i++) {
    const run = await wallTime(process.execPath, args, { timeoutMs: CLI_TIMEOUT_MS });
    if (run.timedOut || run.code !== code) throw new Error(`${what} failed (exit ${run.code}): ${run.stderr}`);
    times.push(run.ms);
    if (run.cpuMs !== undefined) cpuTimes.push(run.cpuMs);
    stdout = run.stdout;
  }
  return { ms: best(times), cpuMs: best(cpuTimes), stdout };
}

/**
 * Times `node dist/keyward.mjs scan FILE`: one untimed run to warm the page cache, then `runs`.
 * @param {string} cliPath
 * @param {string} file
 * @param {number} runs
 * @returns {Promise<{ ms: number, cpuMs: number, openai: number }>} best wall and CPU ms, OpenAI findings
 */
export async function timeKeyward(cliPath, file, runs) {
  const args = [cliPath, 'scan', file];
  await wallTime(process.execPath, args, { timeoutMs: CLI_TIMEOUT_MS });
  const { ms, cpuMs, stdout } = await bestNodeRun(args, runs, 1, 'keyward scan');
  return { ms, cpuMs, openai: stdout.split('\n').filter((line) => line.split(' ')[1] === 'openai').length };
}

/**
 * Times the least a Node CLI can do with `file`: start, read it whole, exit. The ratio of secretlint
 * to this is the best any scanner run by `node` could show on this machine.
 * @param {string} file
 * @param {number} runs
 * @returns {Promise<{ ms: number, cpuMs: number }>} best wall and CPU ms
 */
export async function timeNodeFloor(file, runs) {
  const { ms, cpuMs } = await bestNodeRun(['-e', 'require("node:fs").readFileSync(process.argv[1])', file], runs, 0, 'node reading the file');
  return { ms, cpuMs };
}

/**
 * Times the secretlint CLI on `file`: best of two, unless one run is long enough (a minute) to make
 * noise irrelevant or hits the cap.
 * @param {string} file
 * @param {number} timeoutMs cap per run
 * @returns {Promise<{ ms: number, cpuMs: number, openai: number, runs: number, timedOut: boolean }>}
 */
export async function timeSecretlint(file, timeoutMs) {
  const first = await secretlintCli(file, timeoutMs);
  if (first.timedOut || first.ms >= 60_000) return { ...first, cpuMs: first.cpuMs ?? Infinity, runs: 1 };
  const second = await secretlintCli(file, timeoutMs);
  const faster = second.ms < first.ms ? second : first;
  return { ...faster, cpuMs: Math.min(first.cpuMs ?? Infinity, second.cpuMs ?? Infinity), runs: 2 };
}

/**
 * For a secretlint too slow to finish on the full file: times it on `smallText` and on an empty
 * file, and scales what the small run spent beyond start-up to `fullBytes`.
 * @param {string} dir scratch directory
 * @param {string} smallText
 * @param {number} fullBytes
 * @param {number} timeoutMs
 */
export async function extrapolateSecretlint(dir, smallText, fullBytes, timeoutMs) {
  const smallFile = join(dir, 'corpus-small.txt');
  await writeFile(smallFile, smallText);
  const small = await secretlintCli(smallFile, timeoutMs);
  const emptyFile = join(dir, 'empty.txt');
  await writeFile(emptyFile, '\n');
  const startup = (await secretlintCli(emptyFile, timeoutMs)).ms;
  const scale = fullBytes / Buffer.byteLength(smallText);
  return { small, ms: small.timedOut ? Infinity : startup + Math.max(0, small.ms - startup) * scale };
}

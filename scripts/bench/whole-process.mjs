// Whole-process timing: `keyward scan FILE` and `secretlint FILE` as a user would run them.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { secretlintCli } from './secretlint.mjs';
import { best, wallTime } from './timing.mjs';

const CLI_TIMEOUT_MS = 5 * 60_000;

/**
 * Times `node dist/keyward.mjs scan FILE`: one untimed run to warm the page cache, then `runs`.
 * @param {string} cliPath
 * @param {string} file
 * @param {number} runs
 * @returns {Promise<{ ms: number, cpuMs: number, openai: number }>} best wall and CPU ms, OpenAI findings
 */
export async function timeKeyward(cliPath, file, runs) {
  await wallTime(process.execPath, [cliPath, 'scan', file], { timeoutMs: CLI_TIMEOUT_MS });
  const times = [];
  const cpuTimes = [];
  let openai = 0;
  for (let i = 0; i < runs; i++) {
    const run = await wallTime(process.execPath, [cliPath, 'scan', file], { timeoutMs: CLI_TIMEOUT_MS });
    if (run.timedOut || run.code !== 1) throw new Error(`keyward scan failed (exit ${run.code}): ${run.stderr}`);
    times.push(run.ms);
    if (run.cpuMs !== undefined) cpuTimes.push(run.cpuMs);
    openai = run.stdout.split('\n').filter((line) => line.split(' ')[1] === 'openai').length;
  }
  return { ms: best(times), cpuMs: best(cpuTimes), openai };
}

/**
 * Times the least a Node CLI can do with `file`: start, read it whole, exit. The ratio of secretlint
 * to this is the best any scanner run by `node` could show on this machine.
 * @param {string} file
 * @param {number} runs
 * @returns {Promise<{ ms: number, cpuMs: number }>} best wall and CPU ms
 */
export async function timeNodeFloor(file, runs) {
  const args = ['-e', 'require("node:fs").readFileSync(process.argv[1])', file];
  const times = [];
  const cpuTimes = [];
  for (let i = 0; i < runs; i++) {
    const run = await wallTime(process.execPath, args, { timeoutMs: CLI_TIMEOUT_MS });
    if (run.timedOut || run.code !== 0) throw new Error(`node reading the file failed (exit ${run.code}): ${run.stderr}`);
    times.push(run.ms);
    if (run.cpuMs !== undefined) cpuTimes.push(run.cpuMs);
  }
  return { ms: best(times), cpuMs: best(cpuTimes) };
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

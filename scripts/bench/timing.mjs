// Timing helpers: in-process (best of / median of several runs) and whole-process wall time.
import { spawn } from 'node:child_process';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// A collection between runs keeps one run's garbage from being billed to the next.
setFlagsFromString('--expose-gc');
const gc = /** @type {() => void} */ (runInNewContext('gc'));

/**
 * Runs `fn` `runs` times after `warmups` untimed runs; returns every wall time and CPU time in ms
 * (CPU time, user + system of this process, is what a busy machine distorts least) and the last result.
 * @template T
 * @param {() => T} fn
 * @param {{ runs: number, warmups?: number }} options
 * @returns {{ times: number[], cpuTimes: number[], result: T }}
 */
export function timeRuns(fn, { runs, warmups = 1 }) {
  let result = /** @type {T} */ (undefined);
  for (let i = 0; i < warmups; i++) result = fn();
  const times = [];
  const cpuTimes = [];
  for (let i = 0; i < runs; i++) {
    gc();
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    result = fn();
    times.push(performance.now() - start);
    const cpu = process.cpuUsage(cpuStart);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
  }
  return { times, cpuTimes, result };
}

/**
 * Times several functions in interleaved rounds (a, b, c, a, b, c, ...) so that a burst of load on
 * the machine hits all of them alike; returns the best wall and the best CPU time of each, in ms.
 * @param {Array<() => unknown>} fns
 * @param {number} rounds
 * @returns {{ wall: number[], cpu: number[] }}
 */
export function bestInterleaved(fns, rounds) {
  for (const fn of fns) fn(); // warm-up
  const wall = fns.map(() => Infinity);
  const cpu = fns.map(() => Infinity);
  for (let r = 0; r < rounds; r++) {
    fns.forEach((fn, i) => {
      gc();
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      fn();
      wall[i] = Math.min(/** @type {number} */ (wall[i]), performance.now() - start);
      const used = process.cpuUsage(cpuStart);
      cpu[i] = Math.min(/** @type {number} */ (cpu[i]), (used.user + used.system) / 1000);
    });
  }
  return { wall, cpu };
}

/** @param {number[]} values */
export const best = (values) => Math.min(...values);

/** @param {number[]} values */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? /** @type {number} */ (sorted[mid]) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

// Runs the command under bash and prints bash's `times` (the CPU time of its children) last on
// stderr: Node offers no rusage of a child, and CPU time is what other load on the machine
// distorts least.
const WITH_CPU_TIMES = '"$@"; status=$?; times >&2; exit $status';

/**
 * Spawns a command and measures its wall time from spawn to exit, output collected in memory, and
 * (where bash is available) its CPU time, user + system, in ms.
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, timeoutMs: number }} options
 * @returns {Promise<{ ms: number, cpuMs: number | undefined, code: number | null, timedOut: boolean, stdout: string, stderr: string }>}
 */
export function wallTime(command, args, { cwd, timeoutMs }) {
  const viaBash = process.platform !== 'win32';
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = viaBash
      ? spawn('bash', ['-c', WITH_CPU_TIMES, 'bash', command, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
      : spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    /** @type {Buffer[]} */ const out = [];
    /** @type {Buffer[]} */ const err = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      // The whole process group: killing bash alone would leave the command running.
      if (viaBash && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      else child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const ms = performance.now() - start;
      let stderr = Buffer.concat(err).toString('utf8');
      let cpuMs;
      if (viaBash && !timedOut) {
        const lines = stderr.trimEnd().split('\n');
        cpuMs = parseTimes(lines.at(-1) ?? '');
        stderr = lines.slice(0, -2).join('\n');
      }
      resolve({ ms, cpuMs, code, timedOut, stdout: Buffer.concat(out).toString('utf8'), stderr });
    });
  });
}

/**
 * bash `times` children line, e.g. `0m0.360s 0m0.140s`, as user + system ms.
 * @param {string} line
 */
function parseTimes(line) {
  const parts = [...line.matchAll(/(\d+)m([\d.]+)s/g)];
  if (parts.length !== 2) return undefined;
  return parts.reduce((sum, [, minutes, seconds]) => sum + (Number(minutes) * 60 + Number(seconds)) * 1000, 0);
}

/**
 * MB/s (10^6 bytes per second) for `bytes` processed in `ms`.
 * @param {number} bytes
 * @param {number} ms
 */
export const mbPerSecond = (bytes, ms) => bytes / 1e6 / (ms / 1000);

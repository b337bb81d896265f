// `npm run bench:ab -- REV [ROWS] [RUNS]`: the engine of git revision REV against this checkout's, on
// the bench's adversarial inputs (those whose name matches the regex ROWS, all by default), in one
// process, runs interleaved (old, new, old, new, ...), so that load on the shared machine hits both
// alike. Prints CPU ms min / median per build and whether both found the same keys. Runs apart differ
// by more than builds do on this machine; this is the comparison to trust for a change to the engine.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateAdversarial } from './bench/adversarial.mjs';
import { generateBenign, prefixOf } from './bench/corpus.mjs';
import { loadEngine } from './bench/load-engine.mjs';
import { createRng } from './bench/rng.mjs';
import { fmt, table } from './bench/report.mjs';
import { median, timeRuns } from './bench/timing.mjs';

const [rev, rows = '.', runsArg = '9'] = process.argv.slice(2);
if (!rev) {
  console.error('usage: npm run bench:ab -- REV [ROWS_REGEX] [RUNS]   (e.g. npm run bench:ab -- HEAD~3 wrapped 9)');
  process.exit(2);
}
const root = fileURLToPath(new URL('..', import.meta.url));
const MiB = 1024 * 1024;
const SEED = 20_240_501; // the bench's seed: the same texts as `npm run bench`
const runs = Number(runsArg);
const rowFilter = new RegExp(rows);

const oldTree = await mkdtemp(join(tmpdir(), 'keyward-bench-ab-'));
try {
  // The revision's engine and test-key helper, as files: bundled like this checkout's.
  const archive = execFileSync('git', ['-C', root, 'archive', rev, 'utils', 'tests/helpers']);
  execFileSync('tar', ['-x', '-C', oldTree], { input: archive });
  const builds = [
    { name: rev, ...(await loadEngine(oldTree)) },
    { name: 'this checkout', ...(await loadEngine()) },
  ];
  const { keys } = builds[1];
  const openAiShapes = keys.ALL_SHAPES.filter((/** @type {any} */ s) => s.provider === 'openai').map((/** @type {any} */ s) => s.shape);
  const allShapes = keys.ALL_SHAPES.map((/** @type {any} */ s) => s.shape);
  const keyRng = createRng(SEED + 1);
  /** @type {string[]} */
  const planted = Array.from({ length: 1000 }, (_, i) => keys.makeKey(openAiShapes[i % openAiShapes.length], keyRng));
  const benign = prefixOf(generateBenign(MiB, createRng(SEED), (/** @type {number} */ i) => /** @type {string} */ (planted[i])), MiB).text;
  const anyKeyAt = (/** @type {number} */ i) => keys.makeKey(allShapes[i % allShapes.length], keyRng);
  const detectors = builds.map((build) => build.engine.createDetector());
  const out = [];
  for (const { name, text } of generateAdversarial(10 * MiB, createRng(SEED + 2), anyKeyAt, benign, (i) => /** @type {string} */ (planted[i]))) {
    if (!rowFilter.test(name)) continue;
    const cpu = detectors.map(() => /** @type {number[]} */ ([]));
    /** @type {string[]} */
    const found = [];
    for (const d of detectors) timeRuns(() => d.findKeys(text), { runs: 0, warmups: 3 });
    for (let round = 0; round < runs; round++) {
      detectors.forEach((d, i) => {
        const { cpuTimes, result } = timeRuns(() => d.findKeys(text), { runs: 1, warmups: 0 });
        cpu[i]?.push(cpuTimes[0] ?? NaN);
        if (round === 0) found[i] = JSON.stringify(result);
      });
    }
    const minMedian = (/** @type {number[]} */ t) => `${fmt(Math.min(...t), 1)} / ${fmt(median(t), 1)}`;
    out.push([name, minMedian(cpu[0] ?? []), minMedian(cpu[1] ?? []), found[0] === found[1] ? 'same' : 'DIFFERENT']);
  }
  console.log(`Engine A/B, 10 MiB adversarial inputs, CPU ms min / median of ${runs} interleaved runs after 3 warm-ups\n`);
  table(['input', rev, 'this checkout', 'findings'], out);
  for (const build of builds) await build.cleanup();
} finally {
  await rm(oldTree, { recursive: true, force: true });
}

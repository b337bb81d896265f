import { statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { loadDetector } from '../utils/detect/detector';
import { redact } from '../utils/detect/redact';
import { STDIN_PATH, type ScanCommand } from './args';
import { loadBaseline, type Baseline } from './baseline';
import { fingerprintSync } from './fingerprint';
import { addedLinesSince, findRepoRoot, GitError, stagedFiles } from './git';
import { IGNORE_FILE, loadIgnoreFile, type IgnoreRules } from './ignore-file';
import { looksBinary, readFilePieces, readStreamPieces, SCRATCH_BYTES, WHOLE_FILE_LIMIT } from './read-source';
import { cutAtLines, scanRange } from './scan-range';
import { formatHuman, formatJson, toReported, type ReportedFinding } from './report';
import { toSarif } from './sarif';
import { ReadError, scanInput } from './scan-input';
import { createTextScanner, type LocatedFinding } from './scan-text';
import { scanWhole } from './scan-whole';
import { scanFile, type FileOutcome } from './scan-file';
import { createScanPool, type ScanPool } from './scan-pool';
import { listTargets, type Target } from './walk';

/** Where `keyward scan` reads standard input from and writes its output; tests can supply their own. */
export interface ScanIo {
  stdin: AsyncIterable<Buffer | string>;
  /** Takes whole lines, each ending in `\n`. */
  writeOut(text: string): void;
  writeErr(text: string): void;
  /** Threads to share a large directory walk across (0 or 1: none), and the script they run. */
  threads?: number;
  workerScript?: URL;
}

// Findings formatted and written per slice; bounds the memory a file full of keys needs.
const OUTPUT_SLICE = 4096;

// Files scanned in this thread before a directory walk is shared across threads; files per batch;
// batches queued per other thread (enough to keep each busy while this one scans a batch); batches
// scanned and waiting for an earlier one to be reported (this thread runs ahead of the others).
const PARALLEL_AFTER = 1000;
const BATCH_FILES = 64;
const IN_FLIGHT_PER_THREAD = 4;
const MAX_QUEUED_BATCHES = 64;

// Files larger than this are cut at line ends and shared across threads (when there are several).
const SHARE_FILES_ABOVE = 8 * 1024 * 1024;

/** Exit status of `keyward scan`, as documented in `--help`. */
export const ExitCode = { clean: 0, found: 1, error: 2 } as const;

/** Where a batch of findings came from, for the report. */
interface Origin {
  path: string;
  /** With `--since`: the commit, and the file line of each line of the scanned text. */
  commit?: { sha: string; lineNumbers: readonly number[] };
}

/**
 * Runs `keyward scan`: reads the command's source (paths, the index, or commits), drops what
 * allow comments, `.keywardignore` and the baseline accept, and prints the rest, redacted.
 * Returns 1 if any key was reported, else 2 if anything could not be read, else 0.
 */
export async function runScan(command: ScanCommand, io: ScanIo): Promise<number> {
  const cwd = process.cwd();
  const root = findRepoRoot(cwd) ?? cwd;
  let ignore: IgnoreRules;
  let baseline: Baseline | undefined;
  try {
    ignore = loadIgnoreFile(root);
  } catch (error) {
    io.writeErr(`keyward: cannot read ${IGNORE_FILE}: ${describeError(error)}\n`);
    return ExitCode.error;
  }
  try {
    if (command.baseline !== undefined) baseline = loadBaseline(command.baseline);
  } catch (error) {
    io.writeErr(`keyward: cannot read baseline ${command.baseline}: ${describeError(error)}\n`);
    return ExitCode.error;
  }

  const finder = loadDetector();
  // The same key often appears many times (a .env copied around); hash it once.
  const fingerprints = new Map<string, string>();
  const fingerprintOnce = (key: string): string => {
    let print = fingerprints.get(key);
    if (print === undefined) fingerprints.set(key, (print = fingerprintSync(key)));
    return print;
  };
  const sarif: ReportedFinding[] = [];
  const format = command.format === 'json' ? formatJson : formatHuman;
  let found = 0;
  let unreadable = 0;
  let scratch: Buffer | undefined;

  /** Whether `.keywardignore`'s globs leave this path out (paths as the user or git spelled them). */
  const fromRoot = (path: string) => relative(root, resolve(cwd, path)).split(sep).join('/');
  const pathIgnored = (path: string) => !command.noIgnore && ignore.hasGlobs && ignore.ignoresPath(fromRoot(path));

  function report(origin: Origin, batch: readonly LocatedFinding[]): void {
    // In slices, so a file dense with keys streams out instead of piling up in memory.
    for (let from = 0; from < batch.length; from += OUTPUT_SLICE) {
      const kept: ReportedFinding[] = [];
      for (const finding of batch.slice(from, from + OUTPUT_SLICE)) {
        if (finding.allowed) continue;
        const print = fingerprintOnce(finding.key);
        if (ignore.fingerprints.has(print) || baseline?.has(origin.path, print)) continue;
        const commit = origin.commit && { sha: origin.commit.sha, line: origin.commit.lineNumbers[finding.line - 1] ?? finding.line };
        kept.push(toReported(origin.path, finding, redact(finding.key), print, commit));
      }
      found += kept.length;
      if (kept.length === 0) continue;
      if (command.format === 'sarif') sarif.push(...kept);
      else io.writeOut(kept.map(format).join('\n') + '\n');
    }
  }

  /** Scans one file or standard input in pieces: inputs too large to read whole, or of unknown size. */
  async function scanPieces(target: Target & { kind: 'file' | 'stdin' }, label: string): Promise<void> {
    const pieces = target.kind === 'stdin' ? readStreamPieces(io.stdin) : readFilePieces(target.path);
    try {
      for await (const batch of scanInput(pieces, finder, { skipBinary: target.kind === 'file' })) report({ path: label }, batch);
    } catch (error) {
      if (!(error instanceof ReadError)) throw error;
      if (target.kind === 'file' && target.listedByGit && isGone(error.cause)) return;
      io.writeErr(cannotRead(label, error.cause));
      unreadable++;
    }
  }

  /**
   * A file too large for one thread's whole-file read but within what is read whole: cut at line
   * ends and scanned by all threads at once, findings placed by the lines and UTF-16 units of the
   * ranges before theirs. Anything else large is read in pieces.
   */
  async function scanLarge(target: Target & { kind: 'file' }, pool: () => ScanPool | undefined): Promise<void> {
    let size = -1;
    try {
      const stats = statSync(target.path);
      if (stats.isFile()) size = stats.size;
    } catch {
      // The piecewise read below reports the error.
    }
    const sharing = pool();
    if (sharing === undefined || size < 0 || size > WHOLE_FILE_LIMIT) return scanPieces(target, target.path);
    const [[start, end] = [0, size], ...others] = cutAtLines(target.path, size, sharing.size + 1);
    // The other threads' ranges first, then this thread's own while they work.
    // Only the ranges before the last are measured: their lines and units place the findings after them.
    const theirs = others.map(([from, to], i) => sharing.scanRange(target.path, from, to, i < others.length - 1));
    const outcomes = [scanRange(target.path, start, end, finder, others.length > 0), ...(await Promise.all(theirs))];
    let lineBase = 0;
    let unitBase = 0;
    for (const outcome of outcomes) {
      if (outcome.kind === 'binary') return;
      if (outcome.kind === 'error') return handleOutcome(target, outcome, pool);
      for (const finding of outcome.findings) {
        finding.line += lineBase;
        finding.start += unitBase;
        finding.end += unitBase;
      }
      report({ path: target.path }, outcome.findings);
      lineBase += outcome.lineEnds;
      unitBase += outcome.units;
    }
  }

  async function handleOutcome(target: Target & { kind: 'file' }, outcome: FileOutcome, pool: () => ScanPool | undefined): Promise<void> {
    if (outcome.kind === 'scanned') report({ path: target.path }, outcome.findings);
    else if (outcome.kind === 'large') await scanLarge(target, pool);
    else if (outcome.kind === 'error') {
      // git lists files deleted since they were added, and submodules: nothing of ours to read.
      if (target.listedByGit && isGone(outcome)) return;
      io.writeErr(cannotRead(target.path, new Error(outcome.message)));
      unreadable++;
    }
  }

  /**
   * Paths and directories, in order. A large tree is shared across threads in batches once this
   * thread has scanned the first files itself (a pre-commit hook's few files never pay to start
   * threads); outcomes are reported in the walk's order whichever thread finishes first.
   */
  async function scanTargets(): Promise<void> {
    const threads = io.threads ?? 0;
    const canShare = threads > 1 && io.workerScript !== undefined;
    // With threads to share it, a large file is cut up instead of read whole by one.
    const wholeLimit = canShare ? SHARE_FILES_ABOVE : WHOLE_FILE_LIMIT;
    let pool: ScanPool | undefined;
    // This thread scans too: the pool holds the other threads.
    const startPool = () => (pool ??= canShare && io.workerScript ? createScanPool(io.workerScript, threads - 1) : undefined);
    const scanHere = (path: string) => scanFile(path, (scratch ??= Buffer.allocUnsafe(SCRATCH_BYTES)), finder, wholeLimit);
    let filesSeen = 0;
    let batch: Array<Target & { kind: 'file' }> = [];
    const queue: Array<{ files: Array<Target & { kind: 'file' }>; outcomes: Promise<FileOutcome[]> | FileOutcome[] }> = [];
    /** Gives the batch to another thread while they have room, else scans it here. */
    const flush = async () => {
      if (batch.length === 0 || pool === undefined) return;
      const files = batch;
      batch = [];
      if (pool.pending() < IN_FLIGHT_PER_THREAD * pool.size) {
        queue.push({ files, outcomes: pool.scan(files.map((target) => target.path), wholeLimit) });
        return;
      }
      queue.push({ files, outcomes: files.map((target) => scanHere(target.path)) });
      // The other threads' answers arrive as events: let them in, so each gets its next batch.
      await new Promise((resolve) => setImmediate(resolve));
    };
    const drain = async (keep: number) => {
      while (queue.length > keep) {
        const head = queue.shift() as (typeof queue)[number];
        const outcomes = await head.outcomes;
        for (const [i, target] of head.files.entries()) await handleOutcome(target, outcomes[i] ?? { kind: 'large' }, startPool);
      }
    };
    try {
      for (const target of listTargets(command.paths, { respectGitignore: !command.noIgnore })) {
        if (target.kind === 'file') {
          if (pathIgnored(target.path)) continue;
          if (pool === undefined && ++filesSeen > PARALLEL_AFTER) startPool();
          if (pool === undefined) {
            await handleOutcome(target, scanHere(target.path), startPool);
            continue;
          }
          batch.push(target);
          if (batch.length >= BATCH_FILES) {
            await flush();
            await drain(MAX_QUEUED_BATCHES);
          }
          continue;
        }
        // Standard input or a path that could not be listed: after everything before it, in order.
        await flush();
        await drain(0);
        if (target.kind === 'error') {
          io.writeErr(cannotRead(target.path, target.error));
          unreadable++;
        } else await scanPieces(target, STDIN_PATH);
      }
      await flush();
      await drain(0);
    } finally {
      await pool?.close();
    }
  }

  try {
    if (command.source.kind === 'staged') {
      for await (const { path, content } of stagedFiles(cwd, command.paths)) {
        const label = relative(cwd, resolve(root, path)) || path;
        if (pathIgnored(label) || looksBinary(content)) continue;
        report({ path: label }, scanWhole(content, finder));
      }
    } else if (command.source.kind === 'since') {
      for await (const added of addedLinesSince(cwd, command.source.ref, command.paths)) {
        const label = relative(cwd, resolve(root, added.path)) || added.path;
        if (pathIgnored(label)) continue;
        const text = added.lines.join('\n');
        report({ path: label, commit: { sha: added.commit, lineNumbers: added.lineNumbers } }, createTextScanner((lines) => finder.findKeys(lines)).push(text, true));
      }
    } else {
      await scanTargets();
    }
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    io.writeErr(`keyward: git: ${error.message}\n`);
    return ExitCode.error;
  }

  if (command.format === 'sarif') io.writeOut(JSON.stringify(toSarif(sarif, root), null, 2) + '\n');
  return found > 0 ? ExitCode.found : unreadable > 0 ? ExitCode.error : ExitCode.clean;
}

function isGone(error: unknown): boolean {
  // An ErrnoException, or a FileOutcome error carrying its code.
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'EISDIR';
}

function cannotRead(path: string, error: unknown): string {
  return `keyward: cannot read ${path}: ${describeError(error)}\n`;
}

/** `ENOENT: no such file or directory, open 'x'` becomes `no such file or directory`: the path is already said. */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const system = /^[A-Z][A-Z0-9_]*: (.*?)(?:, \w+ '.*')?$/s.exec(message);
  return system?.[1] ?? message;
}

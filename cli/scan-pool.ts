import { loadDetector } from '../utils/detect/detector';
import { requireBuiltin } from './builtin';
import { SCRATCH_BYTES } from './read-source';
import { scanFile, type FileOutcome } from './scan-file';
import { scanRange, type RangeOutcome } from './scan-range';

/** A request to a scanning thread: a batch of whole files, or one range of a large file. */
type JobRequest = { kind: 'files'; paths: string[]; wholeLimit: number } | { kind: 'range'; path: string; start: number; end: number; measure: boolean };
type Job = JobRequest & { id: number };

// Marks the bundle started as a scanning thread rather than as the command: an argument, which
// (unlike `workerData`) needs no `node:worker_threads` to read, so the command never loads it
// unless it starts threads. A thread's arguments are its own, not the command's.
const WORKER_ARGUMENT = '--keyward-scan-worker';

const threads = () => requireBuiltin('node:worker_threads') as typeof import('node:worker_threads');

/** True in a thread started by {@link createScanPool}: the entry point then serves it instead of parsing arguments. */
export function isScanWorker(): boolean {
  return process.argv[2] === WORKER_ARGUMENT && process.argv.length === 3 && !threads().isMainThread;
}

/** The loop of a scanning thread: a job in, its outcome out (a batch's outcomes in the batch's order). */
export function serveScanWorker(): void {
  const { parentPort } = threads();
  const finder = loadDetector();
  const scratch = Buffer.allocUnsafe(SCRATCH_BYTES);
  parentPort?.on('message', (job: Job) => {
    const result =
      job.kind === 'files'
        ? job.paths.map((path) => scanFile(path, scratch, finder, job.wholeLimit))
        : scanRange(job.path, job.start, job.end, finder, job.measure);
    parentPort?.postMessage({ id: job.id, result });
  });
}

/** Threads that scan batches of files; see {@link createScanPool}. */
export interface ScanPool {
  /** Scans the files whole (those over `wholeLimit` come back `large`); outcomes in the order of `paths`. */
  scan(paths: string[], wholeLimit: number): Promise<FileOutcome[]>;
  /** Scans bytes `start` to `end` of a file, counting its lines and units if `measure`; see scan-range.ts. */
  scanRange(path: string, start: number, end: number, measure: boolean): Promise<RangeOutcome>;
  /** Jobs sent and not yet answered, across all threads. */
  pending(): number;
  /** How many threads there are. */
  readonly size: number;
  close(): Promise<void>;
}

/**
 * How many threads a tree is shared across, the command's own included: one per core, and none on
 * one core. Asked only when a walk starts: `node:os` costs a pre-commit hook 4 ms to load.
 */
export function poolSize(): number {
  return Math.min((requireBuiltin('node:os') as typeof import('node:os')).availableParallelism(), 8);
}

/**
 * Starts `size` threads running `script` (the bundle itself, which serves as a worker when started
 * as one). Each batch goes to the thread with the least work queued; every thread builds its own
 * detector, which is cheap next to a tree's worth of reading.
 */
export function createScanPool(script: URL, size: number): ScanPool {
  const { Worker } = threads();
  const workers = Array.from({ length: size }, () => {
    const worker = new Worker(script, { argv: [WORKER_ARGUMENT] });
    // The command's exit must not wait on idle threads; close() ends them when all is done.
    worker.unref();
    return { worker, queued: 0 };
  });
  const waiting = new Map<number, { resolve: (result: never) => void; reject: (error: unknown) => void }>();
  let nextId = 0;
  for (const slot of workers) {
    slot.worker.on('message', ({ id, result }: { id: number; result: never }) => {
      slot.queued--;
      waiting.get(id)?.resolve(result);
      waiting.delete(id);
    });
    slot.worker.on('error', (error) => {
      for (const { reject } of waiting.values()) reject(error);
      waiting.clear();
    });
  }
  function send<T>(job: JobRequest): Promise<T> {
    const slot = workers.reduce((least, candidate) => (candidate.queued < least.queued ? candidate : least));
    const id = nextId++;
    slot.queued++;
    return new Promise<T>((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (result: never) => void, reject });
      slot.worker.postMessage({ ...job, id });
    });
  }
  return {
    scan: (paths, wholeLimit) => send<FileOutcome[]>({ kind: 'files', paths, wholeLimit }),
    scanRange: (path, start, end, measure) => send<RangeOutcome>({ kind: 'range', path, start, end, measure }),
    pending: () => waiting.size,
    size,
    async close() {
      await Promise.all(workers.map(({ worker }) => worker.terminate()));
    },
  };
}

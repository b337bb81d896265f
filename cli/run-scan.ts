import { createDetector, redact } from '../utils/detect/index';
import { STDIN_PATH } from './args';
import { fingerprintSync } from './fingerprint';
import { readFilePieces, readStreamPieces } from './read-source';
import { formatHuman, formatJson, toReported } from './report';
import { ReadError, scanInput } from './scan-input';
import { listTargets } from './walk';

/** Where `keyward scan` reads standard input from and writes its output; tests can supply their own. */
export interface ScanIo {
  stdin: AsyncIterable<Buffer | string>;
  /** Takes whole lines, each ending in `\n`. */
  writeOut(text: string): void;
  writeErr(text: string): void;
}

// Findings formatted and written per slice; bounds the memory a file full of keys needs.
const OUTPUT_SLICE = 4096;

/** Exit status of `keyward scan`, as documented in `--help`. */
export const ExitCode = { clean: 0, found: 1, error: 2 } as const;

/**
 * Scans the given paths (standard input when none) and prints each finding, redacted.
 * Returns 1 if any key was found, else 2 if any path could not be read, else 0.
 */
export async function runScan(paths: readonly string[], json: boolean, io: ScanIo): Promise<number> {
  const detector = createDetector();
  const findKeys = (text: string) => detector.findKeys(text);
  // The same key often appears many times (a .env copied around); hash it once.
  const fingerprints = new Map<string, string>();
  const fingerprintOnce = (key: string): string => {
    let print = fingerprints.get(key);
    if (print === undefined) fingerprints.set(key, (print = fingerprintSync(key)));
    return print;
  };
  const format = json ? formatJson : formatHuman;
  let found = 0;
  let unreadable = 0;

  for (const target of listTargets(paths)) {
    if (target.kind === 'error') {
      io.writeErr(cannotRead(target.path, target.error));
      unreadable++;
      continue;
    }
    const label = target.kind === 'stdin' ? STDIN_PATH : target.path;
    const pieces = target.kind === 'stdin' ? readStreamPieces(io.stdin) : readFilePieces(target.path);
    try {
      for await (const batch of scanInput(pieces, findKeys, { skipBinary: target.kind === 'file' })) {
        // In slices, so a file dense with keys streams out instead of piling up in memory.
        for (let from = 0; from < batch.length; from += OUTPUT_SLICE) {
          const slice = batch.slice(from, from + OUTPUT_SLICE);
          const lines = slice.map((finding) => format(toReported(label, finding, redact(finding.key), fingerprintOnce(finding.key))));
          io.writeOut(lines.join('\n') + '\n');
        }
        found += batch.length;
      }
    } catch (error) {
      if (!(error instanceof ReadError)) throw error;
      io.writeErr(cannotRead(label, error.cause));
      unreadable++;
    }
  }
  return found > 0 ? ExitCode.found : unreadable > 0 ? ExitCode.error : ExitCode.clean;
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

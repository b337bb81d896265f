import { BINARY, readWholeFile, WHOLE_FILE_LIMIT } from './read-source';
import type { LocatedFinding } from './scan-text';
import { scanWhole, type KeyFinder } from './scan-whole';

/** What scanning one file gave; plain data, so it crosses from a worker thread as is. */
export type FileOutcome =
  | { kind: 'scanned'; findings: LocatedFinding[] }
  /** Binary: skipped silently. */
  | { kind: 'binary' }
  /** Too large to read whole, or not a regular file: the caller reads it in pieces. */
  | { kind: 'large' }
  | { kind: 'error'; code: string | undefined; message: string };

/** Reads and scans one file of at most `wholeLimit` bytes whole, synchronously; `scratch` is reused across calls. */
export function scanFile(path: string, scratch: Buffer, finder: KeyFinder, wholeLimit = WHOLE_FILE_LIMIT): FileOutcome {
  let bytes: ReturnType<typeof readWholeFile>;
  try {
    bytes = readWholeFile(path, scratch, wholeLimit);
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    return { kind: 'error', code, message: message ?? String(error) };
  }
  if (bytes === undefined) return { kind: 'large' };
  if (bytes === BINARY) return { kind: 'binary' };
  return { kind: 'scanned', findings: scanWhole(bytes, finder) };
}

import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';

/** Files up to this size are read and scanned in one piece: fastest, and a 256 MiB string is safe in V8. */
export const WHOLE_FILE_LIMIT = 256 * 1024 * 1024;

/** Larger inputs (and standard input) are read in pieces of this size, so memory stays bounded. */
export const PIECE_BYTES = 64 * 1024 * 1024;

/** Most files of a tree are smaller than this: each thread reads them into one reused buffer of this size. */
export const SCRATCH_BYTES = 1024 * 1024;

/** How much of the start of a file is searched for a NUL byte to call it binary (git uses the same 8 KiB). */
export const BINARY_SNIFF_BYTES = 8 * 1024;

/** True when the bytes look binary: a NUL byte in the first 8 KiB, the test git and grep use. */
export function looksBinary(firstPiece: Uint8Array): boolean {
  return firstPiece.subarray(0, BINARY_SNIFF_BYTES).includes(0);
}

/** What {@link readWholeFile} gives for a binary file: its first bytes were read, and nothing more. */
export const BINARY = 'binary';

// The first read of a file: what most files hold whole, and enough to tell a binary file before
// reading the rest of it (a tree's images, fonts and compiled modules are a third of its bytes).
const FIRST_READ_BYTES = 64 * 1024;

/**
 * Reads a whole regular file of at most `wholeLimit` bytes with the fewest system calls (open,
 * fstat, read, close), into `scratch` when it fits: a tree of 30,000 small files then allocates
 * no buffer per file, and the collector has nothing to sweep. The result is valid until the next
 * call with the same scratch buffer. Returns {@link BINARY} for a file that {@link looksBinary},
 * unread past its first 64 KiB, whatever its size; undefined for a larger file or one that is not
 * a regular file (read those with {@link readFilePieces}); throws the file system's error.
 */
export function readWholeFile(path: string, scratch: Buffer, wholeLimit = WHOLE_FILE_LIMIT): Buffer | undefined | typeof BINARY {
  const fd = openSync(path, 'r');
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return undefined;
    const size = stats.size;
    const whole = size <= wholeLimit;
    const target = size <= scratch.length || !whole ? scratch : Buffer.allocUnsafe(size);
    let filled = fill(fd, target, 0, Math.min(size, FIRST_READ_BYTES));
    if (looksBinary(target.subarray(0, filled))) return BINARY;
    // A large file is shared across threads in ranges, each judged on its own: only the first
    // range could tell the file is binary, after the others were scanned for nothing.
    if (!whole) return undefined;
    if (filled === FIRST_READ_BYTES) filled = fill(fd, target, filled, size);
    return target.subarray(0, filled);
  } finally {
    closeSync(fd);
  }
}

/** Reads into `target` from `filled` up to `end`; returns where reading stopped (short when the file shrank). */
function fill(fd: number, target: Buffer, filled: number, end: number): number {
  while (filled < end) {
    const read = readSync(fd, target, filled, end - filled, null);
    if (read === 0) break;
    filled += read;
  }
  return filled;
}

/**
 * Reads a file as one piece when it is small enough, else as consecutive pieces of `pieceBytes`.
 * Throws the file system's error (the caller reports it and goes on with other paths).
 */
export function* readFilePieces(path: string, pieceBytes = PIECE_BYTES, wholeLimit = WHOLE_FILE_LIMIT): Generator<Buffer> {
  const fd = openSync(path, 'r');
  try {
    const stats = fstatSync(fd);
    if (stats.isFile() && stats.size <= wholeLimit) {
      yield readFileSync(fd);
      return;
    }
    // Too large for one string, or of unknown size (a FIFO, /dev/stdin): fill fixed-size pieces.
    for (;;) {
      const piece = Buffer.allocUnsafe(pieceBytes);
      let filled = 0;
      while (filled < pieceBytes) {
        const read = readSync(fd, piece, filled, pieceBytes - filled, null);
        if (read === 0) break;
        filled += read;
      }
      if (filled > 0) yield piece.subarray(0, filled);
      if (filled < pieceBytes) return;
    }
  } finally {
    closeSync(fd);
  }
}

/** Reads standard input in pieces of about `pieceBytes`; the last (or only) piece may be empty. */
export async function* readStreamPieces(
  stream: AsyncIterable<Buffer | string>,
  pieceBytes = PIECE_BYTES,
): AsyncGenerator<Buffer> {
  let parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    parts.push(bytes);
    size += bytes.length;
    if (size >= pieceBytes) {
      yield Buffer.concat(parts);
      parts = [];
      size = 0;
    }
  }
  yield Buffer.concat(parts);
}

import { Utf8PieceDecoder } from './decode';
import { looksBinary } from './read-source';
import { createTextScanner, type LocatedFinding } from './scan-text';
import { scanWhole, type KeyFinder } from './scan-whole';

/** An error while reading input (as opposed to a fault in the engine, which should not be hidden). */
export class ReadError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'ReadError';
  }
}

/**
 * Scans one input given as byte pieces and yields its findings, batch by batch, in order.
 * Yields nothing for binary input when `skipBinary` is set. Read failures surface as {@link ReadError}.
 */
export async function* scanInput(
  pieces: Iterable<Buffer> | AsyncIterable<Buffer>,
  finder: KeyFinder,
  { skipBinary }: { skipBinary: boolean },
): AsyncGenerator<LocatedFinding[]> {
  const reads = guardReads(pieces);
  try {
    const first = await reads.next();
    if (first.done || (skipBinary && looksBinary(first.value))) return;
    let next = await reads.next();
    // Most inputs are one piece (files up to 256 MiB): the fast whole-input path applies.
    if (next.done) {
      yield scanWhole(first.value, finder);
      return;
    }
    const decoder = new Utf8PieceDecoder();
    const scanner = createTextScanner((text) => finder.findKeys(text));
    // One piece of look-ahead: the last piece must be decoded and scanned as the last.
    let previous = first.value;
    for (; !next.done; next = await reads.next()) {
      yield scanner.push(decoder.decode(previous, false), false);
      previous = next.value;
    }
    yield scanner.push(decoder.decode(previous, true), true);
  } finally {
    // Closes the file when the input stops early (a binary file) or a consumer stops reading.
    await reads.return();
  }
}

async function* guardReads(pieces: Iterable<Buffer> | AsyncIterable<Buffer>): AsyncGenerator<Buffer, void, undefined> {
  const iterator =
    Symbol.asyncIterator in pieces ? pieces[Symbol.asyncIterator]() : (pieces as Iterable<Buffer>)[Symbol.iterator]();
  try {
    for (;;) {
      let result: IteratorResult<Buffer>;
      try {
        result = await iterator.next();
      } catch (error) {
        throw new ReadError(error);
      }
      if (result.done) return;
      yield result.value;
    }
  } finally {
    await iterator.return?.();
  }
}

/**
 * Zip archives, read inside with the browser's own `DecompressionStream('deflate-raw')` (no library:
 * the content script stays small). Only what scanning needs: the central directory, then each entry's
 * bytes, stored or deflated. Bounds live with the caller ({@link ZipLimits}), which counts the bytes
 * actually inflated, so an archive that lies about its sizes cannot run past them.
 */

/** One entry of the central directory. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else is not read. */
  method: number;
  encrypted: boolean;
  compressedSize: number;
  /** Where the entry's local header starts. */
  offset: number;
}

/** Why an archive cannot be listed. */
export class ZipError extends Error {}

/**
 * A blob's bytes in this script's own realm. Firefox gives a content script the page's buffers, whose
 * methods it may not call ("Permission denied to access property constructor"); a copy it may.
 */
export async function readBytes(blob: Blob): Promise<Uint8Array> {
  const buffer = await blob.arrayBuffer();
  return new Uint8Array(buffer instanceof ArrayBuffer ? buffer : structuredClone(buffer));
}

/** A stream's chunk in this script's own realm (see {@link readBytes}). */
export function ownBytes(chunk: Uint8Array): Uint8Array {
  return chunk instanceof Uint8Array ? chunk : structuredClone(chunk);
}

const view = async (blob: Blob) => {
  const bytes = await readBytes(blob);
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
};

const u16 = (b: DataView, at: number) => b.getUint16(at, true);
const u32 = (b: DataView, at: number) => b.getUint32(at, true);

/** Whether bytes start like a zip archive: a local file header, or the end record of an empty archive. */
export function isZip(head: Uint8Array): boolean {
  return head[0] === 0x50 && head[1] === 0x4b && ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6));
}

/** The entries of an archive, from its central directory; at most `maxEntries` (more: ZipError). */
export async function listZip(blob: Blob, maxEntries: number): Promise<ZipEntry[]> {
  // The end record is in the last 22 bytes, or before a comment of up to 64 KiB.
  const tailStart = Math.max(0, blob.size - 22 - 0xffff);
  const tail = await view(blob.slice(tailStart));
  let end = -1;
  for (let i = tail.byteLength - 22; i >= 0; i--) {
    if (u32(tail, i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new ZipError('no central directory');
  const count = u16(tail, end + 10);
  const size = u32(tail, end + 12);
  const start = u32(tail, end + 16);
  if (count === 0xffff || start === 0xffffffff) throw new ZipError('zip64');
  if (count > maxEntries) throw new ZipError(`more than ${maxEntries} entries`);
  const dir = await view(blob.slice(start, start + size));
  const names = new TextDecoder();
  const entries: ZipEntry[] = [];
  for (let at = 0; entries.length < count; ) {
    if (at + 46 > dir.byteLength || u32(dir, at) !== 0x02014b50) throw new ZipError('bad central directory');
    const nameLength = u16(dir, at + 28);
    entries.push({
      name: names.decode(new Uint8Array(dir.buffer, dir.byteOffset + at + 46, nameLength)),
      method: u16(dir, at + 10),
      encrypted: (u16(dir, at + 8) & 1) === 1,
      compressedSize: u32(dir, at + 20),
      offset: u32(dir, at + 42),
    });
    at += 46 + nameLength + u16(dir, at + 30) + u16(dir, at + 32);
  }
  return entries;
}

/** An entry's bytes, inflated, as a stream (null for a method this reader does not know). */
export async function entryStream(blob: Blob, entry: ZipEntry): Promise<ReadableStream<Uint8Array> | null> {
  if (entry.method !== 0 && entry.method !== 8) return null;
  const local = await view(blob.slice(entry.offset, entry.offset + 30));
  if (local.byteLength < 30 || u32(local, 0) !== 0x04034b50) throw new ZipError('bad local header');
  const from = entry.offset + 30 + u16(local, 26) + u16(local, 28);
  const raw = blob.slice(from, from + entry.compressedSize).stream() as ReadableStream<Uint8Array>;
  return entry.method === 0 ? raw : raw.pipeThrough(new DecompressionStream('deflate-raw') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
}

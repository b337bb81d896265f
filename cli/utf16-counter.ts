const HIGH_BITS = 0x80808080;

/**
 * Converts byte offsets in valid UTF-8 into UTF-16 offsets, for offsets given in non-decreasing
 * order (each call continues from the last, so a whole file costs one pass at most).
 *
 * A UTF-8 byte adds one UTF-16 unit, except continuation bytes (10xxxxxx, none) and lead bytes of
 * 4-byte sequences (11110xxx, a surrogate pair: two). Counted four bytes at a time: a plain loop
 * over 64 MiB costs several times more, and so do per-block `isAscii` calls when most blocks
 * hold some non-ASCII.
 */
export function createUtf16Counter(bytes: Uint8Array): (byteOffset: number) => number {
  let position = 0;
  let units = 0;
  // Word view of the 4-byte-aligned part of `bytes`.
  const alignedStart = Math.min(bytes.length, (4 - (bytes.byteOffset % 4)) % 4);
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset + alignedStart, (bytes.length - alignedStart) >>> 2);
  const alignedEnd = alignedStart + words.length * 4;

  function countBytes(from: number, to: number): number {
    let count = 0;
    for (let i = from; i < to; i++) {
      const b = bytes[i] ?? 0;
      count += b < 0x80 ? 1 : b < 0xc0 ? 0 : b < 0xf0 ? 1 : 2;
    }
    return count;
  }

  function countRange(from: number, to: number): number {
    const wordFrom = Math.max(from, alignedStart);
    const wordTo = Math.min(to, alignedEnd);
    if (wordTo - wordFrom < 16) return countBytes(from, to);
    const first = wordFrom + ((4 - ((wordFrom - alignedStart) % 4)) % 4);
    const last = wordTo - ((wordTo - alignedStart) % 4);
    let count = countBytes(from, first) + countBytes(last, to);
    for (let w = (first - alignedStart) >>> 2, end = (last - alignedStart) >>> 2; w < end; w++) {
      const x = words[w] ?? 0;
      if ((x & HIGH_BITS) === 0) {
        count += 4; // four ASCII bytes, the common case
        continue;
      }
      // Per byte lane: continuation = top bits 10; 4-byte lead = top bits 1111 (valid UTF-8 has no F8+).
      const continuation = x & ~(x << 1) & HIGH_BITS;
      const fourByteLead = x & (x << 1) & (x << 2) & (x << 3) & HIGH_BITS;
      count += 4 - laneCount(continuation) + laneCount(fourByteLead);
    }
    return count;
  }

  return (byteOffset) => {
    if (byteOffset > position) {
      units += countRange(position, byteOffset);
      position = byteOffset;
    }
    return units;
  };
}

/** How many of the four lanes have their high bit set, given only high bits (0x80808080 mask). */
function laneCount(highBits: number): number {
  return Math.imul(highBits >>> 7, 0x01010101) >>> 24;
}

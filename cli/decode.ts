const BOM = [0xef, 0xbb, 0xbf] as const;

/**
 * Decodes UTF-8 arriving in pieces, invalid bytes replaced by U+FFFD, a leading byte-order mark
 * dropped (editors do not count it as a column).
 *
 * Why not `TextDecoder` with `{ stream: true }`: in Node 20 its streaming mode is several times
 * slower than a one-shot decode. Instead each piece is cut after its last complete character and
 * the few bytes of a split character are carried into the next piece, which gives the same text.
 */
export class Utf8PieceDecoder {
  private carry: Buffer | undefined;
  private atStart = true;

  /** Decodes one piece; `last` flushes any carried bytes (as U+FFFD if they never completed). */
  decode(piece: Buffer, last: boolean): string {
    let bytes = this.carry ? Buffer.concat([this.carry, piece]) : piece;
    this.carry = undefined;
    if (!last) {
      const cut = completeCharsEnd(bytes);
      // Copied so the small carry does not keep the whole large piece alive.
      if (cut < bytes.length) this.carry = Buffer.from(bytes.subarray(cut));
      bytes = bytes.subarray(0, cut);
    }
    let from = 0;
    // Wait for the first non-empty bytes: a BOM may arrive split across the first pieces.
    if (this.atStart && bytes.length > 0) {
      this.atStart = false;
      if (bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2]) from = BOM.length;
    }
    return bytes.toString('utf8', from);
  }
}

/** Index just past the last complete UTF-8 sequence; a trailing incomplete sequence is left after it. */
export function completeCharsEnd(bytes: Uint8Array): number {
  let lead = bytes.length - 1;
  // Walk back over at most three continuation bytes (10xxxxxx) to the sequence's lead byte.
  while (lead >= 0 && bytes.length - lead <= 3 && ((bytes[lead] ?? 0) & 0xc0) === 0x80) lead--;
  if (lead < 0) return bytes.length;
  const leadByte = bytes[lead] ?? 0;
  const needed = leadByte >= 0xf0 ? 4 : leadByte >= 0xe0 ? 3 : leadByte >= 0xc0 ? 2 : 1;
  return bytes.length - lead < needed ? lead : bytes.length;
}

/** Hex digits of the SHA-256 a fingerprint keeps. */
export const FINGERPRINT_HEX_DIGITS = 16;

/**
 * A stable, non-reversible id for a key, to recognise it again without storing it: the first 16
 * lowercase hex digits of the SHA-256 of its UTF-8 bytes. Uses `globalThis.crypto.subtle`, so it
 * gives the same value in Node 20, Chrome and Firefox. A user can compute it for a key they hold:
 *
 * ```sh
 * printf %s "$KEY" | sha256sum | cut -c1-16
 * ```
 */
export async function fingerprint(key: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(key));
  let hex = '';
  for (const byte of new Uint8Array(digest, 0, FINGERPRINT_HEX_DIGITS / 2)) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

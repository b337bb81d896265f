import { FINGERPRINT_HEX_DIGITS } from '../detect/fingerprint';

/**
 * The engine's `fingerprint` (utils/detect/fingerprint.ts), the same digits, for documents with no
 * `crypto.subtle`: it exists only in secure contexts, and Chromium's data: frames are not one. A
 * plain SHA-256 (FIPS 180-4), small rather than fast: it runs once per key an alert shows.
 */
export async function fingerprintWithoutSubtle(key: string): Promise<string> {
  let hex = '';
  for (const byte of sha256(new TextEncoder().encode(key)).subarray(0, FINGERPRINT_HEX_DIGITS / 2)) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

const ror = (x: number, n: number) => (x >>> n) | (x << (32 - n));

/** SHA-256 of some bytes. */
export function sha256(bytes: Uint8Array): Uint8Array {
  // The constants are the first bits of the fractional parts of the primes' square and cube roots.
  const h: number[] = [];
  const k: number[] = [];
  for (let n = 2; k.length < 64; n++) {
    let prime = true;
    for (let d = 2; d * d <= n; d++) if (n % d === 0) prime = false;
    if (!prime) continue;
    if (h.length < 8) h.push((Math.pow(n, 1 / 2) * 2 ** 32) | 0);
    k.push((Math.pow(n, 1 / 3) * 2 ** 32) | 0);
  }
  const total = Math.ceil((bytes.length + 9) / 64) * 64;
  const message = new Uint8Array(total);
  message.set(bytes);
  message[bytes.length] = 0x80;
  const view = new DataView(message.buffer);
  view.setUint32(total - 8, Math.floor((bytes.length * 8) / 2 ** 32));
  view.setUint32(total - 4, (bytes.length * 8) >>> 0);
  const w = new Array<number>(64).fill(0);
  for (let offset = 0; offset < total; offset += 64) {
    for (let i = 0; i < 64; i++) {
      if (i < 16) w[i] = view.getInt32(offset + i * 4);
      else {
        const a = w[i - 15]!;
        const b = w[i - 2]!;
        w[i] = (w[i - 16]! + (ror(a, 7) ^ ror(a, 18) ^ (a >>> 3)) + w[i - 7]! + (ror(b, 17) ^ ror(b, 19) ^ (b >>> 10))) | 0;
      }
    }
    let [a, b, c, d, e, f, g, hh] = h as [number, number, number, number, number, number, number, number];
    for (let i = 0; i < 64; i++) {
      const t1 = (hh + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) + ((e & f) ^ (~e & g)) + k[i]! + w[i]!) | 0;
      const t2 = ((ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    [a, b, c, d, e, f, g, hh].forEach((x, i) => (h[i] = (h[i]! + x) | 0));
  }
  const out = new DataView(new ArrayBuffer(32));
  h.forEach((x, i) => out.setInt32(i * 4, x));
  return new Uint8Array(out.buffer);
}

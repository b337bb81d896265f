import { createHash } from 'node:crypto';
import { FINGERPRINT_HEX_DIGITS } from '../utils/detect/fingerprint';

/**
 * The engine's `fingerprint` (utils/detect/fingerprint.ts), the same digits, from Node's synchronous
 * hash. Each WebCrypto digest is a round trip to libuv's thread pool behind argument checks, about
 * 20 µs a key: `keyward scan` on 10 MB dense with keys (150,000 findings) spent 3 of its 4 seconds there.
 */
export function fingerprintSync(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex').slice(0, FINGERPRINT_HEX_DIGITS);
}

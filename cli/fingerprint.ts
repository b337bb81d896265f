import { FINGERPRINT_HEX_DIGITS } from '../utils/detect/fingerprint';
import { requireBuiltin } from './builtin';

let hash: typeof import('node:crypto').hash | undefined;

/**
 * The engine's `fingerprint` (utils/detect/fingerprint.ts), the same digits, from Node's one-shot
 * synchronous hash (Node 20.12+). Each WebCrypto digest is a round trip to libuv's thread pool behind
 * argument checks, about 20 µs a key, and a `createHash` object costs 3 µs: `keyward scan` on 10 MB
 * dense with keys (150,000 findings) spent 3 of its 4 seconds in WebCrypto.
 */
export function fingerprintSync(key: string): string {
  hash ??= (requireBuiltin('node:crypto') as typeof import('node:crypto')).hash;
  return hash('sha256', key, 'hex').slice(0, FINGERPRINT_HEX_DIGITS);
}

import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../utils/detect/fingerprint';
import { fingerprintWithoutSubtle, sha256 } from '../../utils/guard/sha256';

describe('the guard’s SHA-256 for documents without crypto.subtle', () => {
  it('matches Node’s SHA-256 on any bytes, across block boundaries', () => {
    for (const length of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000]) {
      const bytes = new Uint8Array(length).map((_, i) => (i * 31 + length) & 255);
      expect(Buffer.from(sha256(bytes)).toString('hex')).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => Buffer.from(sha256(bytes)).toString('hex') === createHash('sha256').update(bytes).digest('hex')));
  });

  it('gives the same fingerprint as the engine', async () => {
    for (const text of ['', 'sk-test', 'é ✓ 𝒳', 'x'.repeat(200)]) expect(await fingerprintWithoutSubtle(text)).toBe(await fingerprint(text));
  });
});

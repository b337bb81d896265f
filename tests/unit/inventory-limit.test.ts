import { describe, expect, it } from 'vitest';
import { SIGHTINGS_PER_TAB_PER_MINUTE, SightingLimiter } from '../../utils/inventory/limit';

describe('the per-tab sighting bound', () => {
  it('lets a tab record its bound per minute, then nothing until the minute is over', () => {
    const limiter = new SightingLimiter();
    const allowed = Array.from({ length: 500 }, (_, i) => limiter.allow(7, 1000 + i)).filter(Boolean).length;
    expect(allowed).toBe(SIGHTINGS_PER_TAB_PER_MINUTE);
    expect(limiter.allow(7, 1000 + 59_999)).toBe(false);
    expect(limiter.allow(7, 1000 + 60_000)).toBe(true);
  });

  it('counts each tab on its own, and does not limit extension pages', () => {
    const limiter = new SightingLimiter(2);
    expect([limiter.allow(1, 0), limiter.allow(1, 1), limiter.allow(1, 2)]).toEqual([true, true, false]);
    expect([limiter.allow(2, 3), limiter.allow(2, 4)]).toEqual([true, true]);
    expect(Array.from({ length: 10 }, () => limiter.allow(undefined, 5)).every(Boolean)).toBe(true);
  });
});

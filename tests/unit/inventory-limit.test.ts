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

describe('the bound counts user events, not messages', () => {
  it('lets every batch of an allowed event through, and counts two events in one minute as two', () => {
    const limiter = new SightingLimiter(2);
    // One paste of many keys arrives in several batches, resent once: one event.
    expect([limiter.allow(1, 0, 'a'), limiter.allow(1, 1, 'a'), limiter.allow(1, 2, 'a')]).toEqual([true, true, true]);
    expect(limiter.allow(1, 3, 'b')).toBe(true);
    // The bound is reached: a third event is counted, not recorded, while the first two's keys still come in.
    expect([limiter.allow(1, 4, 'c'), limiter.allow(1, 5, 'a'), limiter.allow(1, 6, 'b')]).toEqual([false, true, true]);
    expect(limiter.allow(1, 7, 'c')).toBe(false);
  });

  it('forgets the events of an ended window', () => {
    const limiter = new SightingLimiter(1, 100);
    expect([limiter.allow(1, 0, 'a'), limiter.allow(1, 1, 'b')]).toEqual([true, false]);
    expect([limiter.allow(1, 100, 'b'), limiter.allow(1, 101, 'a')]).toEqual([true, false]);
  });
});

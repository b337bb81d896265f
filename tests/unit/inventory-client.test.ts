import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SightingOutbox } from '../../utils/inventory/client';
import type { Sighting } from '../../utils/inventory/sighting';
import { sighting } from './inventory-fixtures';

// What the guard reports: a stored sighting without the id and time the outbox adds.
const { id: _id, time: _time, ...report }: Sighting = sighting();

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('the sighting outbox', () => {
  it('sends a sighting with a fresh id and its time, once acknowledged', async () => {
    const sent: Sighting[] = [];
    const outbox = new SightingOutbox(async (batch) => (sent.push(...batch), { recorded: batch.length }), () => 1234);
    const id = outbox.report(report);
    await vi.runAllTimersAsync();
    expect(sent).toEqual([{ ...report, id, time: 1234 }]);
    expect(outbox.size).toBe(0);
  });

  it('resends the same sighting (same id) until the background answers', async () => {
    const attempts: string[] = [];
    let up = false;
    const outbox = new SightingOutbox(async ([s]) => {
      attempts.push(s!.id);
      if (!up) throw new Error('Could not establish connection. Receiving end does not exist.');
      return { recorded: true };
    });
    outbox.report(report);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(attempts.length).toBeGreaterThan(2);
    expect(outbox.size).toBe(1);
    up = true;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(outbox.size).toBe(0);
    expect(new Set(attempts).size).toBe(1);
    const count = attempts.length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(attempts.length).toBe(count);
  });

  it('gives up on a send that never answers and tries again', async () => {
    let calls = 0;
    const outbox = new SightingOutbox((): Promise<{ recorded: boolean }> => {
      calls += 1;
      return calls === 1 ? new Promise(() => {}) : Promise.resolve({ recorded: true });
    });
    outbox.report(report);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(calls).toBe(2);
    expect(outbox.size).toBe(0);
  });

  it('delivers every one of many sightings, a few at a time', async () => {
    let inFlight = 0;
    let most = 0;
    const ids = new Set<string>();
    const outbox = new SightingOutbox(async (batch) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight -= 1;
      for (const s of batch) ids.add(s.id);
      return { recorded: batch.length };
    });
    // Reported in separate tasks, as 100 quick pastes are.
    for (let i = 0; i < 100; i++) {
      outbox.report(report);
      await Promise.resolve();
    }
    const idle = outbox.idle();
    await vi.runAllTimersAsync();
    await idle;
    expect(ids.size).toBe(100);
    expect(most).toBeLessThanOrEqual(8);
  });

  it('keeps every one of 10,000 sightings from one paste, sent in batches, even while the background is away', async () => {
    let up = false;
    const batches: number[] = [];
    const ids = new Set<string>();
    const outbox = new SightingOutbox(async (batch) => {
      if (!up) throw new Error('Could not establish connection. Receiving end does not exist.');
      batches.push(batch.length);
      for (const s of batch) ids.add(s.id);
      return { recorded: batch.length };
    });
    for (let i = 0; i < 10_000; i++) outbox.report({ ...report, fingerprint: i.toString(16).padStart(16, '0') });
    await vi.advanceTimersByTimeAsync(3_000);
    expect(outbox.size, 'nothing dropped while the background is away').toBe(10_000);
    up = true;
    const idle = outbox.idle();
    await vi.advanceTimersByTimeAsync(10_000);
    await idle;
    expect(ids.size).toBe(10_000);
    expect(Math.max(...batches)).toBeLessThanOrEqual(500);
    expect(batches.length).toBeLessThan(100);
  });

  it("sends each event's sightings in messages of their own, tagged with the event", async () => {
    const messages: { incident: string | undefined; fingerprints: string[] }[] = [];
    const outbox = new SightingOutbox(async (batch, incident) => {
      messages.push({ incident, fingerprints: batch.map((s) => s.fingerprint) });
      return { recorded: batch.length };
    });
    // Two pastes reported in the same task, as a busy page may: still two messages, one per paste.
    outbox.report({ ...report, fingerprint: 'a'.repeat(16), incident: '1' });
    outbox.report({ ...report, fingerprint: 'b'.repeat(16), incident: '1' });
    outbox.report({ ...report, fingerprint: 'c'.repeat(16), incident: '2' });
    await vi.runAllTimersAsync();
    expect(messages.map((m) => m.fingerprints)).toEqual([['a'.repeat(16), 'b'.repeat(16)], ['c'.repeat(16)]]);
    const [first, second] = messages.map((m) => m.incident);
    expect(first).toBeTruthy();
    expect(second).toBeTruthy();
    expect(first).not.toBe(second);
    // The tag names the event within this page; another frame of the tab tags its first event apart.
    const other: (string | undefined)[] = [];
    const frame = new SightingOutbox(async (batch, incident) => (other.push(incident), { recorded: batch.length }));
    frame.report({ ...report, incident: '1' });
    await vi.runAllTimersAsync();
    expect(other[0]).not.toBe(first);
  });
});

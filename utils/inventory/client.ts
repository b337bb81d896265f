import { sendEnvelope } from '../envelope';
import type { Sighting } from './sighting';

/** What a caller reports: the sighting without its id and (optionally) its time; both are filled here. */
export type SightingReport = Omit<Sighting, 'id' | 'time'> & { time?: number };

/** Backoff between resends of an unacknowledged sighting: 200 ms doubling, at most 5 s. */
const FIRST_DELAY_MS = 200;
const MAX_DELAY_MS = 5_000;
/** Pending sightings beyond this many are dropped oldest first, so a page without a background cannot grow forever. */
const MAX_PENDING = 2_000;
/** How many sends are in flight at once, so 100 quick pastes do not open 100 ports at once. */
const MAX_IN_FLIGHT = 8;
/** A send with no answer by then (a service worker stopped mid-reply) counts as failed and is resent. */
const SEND_TIMEOUT_MS = 10_000;

interface Pending {
  sighting: Sighting;
  attempts: number;
  inFlight: boolean;
  timer?: ReturnType<typeof setTimeout>;
}

type Send = (sighting: Sighting) => Promise<{ recorded: boolean }>;

/**
 * An outbox of sightings: each is sent with `recordSighting` and resent with backoff until the
 * background acknowledges it (a service worker stopped mid-send simply does not answer, and the next
 * attempt wakes it). The id is made here, so a resend of a sighting already recorded is recorded once.
 */
export class SightingOutbox {
  private readonly pending = new Map<string, Pending>();
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly send: Send,
    private readonly now: () => number = Date.now,
  ) {}

  /** Queues a sighting; never throws. Returns its id. */
  report(report: SightingReport): string {
    const sighting: Sighting = { ...report, id: newId(), time: report.time ?? this.now() };
    if (this.pending.size >= MAX_PENDING) {
      const oldest = this.pending.keys().next().value;
      if (oldest !== undefined) this.drop(oldest);
    }
    this.pending.set(sighting.id, { sighting, attempts: 0, inFlight: false });
    this.pump();
    return sighting.id;
  }

  /** How many sightings are still waiting for an acknowledgement. */
  get size(): number {
    return this.pending.size;
  }

  /** Resolves when every queued sighting has been acknowledged. */
  idle(): Promise<void> {
    if (this.pending.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    for (const entry of this.pending.values()) {
      if (this.inFlight >= MAX_IN_FLIGHT) return;
      if (entry.inFlight || entry.timer !== undefined) continue;
      void this.attempt(entry);
    }
  }

  private async attempt(entry: Pending): Promise<void> {
    entry.inFlight = true;
    entry.attempts += 1;
    this.inFlight += 1;
    let acknowledged = false;
    try {
      await withTimeout(this.send(entry.sighting), SEND_TIMEOUT_MS);
      acknowledged = true;
    } catch {
      // No background yet, a restarting service worker, or a refusal: retried below.
    }
    this.inFlight -= 1;
    entry.inFlight = false;
    if (acknowledged) {
      this.drop(entry.sighting.id);
    } else if (this.pending.has(entry.sighting.id)) {
      const delay = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(entry.attempts - 1, 10));
      entry.timer = setTimeout(() => {
        entry.timer = undefined;
        this.pump();
      }, delay);
    }
    this.pump();
  }

  private drop(id: string): void {
    const entry = this.pending.get(id);
    if (entry?.timer !== undefined) clearTimeout(entry.timer);
    this.pending.delete(id);
    if (this.pending.size === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('no answer')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function newId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

let outbox: SightingOutbox | undefined;

/** The page's one outbox (created on first use). */
export function sightingOutbox(): SightingOutbox {
  // The zod-free sender keeps zod out of the content script; the background validates each sighting on arrival.
  outbox ??= new SightingOutbox(async (sighting) => (await sendEnvelope('recordSighting', sighting)) as { recorded: boolean });
  return outbox;
}

/**
 * Reports one sighting to the inventory, fire-and-forget: queued, sent with `recordSighting`,
 * resent until acknowledged (it survives a service worker restart), recorded once. Never throws
 * into the caller. Only the redacted form and fingerprint are sent, never the key.
 */
export function reportSighting(report: SightingReport): void {
  try {
    sightingOutbox().report(report);
  } catch {
    // Reporting must never break the page's paste.
  }
}

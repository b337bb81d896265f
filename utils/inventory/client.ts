import { sendEnvelope } from '../envelope';
import { SIGHTING_BATCH } from './outcomes';
import type { Sighting } from './sighting';

/**
 * What a caller reports: the sighting without its id and (optionally) its time; both are filled here.
 * `incident` names the user event it came from (any string unique within the page, e.g. a counter):
 * a message carries one event's sightings, and the tab's bound counts events (utils/inventory/limit.ts).
 */
export type SightingReport = Omit<Sighting, 'id' | 'time'> & { time?: number; incident?: string };

/** Backoff between resends of an unacknowledged sighting: 200 ms doubling, at most 5 s. */
const FIRST_DELAY_MS = 200;
const MAX_DELAY_MS = 5_000;
/** How many sends are in flight at once, so 100 quick pastes do not open 100 ports at once. */
const MAX_IN_FLIGHT = 8;
/** A send with no answer by then (a service worker stopped mid-reply) counts as failed and is resent. */
const SEND_TIMEOUT_MS = 10_000;

interface Pending {
  sighting: Sighting;
  incident: string | undefined;
  attempts: number;
  inFlight: boolean;
}

type Send = (sightings: Sighting[], incident?: string) => Promise<unknown>;

/**
 * An outbox of sightings: sent in batches (`recordSightings`, up to SIGHTING_BATCH a message) and
 * resent with backoff until the background acknowledges them (a service worker stopped mid-send
 * simply does not answer, and the next attempt wakes it). The id is made here, so a resend of a
 * sighting already recorded is recorded once. Nothing is dropped: one paste of 100,000 keys is
 * 100,000 sightings, kept until each is recorded (the pending ones cost memory only while the
 * background cannot be reached).
 */
export class SightingOutbox {
  private readonly pending = new Map<string, Pending>();
  /** Pending sightings ready to go (not in flight, not waiting out their batch's backoff), oldest first. */
  private readonly ready = new Set<Pending>();
  private inFlight = 0;
  private pumpQueued = false;
  private idleWaiters: (() => void)[] = [];
  /** Tells this page's events from those of the other frames in its tab, which share the tab's bound. */
  private readonly page = newId();

  constructor(
    private readonly send: Send,
    private readonly now: () => number = Date.now,
  ) {}

  /** Queues a sighting; never throws. Returns its id. Sightings of one event reported in one task go in one message. */
  report({ incident, ...report }: SightingReport): string {
    const sighting: Sighting = { ...report, id: newId(), time: report.time ?? this.now() };
    const entry: Pending = { sighting, incident: incident === undefined ? undefined : `${this.page}:${incident}`, attempts: 0, inFlight: false };
    this.pending.set(sighting.id, entry);
    this.ready.add(entry);
    if (!this.pumpQueued) {
      this.pumpQueued = true;
      queueMicrotask(() => {
        this.pumpQueued = false;
        this.pump();
      });
    }
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
    while (this.inFlight < MAX_IN_FLIGHT && this.ready.size > 0) {
      const batch: Pending[] = [];
      for (const entry of this.ready) {
        // A batch is a run of one event's sightings.
        if (batch.length > 0 && entry.incident !== batch[0]!.incident) break;
        batch.push(entry);
        this.ready.delete(entry);
        if (batch.length >= SIGHTING_BATCH) break;
      }
      void this.attempt(batch);
    }
  }

  private async attempt(batch: Pending[]): Promise<void> {
    for (const entry of batch) {
      entry.inFlight = true;
      entry.attempts += 1;
    }
    this.inFlight += 1;
    let acknowledged = false;
    try {
      await withTimeout(this.send(batch.map((e) => e.sighting), batch[0]!.incident), SEND_TIMEOUT_MS);
      acknowledged = true;
    } catch {
      // No background yet, a restarting service worker, or a refusal: retried below.
    }
    this.inFlight -= 1;
    for (const entry of batch) entry.inFlight = false;
    if (acknowledged) {
      for (const entry of batch) this.drop(entry.sighting.id);
    } else {
      // The batch waits out its backoff together and goes again as one message.
      const delay = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(batch[0]!.attempts - 1, 10));
      setTimeout(() => {
        for (const entry of batch) if (this.pending.has(entry.sighting.id)) this.ready.add(entry);
        this.pump();
      }, delay);
    }
    this.pump();
  }

  private drop(id: string): void {
    const entry = this.pending.get(id);
    if (entry) this.ready.delete(entry);
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
  outbox ??= new SightingOutbox((sightings, incident) => sendEnvelope('recordSightings', incident === undefined ? { sightings } : { sightings, incident }));
  return outbox;
}

/**
 * Reports one sighting to the inventory, fire-and-forget: queued, sent with `recordSightings`,
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

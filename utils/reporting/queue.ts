import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { OcsfEvent } from './event';

/**
 * The reporting queue: events waiting for the SIEM, in IndexedDB so they survive a browser restart
 * and a stopped service worker. A database of its own (not the inventory's): clearing the inventory
 * or migrating it never touches what the organisation is still owed, and the other way round.
 */

export const REPORTING_DB = 'keyward-reporting';
/** Most events kept; past it the oldest go, and the loss is reported when delivery resumes. */
export const QUEUE_LIMIT = 10_000;

export interface QueuedEvent {
  seq?: number;
  /** The event's `metadata.uid` (the sighting id), for the receiver to drop duplicates. */
  uid: string;
  queuedAt: number;
  event: OcsfEvent;
}

/** Delivery state, for the retry schedule and for the popup and options page. */
export interface DeliveryState {
  /** Events lost (queue full, or undeliverable past the retry window) not yet reported to the receiver. */
  droppedPending: number;
  /** The uid of the "N events dropped" event while it is being delivered, so a retry sends the same one. */
  droppedUid?: string;
  droppedTotal: number;
  /** Events in batches the receiver refused (4xx): set aside, not retried. */
  setAside: number;
  lastDelivery?: number;
  /** The last failure to deliver (cleared by the next delivery). */
  lastError?: { time: number; message: string };
  /** Why the receiver last refused a batch (kept: the set-aside events are gone for good). */
  lastRefusal?: { time: number; message: string };
  /** Failed attempts in a row, for the backoff. */
  attempt: number;
  nextAttemptAt?: number;
}

interface ReportingDB extends DBSchema {
  events: { key: number; value: QueuedEvent };
  state: { key: string; value: DeliveryState & { k: string } };
}

const STATE_KEY = 'delivery';
const FRESH: DeliveryState = { droppedPending: 0, droppedTotal: 0, setAside: 0, attempt: 0 };

export class ReportingQueue {
  private constructor(private readonly db: IDBPDatabase<ReportingDB>) {}

  static async open(name = REPORTING_DB): Promise<ReportingQueue> {
    const db = await openDB<ReportingDB>(name, 1, {
      upgrade(db) {
        db.createObjectStore('events', { keyPath: 'seq', autoIncrement: true });
        db.createObjectStore('state', { keyPath: 'k' });
      },
    });
    return new ReportingQueue(db);
  }

  /**
   * Adds events at the end; past {@link QUEUE_LIMIT} the oldest are dropped and counted. Returns the
   * queue's length and when the next delivery attempt is due (read in the same transaction, so a
   * caller learns both for the price of one).
   */
  async add(events: readonly QueuedEvent[]): Promise<{ size: number; nextAttemptAt?: number }> {
    // Relaxed, like the inventory's writes: committed once the browser has it, without waiting for the
    // disk (the browser keeps it if the worker stops), so queueing costs little on the guard's answer.
    const tx = this.db.transaction(['events', 'state'], 'readwrite', { durability: 'relaxed' });
    const store = tx.objectStore('events');
    for (const e of events) void store.add(e);
    let count = await store.count();
    let state = await this.readState(tx.objectStore('state'));
    let dropped = 0;
    if (count > QUEUE_LIMIT) {
      for (let cursor = await store.openCursor(); cursor && count > QUEUE_LIMIT; cursor = await cursor.continue()) {
        await cursor.delete();
        count--;
        dropped++;
      }
      state = { ...state, droppedPending: state.droppedPending + dropped, droppedTotal: state.droppedTotal + dropped };
      await tx.objectStore('state').put({ ...state, k: STATE_KEY });
    }
    await tx.done;
    return { size: count, ...(state.nextAttemptAt !== undefined ? { nextAttemptAt: state.nextAttemptAt } : {}) };
  }

  /** The oldest `n` events. */
  async peek(n: number): Promise<QueuedEvent[]> {
    return this.db.getAll('events', undefined, n);
  }

  async size(): Promise<number> {
    return this.db.count('events');
  }

  /** Removes delivered (or set-aside) events, by sequence number. */
  async remove(seqs: readonly number[]): Promise<void> {
    const tx = this.db.transaction('events', 'readwrite');
    await Promise.all([...seqs.map((s) => tx.store.delete(s)), tx.done]);
  }

  /** Drops events queued before `cutoff` (they outlived the retry window) and counts them as dropped. */
  async expire(cutoff: number): Promise<number> {
    const tx = this.db.transaction(['events', 'state'], 'readwrite');
    let expired = 0;
    for (let cursor = await tx.objectStore('events').openCursor(); cursor && cursor.value.queuedAt < cutoff; cursor = await cursor.continue()) {
      await cursor.delete();
      expired++;
    }
    if (expired > 0) {
      const state = await this.readState(tx.objectStore('state'));
      await tx.objectStore('state').put({ ...state, droppedPending: state.droppedPending + expired, droppedTotal: state.droppedTotal + expired, k: STATE_KEY });
    }
    await tx.done;
    return expired;
  }

  async state(): Promise<DeliveryState> {
    return this.readState(this.db.transaction('state').store);
  }

  /** Changes the delivery state in one transaction. */
  async updateState(change: (state: DeliveryState) => DeliveryState): Promise<DeliveryState> {
    const tx = this.db.transaction('state', 'readwrite');
    const next = change(await this.readState(tx.store));
    await Promise.all([tx.store.put({ ...next, k: STATE_KEY }), tx.done]);
    return next;
  }

  private async readState(store: { get(key: string): Promise<(DeliveryState & { k: string }) | undefined> }): Promise<DeliveryState> {
    const stored = await store.get(STATE_KEY);
    if (!stored) return { ...FRESH };
    const { k: _k, ...state } = stored;
    return state;
  }

  close(): void {
    this.db.close();
  }
}

import type { Sighting } from '../inventory/sighting';
import type { ReportingFormat } from '../policy/schema';
import { droppedEvent, hostOf, toOcsf, toSplunkHec, type EventContext, type OcsfEvent } from './event';
import type { DeliveryState, QueuedEvent, ReportingQueue } from './queue';

/**
 * Delivers sightings to the organisation's SIEM: each recorded sighting becomes an event in the
 * persistent queue; batches of up to {@link BATCH_SIZE} go out at most {@link BATCH_DELAY_MS} after
 * the first is queued; failures are retried with backoff for {@link RETRY_WINDOW_MS}. At-least-once:
 * an event leaves the queue only once the receiver answered 2xx (or refused its batch with a 4xx),
 * and `metadata.uid` lets the receiver drop the duplicates a lost answer can cause.
 */

export const BATCH_SIZE = 100;
export const BATCH_DELAY_MS = 10_000;
/** Events are retried for this long after they were queued, then dropped and reported as dropped. */
export const RETRY_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
/** The first retry waits this long; each failure doubles it, up to {@link MAX_BACKOFF_MS}. */
export const FIRST_BACKOFF_MS = 10_000;
export const MAX_BACKOFF_MS = 60 * 60 * 1000;

/** Reporting as the policy sets it; `undefined` when reporting is off. */
export interface ReportingConfig {
  url: string;
  format: ReportingFormat;
  token?: string;
  userLabel?: string;
  includePath: boolean;
}

export interface ReporterDeps {
  queue: ReportingQueue;
  /** The configuration in force, read from the managed policy. */
  config(): Promise<ReportingConfig | undefined>;
  /** KeyWard's version and the browser, for every event. */
  product: { version: string; browser: string };
  fetch: typeof fetch;
  now(): number;
  /** Asks to be woken at `time` to flush (a timer while running, and an alarm that survives a stopped worker). */
  wakeAt(time: number): void;
  /** Makes a fresh uid (for the "events dropped" event). */
  uid(): string;
  /**
   * Text with every key in it replaced by its redacted form. The inventory already keeps paths and
   * justifications redacted; this is the last check before anything leaves the browser.
   */
  redactKeys(text: string): string;
}

/** What one POST came to. */
type Outcome = { kind: 'delivered' } | { kind: 'refused'; message: string } | { kind: 'retry'; message: string };

export class Reporter {
  private flushing: Promise<void> | undefined;
  private again = false;

  constructor(private readonly deps: ReporterDeps) {}

  /** Queues the events for recorded sightings (none when reporting is off) and schedules their delivery. */
  async record(sightings: readonly Sighting[]): Promise<void> {
    const config = await this.deps.config();
    if (!config || sightings.length === 0) return;
    const context = this.context(config);
    const now = this.deps.now();
    const { redactKeys } = this.deps;
    const queued: QueuedEvent[] = sightings.map((s) => {
      const clean = { ...s, path: redactKeys(s.path), ...(s.justification ? { justification: redactKeys(s.justification) } : {}) };
      return { uid: s.id, queuedAt: now, event: toOcsf(clean, context) };
    });
    const { size, nextAttemptAt } = await this.deps.queue.add(queued);
    if (nextAttemptAt !== undefined && nextAttemptAt > now) return; // backing off: the wake-up is set
    if (size >= BATCH_SIZE) void this.flush();
    else this.deps.wakeAt(now + BATCH_DELAY_MS);
  }

  /**
   * Sends what is queued, batch after batch, until the queue is empty or the receiver fails. One flush
   * at a time; a call during a flush makes it go round once more.
   */
  flush(): Promise<void> {
    if (this.flushing) {
      this.again = true;
      return this.flushing;
    }
    this.flushing = (async () => {
      try {
        do {
          this.again = false;
          await this.drain();
        } while (this.again);
      } finally {
        this.flushing = undefined;
      }
    })();
    return this.flushing;
  }

  /** The state the popup and options page show. */
  async status(): Promise<DeliveryState & { queued: number }> {
    const [state, queued] = await Promise.all([this.deps.queue.state(), this.deps.queue.size()]);
    return { ...state, queued };
  }

  private async drain(): Promise<void> {
    const { queue, now } = this.deps;
    const config = await this.deps.config();
    if (!config) return; // reporting turned off: the queue waits, unsent, until it is on again
    const state = await queue.state();
    if (state.nextAttemptAt !== undefined && state.nextAttemptAt > now()) {
      this.deps.wakeAt(state.nextAttemptAt);
      return;
    }
    await queue.expire(now() - RETRY_WINDOW_MS);
    const context = this.context(config);
    for (;;) {
      const batch = await queue.peek(BATCH_SIZE);
      let current = await queue.state();
      const notice = current.droppedPending > 0 ? await this.dropNotice(current, context) : undefined;
      if (batch.length === 0 && !notice) return;
      const events = batch.map((q) => q.event);
      if (notice) events.unshift(notice.event);
      const outcome = await this.post(config, events);
      const time = now();
      if (outcome.kind === 'retry') {
        current = await queue.updateState((s) => {
          const attempt = s.attempt + 1;
          const wait = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (attempt - 1));
          return { ...s, attempt, nextAttemptAt: time + wait, lastError: { time, message: outcome.message } };
        });
        this.deps.wakeAt(current.nextAttemptAt!);
        return;
      }
      await queue.remove(batch.map((q) => q.seq!));
      await queue.updateState((s) => {
        const next: DeliveryState = { ...s, attempt: 0, nextAttemptAt: undefined };
        if (notice) {
          next.droppedPending = Math.max(0, s.droppedPending - notice.count);
          next.droppedUid = undefined;
        }
        if (outcome.kind === 'delivered') {
          next.lastDelivery = time;
          next.lastError = undefined;
        } else {
          next.setAside = s.setAside + batch.length;
          next.lastRefusal = { time, message: outcome.message };
        }
        return next;
      });
    }
  }

  /** The "N events dropped" event, with a uid kept until it is delivered (so a retry is a duplicate, not a second notice). */
  private async dropNotice(state: DeliveryState, context: EventContext): Promise<{ event: OcsfEvent; count: number }> {
    let uid = state.droppedUid;
    if (!uid) {
      uid = this.deps.uid();
      const fixed = uid;
      await this.deps.queue.updateState((s) => ({ ...s, droppedUid: fixed }));
    }
    return { event: droppedEvent(state.droppedPending, this.deps.now(), uid, context), count: state.droppedPending };
  }

  private async post(config: ReportingConfig, events: OcsfEvent[]): Promise<Outcome> {
    const splunk = config.format === 'splunk-hec';
    // Splunk's collector takes events one after another in the body; OCSF receivers a JSON array.
    const body = splunk ? events.map((e) => JSON.stringify(toSplunkHec(e, config))).join('\n') : JSON.stringify(events);
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (config.token) headers.Authorization = `${splunk ? 'Splunk' : 'Bearer'} ${config.token}`;
    let response: Response;
    try {
      response = await this.deps.fetch(config.url, { method: 'POST', headers, body, credentials: 'omit', cache: 'no-store', redirect: 'error' });
    } catch (error) {
      return { kind: 'retry', message: `could not reach ${hostOf(config.url, 'host')} (${error instanceof Error ? error.message : String(error)})` };
    }
    if (response.ok) return { kind: 'delivered' };
    const what = `${hostOf(config.url, 'host')} answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
    // 408 and 429 ask to come back later; any other 4xx refuses this batch for good: set it aside, keep the rest flowing.
    if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
      return { kind: 'refused', message: `${what}; ${events.length} events set aside` };
    }
    return { kind: 'retry', message: what };
  }

  private context(config: ReportingConfig): EventContext {
    return { ...this.deps.product, includePath: config.includePath, ...(config.userLabel ? { userLabel: config.userLabel } : {}) };
  }
}


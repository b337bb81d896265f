import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { INVENTORY_WATCH_PORT } from '../../utils/ask';
import { onMessages, type ResponseOf, type Sender } from '../../utils/messaging';
import { loadSettings, watchSettings } from '../../utils/policy/store';
import { SightingLimiter } from '../../utils/inventory/limit';
import { scrubSighting } from '../../utils/inventory/scrub';
import { InventoryStore } from '../../utils/inventory/store';
import type { Sighting } from '../../utils/inventory/sighting';
import type { KeySummary } from '../../utils/inventory/summary';

/** Why saving sightings fails, as the popup gets it with the overview. */
type SaveFailure = NonNullable<ResponseOf<'inventoryOverview'>['saveFailure']>;

let store: Promise<InventoryStore> | undefined;

/** The inventory database, opened (and migrated) on first use. */
export function inventoryStore(): Promise<InventoryStore> {
  store ??= InventoryStore.open();
  return store;
}

const changeListeners = new Set<() => void>();

/** Calls `cb` after every change to the inventory (a sighting recorded, deleted, pruned, cleared) or to whether it can save. */
export function onInventoryChange(cb: () => void): () => void {
  changeListeners.add(cb);
  return () => changeListeners.delete(cb);
}

/** Takes the sightings the inventory records (team reporting queues them for the organisation's SIEM). */
export interface SightingsListener {
  /** Whether it takes sightings now; while none does, recording writes nothing for them. */
  wanted(): Promise<boolean>;
  /**
   * Takes newly recorded sightings, after the sender has its answer. At least once: sightings a
   * stopped background (or a failed `take`) left are handed on again at the next start, so `take` must
   * accept one it has seen (team reporting does: the receiver drops the duplicate by its uid).
   */
  take(sightings: Sighting[]): Promise<void>;
}

const listeners = new Set<SightingsListener>();

/** Hands every sighting the inventory records from now on to `listener` (see SightingsListener). */
export function onSightingsSaved(listener: SightingsListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Whether any listener takes sightings now; one that cannot tell counts as taking them. */
async function handOffWanted(): Promise<boolean> {
  const wanted = await Promise.all([...listeners].map((l) => l.wanted().catch(() => true)));
  return wanted.includes(true);
}

/**
 * Recorded sightings are handed on together this long after the first of them: one write of team
 * reporting's queue per burst, not one per sighting, which would slow the recording that follows.
 */
const HAND_ON_DELAY_MS = 250;
let handOnNext: Sighting[] = [];
let handOnTimer: ReturnType<typeof setTimeout> | undefined;

function handOnSoon(sightings: Sighting[]): void {
  handOnNext.push(...sightings);
  handOnTimer ??= setTimeout(() => {
    handOnTimer = undefined;
    const batch = handOnNext;
    handOnNext = [];
    void handOn(batch);
  }, HAND_ON_DELAY_MS);
}

/** Gives sightings to every listener, then forgets them; a failed `take` leaves them for the next start. */
async function handOn(sightings: Sighting[]): Promise<void> {
  try {
    await Promise.all([...listeners].map((l) => l.take(sightings)));
    await (await inventoryStore()).handedOn(sightings.map((s) => s.id));
  } catch {
    // Still in the handoff store: the next start hands them on again.
  }
}

/** Hands on what a stopped background recorded and had not handed on yet. */
async function handOnLeftovers(): Promise<void> {
  const left = await inventoryStore().then((s) => s.handoff()).catch(() => []);
  if (left.length > 0) await handOn(left);
}

function changed(): void {
  for (const cb of changeListeners) cb();
}

/** Retention runs shortly after a burst of sightings, not on each one, so recording stays fast. */
const PRUNE_DELAY_MS = 2_000;
let pruneTimer: ReturnType<typeof setTimeout> | undefined;

function schedulePrune(delay = PRUNE_DELAY_MS): void {
  clearTimeout(pruneTimer);
  pruneTimer = setTimeout(() => void prune(), delay);
}

async function prune(): Promise<void> {
  const { settings } = await loadSettings();
  if ((await (await inventoryStore()).prune(settings.retention)) > 0) changed();
}

/**
 * The first of the latest run of failed saves (a full disk, a database the browser refuses to write),
 * cleared by the next save that works. The popup shows it: the guard keeps stopping keys, the pages
 * keep their sightings and resend them, and the user learns why the list is not growing.
 */
let saveFailure: SaveFailure | undefined;

/** Why sightings cannot be saved now, if they cannot (for the badge). */
export function currentSaveFailure(): SaveFailure | undefined {
  return saveFailure;
}

function describeFailure(error: unknown): string {
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return reason.slice(0, 500);
}

type OverLimit = NonNullable<ResponseOf<'inventoryOverview'>['overLimit']>;

/**
 * Sightings not recorded because their tab went over its bound (utils/inventory/limit.ts): how many,
 * since when, and the last site that did it. Kept in storage so a service worker restart keeps it;
 * cleared with the inventory.
 */
const overLimitItem = storage.defineItem<OverLimit | null>('local:keyward:over-limit', { fallback: null });
const limiter = new SightingLimiter();
let overLimit: Promise<OverLimit | null> | undefined;
let overLimitWrite: ReturnType<typeof setTimeout> | undefined;

function currentOverLimit(): Promise<OverLimit | null> {
  overLimit ??= overLimitItem.getValue().catch(() => null);
  return overLimit;
}

/** Counts one sighting left out, and writes the count soon after a burst (not once per sighting). */
async function countOverLimit(origin: string, count = 1): Promise<void> {
  const previous = await currentOverLimit();
  const next: OverLimit = { count: (previous?.count ?? 0) + count, since: previous?.since ?? Date.now(), lastOrigin: origin };
  overLimit = Promise.resolve(next);
  clearTimeout(overLimitWrite);
  overLimitWrite = setTimeout(() => void overLimitItem.setValue(next).then(changed), 250);
}

/** The user's names for keys, by fingerprint (settings.namedKeys). */
async function keyNames(): Promise<Map<string, string>> {
  const { settings } = await loadSettings();
  return new Map(settings.namedKeys.map((k) => [k.fingerprint, k.name]));
}

/** Puts the user's names on key summaries (names live in the settings, where the guard reads them too). */
function withNames(keys: KeySummary[], named: ReadonlyMap<string, string>): void {
  if (named.size === 0) return;
  for (const key of keys) {
    const name = named.get(key.fingerprint);
    if (name !== undefined) key.name = name;
  }
}

/** The tab of a content script (a web page); undefined for KeyWard's own pages, which are not limited. */
function pageTab(sender: Sender): number | undefined {
  return sender.url?.startsWith(browser.runtime.getURL('/')) ? undefined : sender.tab?.id;
}

/**
 * Records sightings in one transaction and returns those that were new (a resent one is kept once).
 * A failure is remembered for the popup and thrown: the sender keeps the sightings and sends them
 * again later (utils/inventory/client.ts).
 */
async function save(sightings: Sighting[]): Promise<Sighting[]> {
  const fresh: Sighting[] = [];
  const handOff = await handOffWanted();
  try {
    await (await inventoryStore()).recordSightings(sightings, fresh, handOff);
  } catch (error) {
    if (!saveFailure) {
      saveFailure = { since: Date.now(), reason: describeFailure(error) };
      changed();
    }
    throw error;
  }
  const recovered = saveFailure !== undefined;
  saveFailure = undefined;
  if (fresh.length > 0 || recovered) changed();
  if (fresh.length > 0) schedulePrune();
  // The listeners take the new sightings after the answer, a burst at a time: team reporting's queue,
  // a database of its own, would otherwise add its write to every answer. Until they have, the
  // sightings wait in the handoff store, written in the transaction that recorded them, for a
  // background stopped meanwhile.
  if (handOff && fresh.length > 0) handOnSoon(fresh);
  return fresh;
}

/**
 * Tells open KeyWard pages that the inventory changed, so a popup left open shows a key pasted
 * meanwhile. Through ports the pages open: nothing is sent while no page is open.
 */
function watchPages(): void {
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== INVENTORY_WATCH_PORT || port.sender?.url?.startsWith(browser.runtime.getURL('/')) !== true) return;
    const stop = onInventoryChange(() => port.postMessage('changed'));
    port.onDisconnect.addListener(stop);
  });
}

/** Answers the inventory's messages: sightings from the guard, queries and edits from the popup. */
export function startInventory(): void {
  onMessages({
    async recordSighting(sighting, sender) {
      if (!limiter.allow(pageTab(sender))) {
        // Acknowledged, so the page does not send it again; counted, so the user can see it happened.
        await countOverLimit(sighting.origin);
        return { recorded: false };
      }
      const fresh = await save([scrubSighting(sighting)]);
      return { recorded: fresh.length > 0 };
    },
    async recordSightings({ sightings, incident }, sender) {
      // A batch holds the keys of one user event (utils/inventory/client.ts); the event counts once
      // against the tab's bound however many batches its keys take.
      if (!limiter.allow(pageTab(sender), Date.now(), incident)) {
        await countOverLimit(sightings[0]?.origin ?? '', sightings.length);
        return { recorded: 0 };
      }
      return { recorded: (await save(sightings.map(scrubSighting))).length };
    },
    async inventoryOverview() {
      const [{ keys, sites }, named] = await Promise.all([(await inventoryStore()).overview(), keyNames()]);
      withNames(keys, named);
      // The key summaries add up to the sightings (same transactions), and summing is cheaper than counting 10,000 rows.
      const total = keys.reduce((sum, k) => sum + k.count, 0);
      const over = await currentOverLimit();
      return { keys, sites, total, ...(saveFailure ? { saveFailure } : {}), ...(over ? { overLimit: over } : {}) };
    },
    async inventoryKey({ fingerprint }) {
      const [{ key, sightings }, named] = await Promise.all([(await inventoryStore()).getKey(fingerprint), keyNames()]);
      if (key) withNames([key], named);
      return { key: key ?? null, sightings };
    },
    async markRotated({ fingerprint, rotated }) {
      const ok = await (await inventoryStore()).markRotated(fingerprint, rotated);
      // The badge counts keys to rotate.
      if (ok) changed();
      return { ok };
    },
    async deleteSighting({ id }) {
      const deleted = await (await inventoryStore()).deleteSighting(id);
      changed();
      return { deleted };
    },
    async deleteKey({ fingerprint }) {
      const deleted = await (await inventoryStore()).deleteKey(fingerprint);
      changed();
      return { deleted };
    },
    async clearInventory() {
      await (await inventoryStore()).clearAll();
      clearTimeout(overLimitWrite);
      overLimit = Promise.resolve(null);
      await overLimitItem.setValue(null);
      changed();
      return { cleared: true as const };
    },
    async exportInventory() {
      const s = await inventoryStore();
      const [keys, sightings] = await Promise.all([s.listKeys(), s.allSightings()]);
      return { keys, sightings };
    },
  });
  watchPages();
  // Apply retention at start (a browser left closed for months) and when its settings change.
  schedulePrune(0);
  // After the database opens, so the listeners have registered (background/index.ts starts every module at once).
  void handOnLeftovers();
  watchSettings(() => {
    schedulePrune(0);
    // A key's name may have changed: the popup asks again.
    changed();
  });
}

import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
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

const savedListeners = new Set<(sightings: Sighting[]) => Promise<void>>();

/**
 * Calls `cb` with the sightings of each message while the inventory keeps them, and answers the
 * sender only once both are done: a background stopped in between leaves the sender resending them.
 * A resent sighting (its first answer lost, or the inventory's write failed) comes again, so `cb`
 * must accept one it has seen (team reporting does: the receiver drops the duplicate by its uid).
 */
export function onSightingsSaved(cb: (sightings: Sighting[]) => Promise<void>): () => void {
  savedListeners.add(cb);
  return () => savedListeners.delete(cb);
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
  // The listeners (team reporting's queue, a database of its own) write alongside the inventory, not
  // after it: the answer waits for the slower of the two, not for both in turn. A batch the inventory
  // then fails to keep is sent again, and a listener takes a sighting twice (see onSightingsSaved).
  const listened = Promise.all([...savedListeners].map((cb) => cb(sightings).catch(() => undefined)));
  try {
    await (await inventoryStore()).recordSightings(sightings, fresh);
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
  await listened;
  return fresh;
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
  // Apply retention at start (a browser left closed for months) and when its settings change.
  schedulePrune(0);
  watchSettings(() => {
    schedulePrune(0);
    // A key's name may have changed: the popup asks again.
    changed();
  });
}

import { onMessages, type ResponseOf } from '../../utils/messaging';
import { loadSettings, watchSettings } from '../../utils/policy/store';
import { InventoryStore } from '../../utils/inventory/store';

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

/** Answers the inventory's messages: sightings from the guard, queries and edits from the popup. */
export function startInventory(): void {
  onMessages({
    async recordSighting(sighting) {
      let result;
      try {
        result = await (await inventoryStore()).recordSighting(sighting);
      } catch (error) {
        // The sender keeps the sighting and sends it again later (utils/inventory/client.ts).
        if (!saveFailure) {
          saveFailure = { since: Date.now(), reason: describeFailure(error) };
          changed();
        }
        throw error;
      }
      const recovered = saveFailure !== undefined;
      saveFailure = undefined;
      if (result.recorded || recovered) changed();
      if (result.recorded) schedulePrune();
      return result;
    },
    async inventoryOverview() {
      const { keys, sites } = await (await inventoryStore()).overview();
      // The key summaries add up to the sightings (same transactions), and summing is cheaper than counting 10,000 rows.
      const total = keys.reduce((sum, k) => sum + k.count, 0);
      return saveFailure ? { keys, sites, total, saveFailure } : { keys, sites, total };
    },
    async inventoryKey({ fingerprint }) {
      const { key, sightings } = await (await inventoryStore()).getKey(fingerprint);
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
  watchSettings(() => schedulePrune(0));
}

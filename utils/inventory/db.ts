import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { Sighting } from './sighting';
import { addToKey, addToSite, keyFromSightings, type KeySummary, type SiteSummary, type StoredSighting } from './summary';

/** The background's one database. Only the background opens it; pages ask through messages. */
export const DB_NAME = 'keyward-inventory';

/** The schema as it is now (version 5). */
export interface InventoryDB extends DBSchema {
  sightings: { key: string; value: StoredSighting; indexes: { time: number; fingerprint: string; origin: string } };
  keys: { key: string; value: KeySummary; indexes: { lastSeen: number } };
  sites: { key: string; value: SiteSummary };
  /**
   * "I rotated this key", kept apart from the summaries: a key whose sightings all went (retention,
   * deleted one by one) is still known rotated when it is seen again. Deleting the key forgets it.
   */
  rotations: { key: string; value: Rotation };
  /**
   * Sightings recorded and not yet taken by the background's listeners (team reporting's queue),
   * written in the transaction that records them: a background stopped after answering the page and
   * before a listener took them hands them on at its next start (entrypoints/background/inventory.ts).
   * Apart from the sightings, so deleting or clearing the inventory does not take them back.
   */
  handoff: { key: string; value: Sighting };
}

export interface Rotation {
  fingerprint: string;
  rotatedAt: number;
}

type UpgradeTx = IDBPTransaction<InventoryDB, StoreNames<InventoryDB>[], 'versionchange'>;
type Migration = (db: IDBPDatabase<InventoryDB>, tx: UpgradeTx) => Promise<void> | void;

/**
 * Numbered migrations: `MIGRATIONS[n]` takes a database at version n to n + 1. Never edit a shipped
 * one; add the next. Each has a test that builds the earlier version with its own code and data.
 */
export const MIGRATIONS: readonly Migration[] = [
  // 0 → 1: sightings only.
  (db) => {
    const sightings = db.createObjectStore('sightings', { keyPath: 'id' });
    sightings.createIndex('time', 'time');
    sightings.createIndex('fingerprint', 'fingerprint');
  },
  // 1 → 2: per-key and per-site summaries (with rotation), built from the sightings already kept.
  async (db, tx) => {
    tx.objectStore('sightings').createIndex('origin', 'origin');
    const keys = db.createObjectStore('keys', { keyPath: 'fingerprint' });
    keys.createIndex('lastSeen', 'lastSeen');
    db.createObjectStore('sites', { keyPath: 'origin' });
    const byKey = new Map<string, KeySummary>();
    const bySite = new Map<string, SiteSummary>();
    for (let cursor = await tx.objectStore('sightings').openCursor(); cursor; cursor = await cursor.continue()) {
      const s = cursor.value;
      byKey.set(s.fingerprint, addToKey(byKey.get(s.fingerprint), s));
      bySite.set(s.origin, addToSite(bySite.get(s.origin), s));
    }
    await Promise.all([...[...byKey.values()].map((k) => tx.objectStore('keys').put(k)), ...[...bySite.values()].map((s) => tx.objectStore('sites').put(s))]);
  },
  // 2 → 3: rotation marks in a store of their own, copied from the key summaries.
  async (db, tx) => {
    db.createObjectStore('rotations', { keyPath: 'fingerprint' });
    const rotations = tx.objectStore('rotations');
    const marked = (await tx.objectStore('keys').getAll()).filter((k) => k.rotatedAt !== undefined);
    await Promise.all(marked.map((k) => rotations.put({ fingerprint: k.fingerprint, rotatedAt: k.rotatedAt! })));
  },
  // 3 → 4: key summaries rebuilt from their sightings, to add where and when each key reached a page
  // (its status, utils/inventory/status.ts), counting "after rotation" from the latest mark only.
  async (_db, tx) => {
    const keys = tx.objectStore('keys');
    const rotatedAt = new Map((await tx.objectStore('rotations').getAll()).map((r) => [r.fingerprint, r.rotatedAt]));
    const byKey = new Map<string, StoredSighting[]>();
    for (let cursor = await tx.objectStore('sightings').openCursor(); cursor; cursor = await cursor.continue()) {
      const list = byKey.get(cursor.value.fingerprint) ?? [];
      list.push(cursor.value);
      byKey.set(cursor.value.fingerprint, list);
    }
    await Promise.all([...byKey].map(([fingerprint, sightings]) => keys.put(keyFromSightings(sightings, rotatedAt.get(fingerprint))!)));
  },
  // 4 → 5: the handoff store, empty (nothing recorded before was waiting for a listener).
  (db) => {
    db.createObjectStore('handoff', { keyPath: 'id' });
  },
];

/** The current schema version. */
export const DB_VERSION = MIGRATIONS.length;

/**
 * Opens the inventory at `version` (default: current), running every migration from the version
 * on disk. A lower `version` exists for the migration tests.
 */
export function openInventoryDb(name = DB_NAME, version = DB_VERSION): Promise<IDBPDatabase<InventoryDB>> {
  return openDB<InventoryDB>(name, version, {
    async upgrade(db, oldVersion, newVersion, tx) {
      for (let v = oldVersion; v < (newVersion ?? version); v++) await MIGRATIONS[v]!(db, tx);
    },
    blocking() {
      // A newer version wants to open (an extension update): let it.
    },
  });
}

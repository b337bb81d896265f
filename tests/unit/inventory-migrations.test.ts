import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { DB_VERSION, MIGRATIONS, openInventoryDb } from '../../utils/inventory/db';
import { InventoryStore } from '../../utils/inventory/store';
import { keyStatus } from '../../utils/inventory/status';
import { addToKey, addToSite } from '../../utils/inventory/summary';
import { fp, sighting } from './inventory-fixtures';

/** Builds a database at an earlier version with that version's own migrations, as a user's browser holds it. */
async function createAt(name: string, version: number, seed: (db: IDBDatabase) => Promise<void>): Promise<void> {
  const db = await openDB(name, version, {
    async upgrade(raw, oldVersion, _new, tx) {
      for (let v = oldVersion; v < version; v++) await MIGRATIONS[v]!(raw as never, tx as never);
    },
  });
  await seed(db as unknown as IDBDatabase);
  db.close();
}

describe('inventory database migrations', () => {
  it('is at version 5: sightings, key and site summaries, rotation marks of their own, exposures on the key summaries, then the handoff store', () => {
    expect(DB_VERSION).toBe(5);
  });

  it('opens an empty database at the current version with every store', async () => {
    const db = await openInventoryDb('migrate-fresh');
    expect([...db.objectStoreNames].sort()).toEqual(['handoff', 'keys', 'rotations', 'sightings', 'sites']);
    expect(db.version).toBe(DB_VERSION);
    db.close();
  });

  it('from v1 (sightings only): keeps every sighting and builds the summaries from them', async () => {
    const v1 = [
      sighting({ time: 1000, outcome: 'blocked' }),
      sighting({ time: 2000, outcome: 'warned', origin: 'https://chatgpt.com' }),
      sighting({ time: 1500, fingerprint: fp(3), redacted: 'ghp_…9xYz', provider: 'github', type: 'classic token' }),
    ];
    await createAt('migrate-v1', 1, async (db) => {
      const tx = db.transaction('sightings', 'readwrite');
      for (const s of v1) tx.objectStore('sightings').add(s);
      await new Promise((resolve, reject) => ((tx.oncomplete = resolve), (tx.onerror = reject)));
    });
    // The v1 database really is v1: no summary stores yet.
    const raw = await openDB('migrate-v1');
    expect(raw.version).toBe(1);
    expect([...raw.objectStoreNames]).toEqual(['sightings']);
    raw.close();

    const store = await InventoryStore.open('migrate-v1');
    expect(await store.allSightings()).toEqual([v1[0], v1[2], v1[1]]); // oldest first, unchanged
    const keys = await store.listKeys();
    expect(keys).toHaveLength(2);
    expect(keys.find((k) => k.fingerprint === 'a1b2c3d4e5f60718')).toMatchObject({
      count: 2,
      firstSeen: 1000,
      lastSeen: 2000,
      outcomes: { blocked: 1, warned: 1 },
      sites: { 'https://github.com': 1, 'https://chatgpt.com': 1 },
    });
    expect((await store.listSites()).find((s) => s.origin === 'https://github.com')).toMatchObject({ count: 2, keys: { a1b2c3d4e5f60718: 1, [fp(3)]: 1 } });
    // And the migrated database works: rotation, the v2 feature, and new sightings.
    await store.markRotated(fp(3), true, 5000);
    expect(await store.recordSighting(sighting({ fingerprint: fp(3), time: 6000 }))).toMatchObject({ recorded: true, afterRotation: true });
    expect(await store.count()).toBe(4);
    store.close();
  });

  it('from v1 with no data', async () => {
    await createAt('migrate-v1-empty', 1, async () => {});
    const store = await InventoryStore.open('migrate-v1-empty');
    expect(await store.listKeys()).toEqual([]);
    await store.recordSighting(sighting());
    expect(await store.count()).toBe(1);
    store.close();
  });

  it('from v2 (rotation on the key summaries): the marks move to their own store and outlive the sightings', async () => {
    await createAt('migrate-v2', 2, async (db) => {
      // A v2 database as v2's code left it: summaries carry `rotatedAt`.
      const tx = db.transaction(['sightings', 'keys', 'sites'], 'readwrite');
      const rotated = sighting({ id: 'rotated-1', fingerprint: fp(1), time: 1000 });
      const plain = sighting({ id: 'plain-1', fingerprint: fp(2), time: 1000 });
      for (const s of [rotated, plain]) tx.objectStore('sightings').add(s);
      tx.objectStore('keys').put({ ...addToKey(undefined, rotated), rotatedAt: 2000 });
      tx.objectStore('keys').put(addToKey(undefined, plain));
      tx.objectStore('sites').put(addToSite(addToSite(undefined, rotated), plain));
      await new Promise((resolve, reject) => ((tx.oncomplete = resolve), (tx.onerror = reject)));
    });
    const store = await InventoryStore.open('migrate-v2');
    expect(await store.listKeys()).toEqual(expect.arrayContaining([expect.objectContaining({ fingerprint: fp(1), rotatedAt: 2000 })]));
    // Retention drops every sighting; the key is seen again later and still known rotated.
    await store.prune({ maxSightings: 0, maxAgeDays: 365 }, 3000);
    expect(await store.listKeys()).toEqual([]);
    expect(await store.recordSighting(sighting({ id: 'rotated-2', fingerprint: fp(1), time: 4000 }))).toMatchObject({ afterRotation: true });
    expect(await store.recordSighting(sighting({ id: 'plain-2', fingerprint: fp(2), time: 4000 }))).toMatchObject({ afterRotation: false });
    expect((await store.listKeys()).find((k) => k.fingerprint === fp(1))).toMatchObject({ rotatedAt: 2000, afterRotation: 1 });
    store.close();
  });

  it('from v3: each key learns where and when it reached a page, and what its status is', async () => {
    await createAt('migrate-v3-exposures', 3, async (db) => {
      // A v3 database as v3's code left it: summaries without exposures; a key rotated twice, with the
      // sighting flagged after the first mark only.
      const tx = db.transaction(['sightings', 'keys', 'rotations'], 'readwrite');
      const sightings = [
        sighting({ id: 'x-1', fingerprint: fp(1), time: 1000, outcome: 'blocked' }),
        sighting({ id: 'x-2', fingerprint: fp(1), time: 2000, outcome: 'inserted-anyway', origin: 'https://chatgpt.com', event: 'paste' }),
        sighting({ id: 'y-1', fingerprint: fp(2), time: 1000, outcome: 'warned', event: 'typing' }),
        { ...sighting({ id: 'y-2', fingerprint: fp(2), time: 3000, outcome: 'warned', origin: 'https://claude.ai' }), afterRotation: true },
      ];
      for (const s of sightings) tx.objectStore('sightings').add(s);
      const { exposedSites: _a, lastExposure: _b, ...oldKey1 } = addToKey(addToKey(undefined, sightings[0]!), sightings[1]!);
      const { exposedSites: _c, lastExposure: _d, exposedAfterRotation: _e, ...oldKey2 } = addToKey(addToKey(undefined, sightings[2]!), sightings[3]!);
      tx.objectStore('keys').put(oldKey1);
      tx.objectStore('keys').put({ ...oldKey2, rotatedAt: 4000 });
      tx.objectStore('rotations').put({ fingerprint: fp(2), rotatedAt: 4000 });
      await new Promise((resolve, reject) => ((tx.oncomplete = resolve), (tx.onerror = reject)));
    });
    const store = await InventoryStore.open('migrate-v3-exposures');
    const keys = await store.listKeys();
    const one = keys.find((k) => k.fingerprint === fp(1))!;
    expect(one).toMatchObject({ exposedSites: { 'https://chatgpt.com': 1 }, lastExposure: { origin: 'https://chatgpt.com', time: 2000, outcome: 'inserted-anyway', event: 'paste' } });
    expect(keyStatus(one)).toBe('exposed');
    // Marked rotated at 4000, after both of its sightings: rotated, nothing since (the old flag no longer counts).
    const two = keys.find((k) => k.fingerprint === fp(2))!;
    expect(two).toMatchObject({ rotatedAt: 4000, lastExposure: { origin: 'https://claude.ai', time: 3000 } });
    expect(two.afterRotation ?? 0).toBe(0);
    expect(keyStatus(two)).toBe('rotated');
    store.close();
  });

  it('from v4: keeps everything and adds an empty handoff store', async () => {
    const kept = sighting({ id: 'v4-1' });
    await createAt('migrate-v4', 4, async (db) => {
      const tx = db.transaction(['sightings', 'keys', 'sites'], 'readwrite');
      tx.objectStore('sightings').add(kept);
      tx.objectStore('keys').put(addToKey(undefined, kept));
      tx.objectStore('sites').put(addToSite(undefined, kept));
      await new Promise((resolve, reject) => ((tx.oncomplete = resolve), (tx.onerror = reject)));
    });
    const store = await InventoryStore.open('migrate-v4');
    expect(await store.allSightings()).toEqual([kept]);
    expect((await store.listKeys())[0]).toMatchObject({ count: 1 });
    expect(await store.handoff()).toEqual([]);
    store.close();
  });

  it('from v5 (current) opens without change', async () => {
    const store = await InventoryStore.open('migrate-v3');
    await store.recordSighting(sighting());
    await store.markRotated('a1b2c3d4e5f60718', true, 10);
    store.close();
    const again = await InventoryStore.open('migrate-v3');
    expect((await again.listKeys())[0]).toMatchObject({ count: 1, rotatedAt: 10 });
    again.close();
  });
});

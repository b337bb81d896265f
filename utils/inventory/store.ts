import type { IDBPDatabase, IDBPTransaction } from 'idb';
import type { Settings } from '../policy/schema';
import { openInventoryDb, type InventoryDB } from './db';
import type { Sighting } from './sighting';
import { addToKey, addToSite, keyFromSightings, siteFromSightings, type KeySummary, type SiteSummary, type StoredSighting } from './summary';

export type { KeySummary, SiteSummary, StoredSighting } from './summary';

const DAY_MS = 24 * 60 * 60 * 1000;

type Db = IDBPDatabase<InventoryDB>;
/** A write over every store (summaries are rebuilt in the transaction that deletes sightings). */
type WriteTx = IDBPTransaction<InventoryDB, ('sightings' | 'keys' | 'sites' | 'rotations')[], 'readwrite'>;

/** What the popup's first screen needs: every key and every site (without its per-key counts). */
export interface Overview {
  keys: KeySummary[];
  sites: Omit<SiteSummary, 'keys'>[];
}

/**
 * The inventory: sightings plus per-key and per-site summaries, which every write updates in the
 * same transaction as the sightings, so they never disagree. Holds redacted forms and fingerprints only.
 */
export class InventoryStore {
  /**
   * The last overview read, kept while nothing changes: the popup asks for it each time it opens,
   * and reading 500 key summaries from IndexedDB is most of that request's cost. Only this object
   * writes the database (the background owns it), so each write method drops it first.
   */
  private cachedOverview: Promise<Overview> | undefined;

  private constructor(private readonly db: Db) {}

  /**
   * Called by every write method before it opens its transaction. A read under way is dropped too:
   * IndexedDB may answer it with the state before this write. Any read begun after this call opens its
   * transaction after the write's, so IndexedDB answers it after the write.
   */
  private writing(): void {
    this.cachedOverview = undefined;
  }

  /** Opens (and migrates) the inventory database. */
  static async open(name?: string): Promise<InventoryStore> {
    return new InventoryStore(await openInventoryDb(name));
  }

  close(): void {
    this.db.close();
  }

  /**
   * Records a sighting once: a resend with the same id changes nothing and answers `recorded: false`.
   * A sighting of a key marked rotated before it is flagged `afterRotation`.
   */
  async recordSighting(sighting: Sighting): Promise<{ recorded: boolean; afterRotation: boolean }> {
    this.writing();
    // Relaxed: committed once the browser has the write, without waiting for the disk to flush (the
    // service worker may stop, the browser keeps it); the popup's 5 ms budget per sighting needs it.
    const tx = this.db.transaction(['sightings', 'keys', 'sites', 'rotations'], 'readwrite', { durability: 'relaxed' });
    const sightings = tx.objectStore('sightings');
    const keys = tx.objectStore('keys');
    const sites = tx.objectStore('sites');
    const [existing, key, site, rotation] = await Promise.all([
      sightings.getKey(sighting.id),
      keys.get(sighting.fingerprint),
      sites.get(sighting.origin),
      tx.objectStore('rotations').get(sighting.fingerprint),
    ]);
    if (existing !== undefined) {
      await tx.done;
      return { recorded: false, afterRotation: false };
    }
    const stored: StoredSighting = { ...sighting };
    if (rotation !== undefined && sighting.time >= rotation.rotatedAt) stored.afterRotation = true;
    const nextKey = addToKey(key, stored);
    if (rotation !== undefined) nextKey.rotatedAt = rotation.rotatedAt;
    await Promise.all([sightings.add(stored), keys.put(nextKey), sites.put(addToSite(site, stored)), tx.done]);
    return { recorded: true, afterRotation: stored.afterRotation === true };
  }

  /**
   * Records a batch of sightings in one transaction (the summaries of each key and site written once),
   * each once: resent ones are skipped. Returns how many were new. With `handOff`, the new ones also
   * wait in the handoff store until {@link handedOn} (see InventoryDB's `handoff`).
   */
  async recordSightings(batch: readonly Sighting[], recordedOut?: Sighting[], handOff = false): Promise<number> {
    this.writing();
    const tx = this.db.transaction(['sightings', 'keys', 'sites', 'rotations', 'handoff'], 'readwrite', { durability: 'relaxed' });
    const sightings = tx.objectStore('sightings');
    const fingerprints = [...new Set(batch.map((s) => s.fingerprint))];
    const origins = [...new Set(batch.map((s) => s.origin))];
    const [existing, keyList, siteList, rotationList] = await Promise.all([
      Promise.all(batch.map((s) => sightings.getKey(s.id))),
      Promise.all(fingerprints.map((f) => tx.objectStore('keys').get(f))),
      Promise.all(origins.map((o) => tx.objectStore('sites').get(o))),
      Promise.all(fingerprints.map((f) => tx.objectStore('rotations').get(f))),
    ]);
    const keys = new Map(fingerprints.map((f, i) => [f, keyList[i]]));
    const sites = new Map(origins.map((o, i) => [o, siteList[i]]));
    const rotations = new Map(fingerprints.map((f, i) => [f, rotationList[i]]));
    const writes: Promise<unknown>[] = [];
    const seen = new Set<string>();
    let recorded = 0;
    batch.forEach((sighting, i) => {
      if (existing[i] !== undefined || seen.has(sighting.id)) return;
      seen.add(sighting.id);
      const stored: StoredSighting = { ...sighting };
      const rotation = rotations.get(sighting.fingerprint);
      if (rotation !== undefined && sighting.time >= rotation.rotatedAt) stored.afterRotation = true;
      const nextKey = addToKey(keys.get(sighting.fingerprint), stored);
      if (rotation !== undefined) nextKey.rotatedAt = rotation.rotatedAt;
      keys.set(sighting.fingerprint, nextKey);
      sites.set(sighting.origin, addToSite(sites.get(sighting.origin), stored));
      writes.push(sightings.add(stored));
      if (handOff) writes.push(tx.objectStore('handoff').put(sighting));
      recordedOut?.push(sighting);
      recorded += 1;
    });
    if (recorded > 0) {
      for (const key of keys.values()) if (key) writes.push(tx.objectStore('keys').put(key));
      for (const site of sites.values()) if (site) writes.push(tx.objectStore('sites').put(site));
    }
    await Promise.all([...writes, tx.done]);
    return recorded;
  }

  /** The sightings waiting in the handoff store. */
  handoff(): Promise<Sighting[]> {
    return this.db.getAll('handoff');
  }

  /** Forgets handed-on sightings (the overview does not show them: its cache stays). */
  async handedOn(ids: readonly string[]): Promise<void> {
    // Relaxed: a delete a crash loses only hands the sightings on again, which listeners accept.
    const tx = this.db.transaction('handoff', 'readwrite', { durability: 'relaxed' });
    await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
  }

  /** Every key, most recently seen first. */
  async listKeys(): Promise<KeySummary[]> {
    return (await this.db.getAllFromIndex('keys', 'lastSeen')).reverse();
  }

  /** Every site. */
  listSites(): Promise<SiteSummary[]> {
    return this.db.getAll('sites');
  }

  /**
   * What the popup's first screen needs, in one readonly transaction: every key (most recently seen
   * first) and every site without its per-key counts. Shared between callers until the next write:
   * read it, do not modify it.
   */
  overview(): Promise<Overview> {
    if (this.cachedOverview) return this.cachedOverview;
    const read = this.readOverview();
    this.cachedOverview = read;
    // A failed read is not kept: the next call tries again.
    read.catch(() => {
      if (this.cachedOverview === read) this.cachedOverview = undefined;
    });
    return read;
  }

  private async readOverview(): Promise<Overview> {
    const tx = this.db.transaction(['keys', 'sites'], 'readonly');
    // getAll on the store, not on the lastSeen index: an index read looks up each record by its primary
    // key (10× slower in Chromium with 500 keys), and sorting 500 summaries here costs well under a millisecond.
    const [keys, sites] = await Promise.all([tx.objectStore('keys').getAll(), tx.objectStore('sites').getAll(), tx.done]);
    return { keys: keys.sort(newestFirst), sites: sites.map(({ keys: _perKey, ...site }) => site) };
  }

  /** One key's summary and its sightings, newest first. */
  async getKey(fingerprint: string): Promise<{ key?: KeySummary; sightings: StoredSighting[] }> {
    const tx = this.db.transaction(['keys', 'sightings']);
    const [key, sightings] = await Promise.all([tx.objectStore('keys').get(fingerprint), tx.objectStore('sightings').index('fingerprint').getAll(fingerprint)]);
    await tx.done;
    return { key, sightings: sightings.sort((a, b) => b.time - a.time) };
  }

  /** Every sighting, oldest first. */
  allSightings(): Promise<StoredSighting[]> {
    return this.db.getAllFromIndex('sightings', 'time');
  }

  /** How many sightings are kept. */
  count(): Promise<number> {
    return this.db.count('sightings');
  }

  /** How many sightings were seen after `time` (for the badge). */
  countSince(time: number): Promise<number> {
    return this.db.countFromIndex('sightings', 'time', IDBKeyRange.lowerBound(time, true));
  }

  /** Marks a key rotated now (or unmarks it); false when the key is unknown. */
  async markRotated(fingerprint: string, rotated: boolean, now = Date.now()): Promise<boolean> {
    this.writing();
    const tx = this.db.transaction(['keys', 'rotations'], 'readwrite');
    const keys = tx.objectStore('keys');
    const rotations = tx.objectStore('rotations');
    const key = await keys.get(fingerprint);
    if (!key) {
      await tx.done;
      return false;
    }
    const next: KeySummary = { ...key };
    if (rotated) next.rotatedAt = now;
    else delete next.rotatedAt;
    // Sightings "since rotation" count from this mark on (none yet), or from none once unmarked.
    delete next.afterRotation;
    delete next.exposedAfterRotation;
    await Promise.all([keys.put(next), rotated ? rotations.put({ fingerprint, rotatedAt: now }) : rotations.delete(fingerprint), tx.done]);
    return true;
  }

  /** Deletes one sighting; the summaries follow. */
  async deleteSighting(id: string): Promise<boolean> {
    return (await this.deleteWhere(async (tx) => {
      const s = await tx.objectStore('sightings').get(id);
      return s ? [s] : [];
    })) > 0;
  }

  /** Deletes a key with all its sightings and its rotation mark. Returns how many sightings went. */
  async deleteKey(fingerprint: string): Promise<number> {
    this.writing();
    const tx = this.db.transaction(['sightings', 'keys', 'sites', 'rotations'], 'readwrite');
    const sightings = await tx.objectStore('sightings').index('fingerprint').getAll(fingerprint);
    await Promise.all(sightings.map((s) => tx.objectStore('sightings').delete(s.id)));
    await Promise.all([tx.objectStore('keys').delete(fingerprint), tx.objectStore('rotations').delete(fingerprint)]);
    await this.refreshSummaries(tx, [], unique(sightings.map((s) => s.origin)));
    await tx.done;
    return sightings.length;
  }

  /** Deletes everything. */
  async clearAll(): Promise<void> {
    this.writing();
    const tx = this.db.transaction(['sightings', 'keys', 'sites', 'rotations'], 'readwrite');
    await Promise.all([
      tx.objectStore('sightings').clear(),
      tx.objectStore('keys').clear(),
      tx.objectStore('sites').clear(),
      tx.objectStore('rotations').clear(),
      tx.done,
    ]);
  }

  /**
   * Applies retention: drops sightings older than `maxAgeDays`, then the oldest beyond `maxSightings`,
   * keeping each key's latest sighting: sightings a site piles up push out older sightings, never the
   * last trace of a key. Only when the keys alone are more than `maxSightings` do latest sightings go
   * too, oldest first from the site that holds the most (the one that flooded the store pays for it).
   * Returns how many were dropped.
   */
  prune(retention: Settings['retention'], now = Date.now()): Promise<number> {
    return this.deleteWhere(async (tx) => {
      const store = tx.objectStore('sightings');
      const cutoff = now - retention.maxAgeDays * DAY_MS;
      const expired = await store.index('time').getAll(IDBKeyRange.upperBound(cutoff, true));
      const excess = (await store.count()) - expired.length - retention.maxSightings;
      if (excess <= 0) return expired;
      const lastSeen = new Map((await tx.objectStore('keys').getAll()).map((k) => [k.fingerprint, k.lastSeen]));
      const doomed: StoredSighting[] = [];
      const latest: StoredSighting[] = [];
      const kept = new Set<string>();
      for (let cursor = await store.index('time').openCursor(IDBKeyRange.lowerBound(cutoff)); cursor && doomed.length < excess; cursor = await cursor.continue()) {
        const s = cursor.value;
        // One sighting per key is its latest (ties: the first in time order).
        if (s.time >= (lastSeen.get(s.fingerprint) ?? 0) && !kept.has(s.fingerprint)) {
          kept.add(s.fingerprint);
          latest.push(s);
        } else doomed.push(s);
      }
      if (doomed.length < excess) doomed.push(...fromFullestSites(latest, excess - doomed.length));
      return [...expired, ...doomed];
    });
  }

  private async deleteWhere(select: (tx: WriteTx) => Promise<StoredSighting[]>): Promise<number> {
    this.writing();
    const tx = this.db.transaction(['sightings', 'keys', 'sites', 'rotations'], 'readwrite');
    const doomed = await select(tx);
    if (doomed.length === 0) {
      await tx.done;
      return 0;
    }
    await Promise.all(doomed.map((s) => tx.objectStore('sightings').delete(s.id)));
    await this.refreshSummaries(tx, unique(doomed.map((s) => s.fingerprint)), unique(doomed.map((s) => s.origin)));
    await tx.done;
    return doomed.length;
  }

  /** Rebuilds the named key and site summaries from the sightings left, in the caller's transaction. */
  private async refreshSummaries(tx: WriteTx, fingerprints: string[], origins: string[]): Promise<void> {
    const sightings = tx.objectStore('sightings');
    const keys = tx.objectStore('keys');
    const sites = tx.objectStore('sites');
    await Promise.all([
      ...fingerprints.map(async (fingerprint) => {
        const [left, old] = await Promise.all([sightings.index('fingerprint').getAll(fingerprint), keys.get(fingerprint)]);
        const next = keyFromSightings(left, old?.rotatedAt);
        await (next ? keys.put(next) : keys.delete(fingerprint));
      }),
      ...origins.map(async (origin) => {
        const next = siteFromSightings(await sightings.index('origin').getAll(origin));
        await (next ? sites.put(next) : sites.delete(origin));
      }),
    ]);
  }
}

/** The lastSeen index's order reversed: most recently seen first, ties by fingerprint descending. */
function newestFirst(a: KeySummary, b: KeySummary): number {
  return b.lastSeen - a.lastSeen || (a.fingerprint < b.fingerprint ? 1 : a.fingerprint > b.fingerprint ? -1 : 0);
}

/**
 * `count` of the keys' latest sightings (in time order), taken one at a time from the site left with
 * the most: a site that filled the store with keys loses its own first.
 */
function fromFullestSites(latest: StoredSighting[], count: number): StoredSighting[] {
  const bySite = new Map<string, StoredSighting[]>();
  for (const s of latest) {
    const list = bySite.get(s.origin);
    if (list) list.push(s);
    else bySite.set(s.origin, [s]);
  }
  const left = new Map([...bySite].map(([origin, list]) => [origin, list.length]));
  const taken: StoredSighting[] = [];
  const next = new Map([...bySite.keys()].map((origin) => [origin, 0]));
  while (taken.length < count) {
    let fullest: string | undefined;
    for (const [origin, n] of left) if (next.get(origin)! < bySite.get(origin)!.length && (fullest === undefined || n > left.get(fullest)!)) fullest = origin;
    if (fullest === undefined) break;
    const at = next.get(fullest)!;
    taken.push(bySite.get(fullest)![at]!);
    next.set(fullest, at + 1);
    left.set(fullest, left.get(fullest)! - 1);
  }
  return taken;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

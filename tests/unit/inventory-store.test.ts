import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InventoryStore, type KeySummary, type SiteSummary, type StoredSighting } from '../../utils/inventory/store';
import { keyFromSightings, siteFromSightings } from '../../utils/inventory/summary';
import { fp, sighting } from './inventory-fixtures';

let store: InventoryStore;
let dbName: string;
let n = 0;

beforeEach(async () => {
  dbName = `inventory-store-${++n}`;
  store = await InventoryStore.open(dbName);
});
afterEach(() => store.close());

/** Rebuilds every summary from the sightings and compares with what the store kept. */
async function expectConsistent(): Promise<void> {
  const sightings = await store.allSightings();
  const byKey = groupBy(sightings, (s) => s.fingerprint);
  const bySite = groupBy(sightings, (s) => s.origin);
  const keys = await store.listKeys();
  const sites = await store.listSites();
  expect(keys.map((k) => k.fingerprint).sort()).toEqual([...byKey.keys()].sort());
  expect(sites.map((s) => s.origin).sort()).toEqual([...bySite.keys()].sort());
  for (const key of keys) expect(stripRotation(key)).toEqual(stripRotation(keyFromSightings(byKey.get(key.fingerprint)!)!));
  for (const site of sites) expect(site).toEqual(siteFromSightings(bySite.get(site.origin)!) as SiteSummary);
}

function stripRotation(k: KeySummary): Omit<KeySummary, 'rotatedAt'> {
  const { rotatedAt: _, ...rest } = k;
  return rest;
}

function groupBy(items: StoredSighting[], by: (s: StoredSighting) => string): Map<string, StoredSighting[]> {
  const map = new Map<string, StoredSighting[]>();
  for (const item of items) map.set(by(item), [...(map.get(by(item)) ?? []), item]);
  return map;
}

describe('recording sightings', () => {
  it('keeps each sighting and sums it per key and per site', async () => {
    await store.recordSighting(sighting({ time: 1000, outcome: 'blocked' }));
    await store.recordSighting(sighting({ time: 3000, outcome: 'inserted-anyway', origin: 'https://chatgpt.com' }));
    await store.recordSighting(sighting({ time: 2000, fingerprint: fp(2), redacted: 'ghp_…9xYz', provider: 'github' }));

    const keys = await store.listKeys();
    expect(keys.map((k) => k.fingerprint)).toEqual(['a1b2c3d4e5f60718', fp(2)]);
    expect(keys[0]).toMatchObject({ count: 2, firstSeen: 1000, lastSeen: 3000, outcomes: { blocked: 1, 'inserted-anyway': 1 } });
    expect(keys[0]!.sites).toEqual({ 'https://github.com': 1, 'https://chatgpt.com': 1 });
    const github = (await store.listSites()).find((s) => s.origin === 'https://github.com')!;
    expect(github).toMatchObject({ count: 2, firstSeen: 1000, lastSeen: 2000, keys: { a1b2c3d4e5f60718: 1, [fp(2)]: 1 } });
    await expectConsistent();
  });

  it('records a resent sighting once', async () => {
    const s = sighting();
    expect(await store.recordSighting(s)).toMatchObject({ recorded: true });
    expect(await store.recordSighting(s)).toMatchObject({ recorded: false });
    await Promise.all([store.recordSighting(s), store.recordSighting(s)]);
    expect(await store.count()).toBe(1);
    expect((await store.listKeys())[0]!.count).toBe(1);
  });

  it('loses nothing when many sightings arrive at once', async () => {
    const all = Array.from({ length: 500 }, (_, i) => sighting({ fingerprint: fp(i % 7), origin: `https://site${i % 5}.example` }));
    await Promise.all(all.map((s) => store.recordSighting(s)));
    expect(await store.count()).toBe(500);
    expect((await store.listKeys()).reduce((sum, k) => sum + k.count, 0)).toBe(500);
    await expectConsistent();
  });
});

describe('batches', () => {
  it('records a batch in one go, each sighting once, with the summaries of its keys and sites', async () => {
    await store.recordSighting(sighting({ fingerprint: fp(1), time: 10 }));
    await store.markRotated(fp(2), false);
    const batch = Array.from({ length: 1200 }, (_, i) => sighting({ fingerprint: fp(i % 300), origin: `https://site${i % 4}.example` }));
    expect(await store.recordSightings(batch.slice(0, 500))).toBe(500);
    // A resent batch (some already recorded) records only the new ones.
    expect(await store.recordSightings(batch.slice(400, 900))).toBe(400);
    expect(await store.recordSightings(batch.slice(900))).toBe(300);
    expect(await store.count()).toBe(1201);
    expect((await store.listKeys()).find((k) => k.fingerprint === fp(1))!.count).toBe(5);
    await expectConsistent();
  });

  it('flags sightings of a rotated key in a batch', async () => {
    await store.recordSighting(sighting({ time: 1000 }));
    await store.markRotated('a1b2c3d4e5f60718', true, 2000);
    await store.recordSightings([sighting({ time: 1500 }), sighting({ time: 3000 })]);
    const { key } = await store.getKey('a1b2c3d4e5f60718');
    expect(key).toMatchObject({ rotatedAt: 2000, afterRotation: 1, count: 3 });
  });
});

describe('handoff (sightings waiting for team reporting)', () => {
  it('keeps the new sightings of a batch recorded with handOff until they are handed on, and nothing without it', async () => {
    const [a, b, c] = [sighting(), sighting({ fingerprint: fp(2) }), sighting()];
    await store.recordSightings([a], undefined, false);
    expect(await store.handoff()).toEqual([]);
    // A resend of a recorded sighting was handed on (or waits) already: only b and c wait.
    expect(await store.recordSightings([a, b, c], undefined, true)).toBe(2);
    expect((await store.handoff()).map((s) => s.id).sort()).toEqual([b.id, c.id].sort());
    await store.handedOn([b.id]);
    expect(await store.handoff()).toEqual([c]);
  });

  it('keeps them when the user deletes the sighting, its key or everything: the organisation is still owed the event', async () => {
    const s = sighting();
    await store.recordSightings([s, sighting({ fingerprint: fp(2) })], undefined, true);
    await store.deleteSighting(s.id);
    await store.deleteKey(fp(2));
    await store.clearAll();
    expect(await store.handoff()).toHaveLength(2);
  });
});

describe('rotation', () => {
  it('marks a key rotated and flags later sightings of it', async () => {
    await store.recordSighting(sighting({ time: 1000 }));
    expect(await store.markRotated('a1b2c3d4e5f60718', true, 2000)).toBe(true);
    expect(await store.recordSighting(sighting({ time: 3000 }))).toMatchObject({ afterRotation: true });
    const { key, sightings } = await store.getKey('a1b2c3d4e5f60718');
    expect(key).toMatchObject({ rotatedAt: 2000, afterRotation: 1, count: 2 });
    expect(sightings.map((s) => s.afterRotation === true)).toEqual([true, false]);
    expect(await store.markRotated(fp(99), true)).toBe(false);
    await store.markRotated('a1b2c3d4e5f60718', false);
    expect((await store.getKey('a1b2c3d4e5f60718')).key?.rotatedAt).toBeUndefined();
  });

  it('keeps the rotation mark when some sightings are deleted', async () => {
    const first = sighting({ time: 1000 });
    await store.recordSighting(first);
    await store.recordSighting(sighting({ time: 1500 }));
    await store.markRotated('a1b2c3d4e5f60718', true, 2000);
    await store.deleteSighting(first.id);
    expect((await store.getKey('a1b2c3d4e5f60718')).key).toMatchObject({ rotatedAt: 2000, count: 1 });
  });

  it('remembers the mark when every sighting went (retention, deleting them), and flags the key when seen again', async () => {
    const first = sighting({ id: 'only-sighting', time: 1000 });
    await store.recordSighting(first);
    await store.markRotated(first.fingerprint, true, 2000);
    await store.deleteSighting(first.id);
    expect(await store.listKeys()).toEqual([]);
    expect(await store.recordSighting(sighting({ id: 'seen-again', time: 3000 }))).toMatchObject({ afterRotation: true });
    expect((await store.getKey(first.fingerprint)).key).toMatchObject({ rotatedAt: 2000, afterRotation: 1, count: 1 });
    // Unmarked: a later sighting is an ordinary one again.
    await store.markRotated(first.fingerprint, false);
    await store.prune({ maxSightings: 0, maxAgeDays: 365 }, 4000);
    expect(await store.recordSighting(sighting({ id: 'after-unmark', time: 5000 }))).toMatchObject({ afterRotation: false });
    expect((await store.getKey(first.fingerprint)).key?.rotatedAt).toBeUndefined();
  });

  it('forgets the mark with the key (deleting the key, clearing everything)', async () => {
    for (const [n, forget] of [
      [1, (f: string) => store.deleteKey(f)],
      [2, () => store.clearAll()],
    ] as const) {
      const s = sighting({ id: `forget-${n}`, fingerprint: fp(n), time: 1000 });
      await store.recordSighting(s);
      await store.markRotated(s.fingerprint, true, 2000);
      await forget(s.fingerprint);
      expect(await store.recordSighting(sighting({ id: `forget-${n}-again`, fingerprint: fp(n), time: 3000 }))).toMatchObject({ afterRotation: false });
      expect((await store.getKey(s.fingerprint)).key?.rotatedAt).toBeUndefined();
    }
  });
});

describe('deleting', () => {
  it('deletes one sighting and the summaries follow', async () => {
    const a = sighting({ time: 1000 });
    const b = sighting({ time: 2000, origin: 'https://chatgpt.com' });
    await store.recordSighting(a);
    await store.recordSighting(b);
    expect(await store.deleteSighting(b.id)).toBe(true);
    expect(await store.deleteSighting(b.id)).toBe(false);
    expect((await store.listKeys())[0]).toMatchObject({ count: 1, lastSeen: 1000, sites: { 'https://github.com': 1 } });
    expect((await store.listSites()).map((s) => s.origin)).toEqual(['https://github.com']);
    await expectConsistent();
    await store.deleteSighting(a.id);
    expect(await store.listKeys()).toEqual([]);
    expect(await store.listSites()).toEqual([]);
  });

  it('deletes a key with all its sightings, leaving other keys on the same site', async () => {
    await store.recordSighting(sighting());
    await store.recordSighting(sighting());
    await store.recordSighting(sighting({ fingerprint: fp(2) }));
    expect(await store.deleteKey('a1b2c3d4e5f60718')).toBe(2);
    expect((await store.listKeys()).map((k) => k.fingerprint)).toEqual([fp(2)]);
    expect((await store.listSites())[0]).toMatchObject({ count: 1, keys: { [fp(2)]: 1 } });
    await expectConsistent();
  });

  it('clears everything', async () => {
    await store.recordSighting(sighting());
    await store.clearAll();
    expect([await store.count(), (await store.listKeys()).length, (await store.listSites()).length]).toEqual([0, 0, 0]);
  });
});

describe('retention', () => {
  const DAY = 24 * 60 * 60 * 1000;

  it('drops the oldest beyond the cap', async () => {
    for (let i = 0; i < 130; i++) await store.recordSighting(sighting({ id: `cap-${String(i).padStart(4, '0')}`, time: 10_000 + i, fingerprint: fp(i % 3) }));
    expect(await store.prune({ maxSightings: 100, maxAgeDays: 365 }, 20_000)).toBe(30);
    const left = await store.allSightings();
    expect(left).toHaveLength(100);
    expect(left[0]!.time).toBe(10_030);
    await expectConsistent();
  });

  it('drops sightings older than the maximum age', async () => {
    const now = 1_800_000_000_000;
    await store.recordSighting(sighting({ time: now - 40 * DAY, origin: 'https://old.example' }));
    await store.recordSighting(sighting({ time: now - 10 * DAY, fingerprint: fp(5) }));
    expect(await store.prune({ maxSightings: 10_000, maxAgeDays: 30 }, now)).toBe(1);
    expect((await store.allSightings()).map((s) => s.time)).toEqual([now - 10 * DAY]);
    expect((await store.listSites()).map((s) => s.origin)).toEqual(['https://github.com']);
    await expectConsistent();
  });

  it("keeps each key's latest sighting when another site floods the store", async () => {
    // The user's own key, seen twice on chatgpt.com long ago; then a page makes up 500 keys of its own.
    await store.recordSighting(sighting({ id: 'mine-1', fingerprint: fp(1), origin: 'https://chatgpt.com', time: 1000 }));
    await store.recordSighting(sighting({ id: 'mine-2', fingerprint: fp(1), origin: 'https://chatgpt.com', time: 2000 }));
    for (let i = 0; i < 500; i++) await store.recordSighting(sighting({ id: `flood-${i}`, fingerprint: fp(1000 + (i % 50)), origin: 'https://evil.example', time: 10_000 + i }));
    expect(await store.prune({ maxSightings: 100, maxAgeDays: 365 }, 20_000)).toBe(402);
    const left = await store.allSightings();
    expect(left).toHaveLength(100);
    // The user's key keeps its latest sighting; its older one went, with the flood's oldest.
    expect(left.filter((s) => s.fingerprint === fp(1)).map((s) => s.id)).toEqual(['mine-2']);
    expect((await store.getKey(fp(1))).key).toMatchObject({ count: 1, lastSeen: 2000 });
    // Every flooding key keeps its latest sighting too.
    expect(new Set(left.map((s) => s.fingerprint)).size).toBe(51);
    await expectConsistent();
  });

  it('with more keys than the cap, takes latest sightings from the site holding the most', async () => {
    await store.recordSighting(sighting({ id: 'mine', fingerprint: fp(1), origin: 'https://chatgpt.com', time: 1000 }));
    for (let i = 0; i < 150; i++) await store.recordSighting(sighting({ id: `flood-${i}`, fingerprint: fp(1000 + i), origin: 'https://evil.example', time: 10_000 + i }));
    expect(await store.prune({ maxSightings: 100, maxAgeDays: 365 }, 20_000)).toBe(51);
    const left = await store.allSightings();
    expect(left).toHaveLength(100);
    expect(left.map((s) => s.id)).toContain('mine');
    // The flood's own oldest went.
    expect(left.filter((s) => s.origin === 'https://evil.example')[0]!.id).toBe('flood-51');
    await expectConsistent();
  });

  it('counts sightings since a time, for the badge', async () => {
    await store.recordSighting(sighting({ time: 1000 }));
    await store.recordSighting(sighting({ time: 2000 }));
    await store.recordSighting(sighting({ time: 3000 }));
    expect(await store.countSince(1000)).toBe(2);
  });
});

it('keeps the database across reopening', async () => {
  await store.recordSighting(sighting());
  store.close();
  store = await InventoryStore.open(dbName);
  expect(await store.count()).toBe(1);
});

describe('overview', () => {
  it('lists the keys in the lastSeen index order reversed (ties included) and the sites without per-key counts', async () => {
    for (let i = 1; i <= 12; i++) await store.recordSighting(sighting({ fingerprint: fp(i), time: 1000 * (i % 4), origin: i % 2 ? 'https://github.com' : 'https://chatgpt.com' }));
    const { keys, sites } = await store.overview();
    expect(keys).toEqual(await store.listKeys());
    expect(sites).toEqual((await store.listSites()).map(({ keys: _perKey, ...site }) => site));
    expect(sites.every((s) => !('keys' in s))).toBe(true);
  });

  /** The overview as read afresh from the stores. */
  async function fresh() {
    return { keys: await store.listKeys(), sites: (await store.listSites()).map(({ keys: _perKey, ...site }) => site) };
  }

  it('is read once while nothing changes, and every kind of write shows in the next one', async () => {
    const first = sighting({ id: 'first', fingerprint: fp(1), time: 1000 });
    await store.recordSighting(first);
    const read = await store.overview();
    expect(await store.overview()).toBe(read);
    const writes: [string, () => Promise<unknown>][] = [
      ['a sighting recorded', () => store.recordSighting(sighting({ id: 'second', fingerprint: fp(2), time: 2000, origin: 'https://chatgpt.com' }))],
      ['a key marked rotated', () => store.markRotated(fp(1), true, 3000)],
      ['a sighting deleted', () => store.deleteSighting('second')],
      ['retention applied', () => store.prune({ maxSightings: 0, maxAgeDays: 1 }, 1000 + 2 * 24 * 60 * 60 * 1000)],
      ['a sighting recorded again', () => store.recordSighting(sighting({ id: 'third', fingerprint: fp(3), time: 5000 }))],
      ['a key deleted', () => store.deleteKey(fp(3))],
      ['a sighting recorded once more', () => store.recordSighting(sighting({ id: 'fourth', fingerprint: fp(4), time: 6000 }))],
      ['everything cleared', () => store.clearAll()],
    ];
    let before = read;
    for (const [what, write] of writes) {
      await write();
      const after = await store.overview();
      expect(after, what).toEqual(await fresh());
      expect(after, what).not.toEqual(before);
      before = after;
    }
  });

  it('does not keep a read that overlapped a write', async () => {
    await store.recordSighting(sighting({ id: 'first', fingerprint: fp(1), time: 1000 }));
    // Started before the write: IndexedDB answers it with the state before the write.
    const during = store.overview();
    await store.recordSighting(sighting({ id: 'second', fingerprint: fp(2), time: 2000 }));
    expect((await during).keys.map((k) => k.fingerprint)).toEqual([fp(1)]);
    expect(await store.overview()).toEqual(await fresh());
    expect((await store.overview()).keys.map((k) => k.fingerprint)).toEqual([fp(2), fp(1)]);
  });
});

import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { filterKeys, NO_FILTER } from '../../components/inventory/view';
import { exposes, keyStatus, needsRotation } from '../../utils/inventory/status';
import { InventoryStore } from '../../utils/inventory/store';
import { keyFromSightings } from '../../utils/inventory/summary';
import { OUTCOMES } from '../../utils/inventory/outcomes';
import { fp, sighting } from './inventory-fixtures';

describe('a key status', () => {
  it('counts as exposure only what reached the page: inserted anyway, or let through after a warning', () => {
    expect(OUTCOMES.filter(exposes)).toEqual(['warned', 'inserted-anyway']);
  });

  it('is stopped, exposed, rotated or exposed again', () => {
    expect(keyStatus({ outcomes: { blocked: 2, redacted: 1, removed: 1, allowed: 3 } })).toBe('stopped');
    expect(keyStatus({ outcomes: { blocked: 2, 'inserted-anyway': 1 } })).toBe('exposed');
    expect(keyStatus({ outcomes: { warned: 1 } })).toBe('exposed');
    expect(keyStatus({ outcomes: { warned: 1 }, rotatedAt: 5 })).toBe('rotated');
    expect(keyStatus({ outcomes: { warned: 2 }, rotatedAt: 5, exposedAfterRotation: 1 })).toBe('exposed-again');
    expect(needsRotation({ outcomes: { warned: 1 } })).toBe(true);
    expect(needsRotation({ outcomes: { warned: 1 }, rotatedAt: 5 })).toBe(false);
  });

  it('a key that went only where it is meant to go is given, not exposed; anywhere else it is exposed', () => {
    expect(keyStatus({ outcomes: { given: 2, blocked: 1 } })).toBe('given');
    expect(needsRotation({ outcomes: { given: 2 } })).toBe(false);
    expect(keyStatus({ outcomes: { given: 2, warned: 1 } })).toBe('exposed');
    const named = { ...keyFromSightings([sighting({ outcome: 'given' })])!, name: 'Acme vendor key' };
    expect(filterKeys([named], { ...NO_FILTER, search: 'acme' })).toEqual([named]);
    expect(filterKeys([named], { ...NO_FILTER, status: 'given' })).toEqual([named]);
    expect(filterKeys([named], { ...NO_FILTER, status: 'to-rotate' })).toEqual([]);
  });

  it('a summary keeps where, when and how the key last reached a page', () => {
    const k = keyFromSightings([
      sighting({ time: 1000, outcome: 'inserted-anyway', origin: 'https://chatgpt.com', event: 'paste' }),
      sighting({ time: 3000, outcome: 'blocked', origin: 'https://github.com' }),
      sighting({ time: 2000, outcome: 'warned', origin: 'https://claude.ai', event: 'typing' }),
    ])!;
    expect(k.lastExposure).toEqual({ origin: 'https://claude.ai', time: 2000, outcome: 'warned', event: 'typing' });
    expect(k.exposedSites).toEqual({ 'https://chatgpt.com': 1, 'https://claude.ai': 1 });
  });
});

describe('status through the store', () => {
  it('exposed → rotated → exposed again (undone by deleting that sighting) → rotated again', async () => {
    const store = await InventoryStore.open('status-flow');
    const key = fp(9);
    const status = async () => keyStatus((await store.listKeys()).find((k) => k.fingerprint === key)!);
    await store.recordSighting(sighting({ fingerprint: key, time: 1000, outcome: 'blocked' }));
    expect(await status()).toBe('stopped');
    await store.recordSighting(sighting({ fingerprint: key, time: 2000, outcome: 'inserted-anyway' }));
    expect(await status()).toBe('exposed');
    await store.markRotated(key, true, 3000);
    expect(await status()).toBe('rotated');
    // Seen after rotation but stopped: still rotated.
    await store.recordSighting(sighting({ fingerprint: key, time: 4000, outcome: 'blocked' }));
    expect(await status()).toBe('rotated');
    const again = sighting({ id: 'again-1', fingerprint: key, time: 5000, outcome: 'warned' });
    await store.recordSighting(again);
    expect(await status()).toBe('exposed-again');
    // Deleting that sighting takes it back (the summary is rebuilt from the sightings left).
    expect(await store.deleteSighting('again-1')).toBe(true);
    expect(await status()).toBe('rotated');
    await store.recordSighting({ ...again, id: 'again-2' });
    expect(await status()).toBe('exposed-again');
    // Rotated again: the earlier "since rotation" sightings no longer count.
    await store.markRotated(key, true, 6000);
    expect(await status()).toBe('rotated');
    expect((await store.listKeys())[0]!.afterRotation ?? 0).toBe(0);
    store.close();
  });
});

describe('the list filters by status and searches sites and providers', () => {
  const exposed = keyFromSightings([sighting({ fingerprint: fp(1), time: 2000, outcome: 'inserted-anyway', origin: 'https://chatgpt.com' })])!;
  const stopped = keyFromSightings([sighting({ fingerprint: fp(2), time: 3000, provider: 'anthropic', redacted: 'sk-ant-…Lm7k', origin: 'https://claude.ai' })])!;
  const rotated = { ...keyFromSightings([sighting({ fingerprint: fp(3), time: 1000, outcome: 'warned' })])!, rotatedAt: 1500 };
  const keys = [stopped, exposed, rotated];

  it('filters by one status, or all to rotate; sorts the most urgent first', () => {
    expect(filterKeys(keys, { ...NO_FILTER, status: 'to-rotate' })).toEqual([exposed]);
    expect(filterKeys(keys, { ...NO_FILTER, status: 'rotated' })).toEqual([rotated]);
    expect(filterKeys(keys, { ...NO_FILTER, sort: 'status' }).map((k) => k.fingerprint)).toEqual([fp(1), fp(3), fp(2)]);
  });

  it('search matches a site, a provider name or id', () => {
    expect(filterKeys(keys, { ...NO_FILTER, search: 'CHATGPT' })).toEqual([exposed]);
    expect(filterKeys(keys, { ...NO_FILTER, search: 'Anthropic' })).toEqual([stopped]);
    expect(filterKeys(keys, { ...NO_FILTER, search: 'claude.ai' })).toEqual([stopped]);
  });
});

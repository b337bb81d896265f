import { describe, expect, it } from 'vitest';
import { filterKeys, NO_FILTER, outcomeSummary, providerLabel } from '../../components/inventory/view';
import { keyFromSightings } from '../../utils/inventory/summary';
import { fp, sighting } from './inventory-fixtures';

const openai = keyFromSightings([
  sighting({ fingerprint: fp(1), time: 3000, outcome: 'blocked' }),
  sighting({ fingerprint: fp(1), time: 1000, outcome: 'inserted-anyway', origin: 'https://chatgpt.com' }),
])!;
const github = keyFromSightings([sighting({ fingerprint: fp(2), time: 2000, provider: 'github', redacted: 'ghp_…Q7mz', outcome: 'warned' })])!;
const keys = [github, openai];

describe('the popup list filters', () => {
  it('sorts by last seen by default, and by first seen, sightings or provider', () => {
    expect(filterKeys(keys, NO_FILTER).map((k) => k.fingerprint)).toEqual([fp(1), fp(2)]);
    expect(filterKeys(keys, { ...NO_FILTER, sort: 'first-seen' }).map((k) => k.fingerprint)).toEqual([fp(1), fp(2)]);
    expect(filterKeys(keys, { ...NO_FILTER, sort: 'sightings' })[0]!.fingerprint).toBe(fp(1));
    expect(filterKeys(keys, { ...NO_FILTER, sort: 'provider' }).map((k) => k.provider)).toEqual(['github', 'openai']);
  });

  it('filters by provider, site and action', () => {
    expect(filterKeys(keys, { ...NO_FILTER, provider: 'github' })).toEqual([github]);
    expect(filterKeys(keys, { ...NO_FILTER, site: 'https://chatgpt.com' })).toEqual([openai]);
    expect(filterKeys(keys, { ...NO_FILTER, outcome: 'warned' })).toEqual([github]);
    expect(filterKeys(keys, { ...NO_FILTER, outcome: 'redacted' })).toEqual([]);
  });

  it('searches by fingerprint or the last characters, ignoring case and a leading ellipsis', () => {
    expect(filterKeys(keys, { ...NO_FILTER, search: fp(2) })).toEqual([github]);
    expect(filterKeys(keys, { ...NO_FILTER, search: 'q7MZ' })).toEqual([github]);
    expect(filterKeys(keys, { ...NO_FILTER, search: '…Ab3d' })).toEqual([openai]);
    expect(filterKeys(keys, { ...NO_FILTER, search: 'nothing' })).toEqual([]);
  });

  it('says what was done, and names providers', () => {
    expect(outcomeSummary(openai.outcomes)).toBe('Blocked 1 · Inserted anyway 1');
    expect(providerLabel('openai')).toBe('OpenAI');
    expect(providerLabel('acme-internal')).toBe('acme-internal');
  });
});

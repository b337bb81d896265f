import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { afterNextPaint } from '../after-paint';
import type { KeySummary, SiteSummary } from '../../utils/inventory/summary';
import { OUTCOMES } from '../../utils/inventory/outcomes';
import {
  filterKeys,
  formatTime,
  OUTCOME_LABELS,
  outcomeSummary,
  providerLabel,
  siteLabel,
  NO_FILTER,
  SORT_LABELS,
  STATUS_FILTER_LABELS,
  type KeyFilter,
  type SortOrder,
  type StatusFilter,
} from './view';
import { StatusTag } from './status-tag';

interface Props {
  keys: KeySummary[];
  sites: Omit<SiteSummary, 'keys'>[];
  filter: KeyFilter;
  onFilter: (filter: KeyFilter) => void;
  /** The key whose page the user just left: focus goes back to its link (or to the heading if it is gone). */
  returnTo?: string;
}

/**
 * How many keys render before the rest: more than fill the first screen. A popup is at most 600 px
 * tall, the list starts about 240 px down and a key takes at least 66 px, so five or six keys show
 * (seven in a 720 px high tab).
 */
const FIRST_SCREEN = 12;

/** The keys seen, with sort, filters and search. Each key links to its own page. */
export function KeyList({ keys, sites, filter, onFilter, returnTo }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!returnTo) return;
    const link = document.querySelector<HTMLAnchorElement>(`li.key[data-fingerprint="${returnTo}"] a.key-link`);
    (link ?? heading.current)?.focus();
  }, []);
  const shown = useMemo(() => filterKeys(keys, filter), [keys, filter]);
  // The first screen first (down to the key to focus); the rest of the keys render once it is painted.
  const [limit, setLimit] = useState(() => Math.max(FIRST_SCREEN, shown.findIndex((k) => k.fingerprint === returnTo) + 1));
  useLayoutEffect(
    () =>
      afterNextPaint(() => {
        // For the benchmark (scripts/bench-browser/inventory.mjs): the first screen of keys is painted.
        performance.mark('keyward:keys-shown');
        setLimit(Infinity);
      }),
    [],
  );
  useLayoutEffect(() => {
    if (limit < shown.length) return;
    return afterNextPaint(() => {
      if (performance.getEntriesByName('keyward:keys-all-shown').length === 0) performance.mark('keyward:keys-all-shown');
    });
  }, [limit, shown.length]);
  const providers = useMemo(() => [...new Set(keys.map((k) => k.provider))].sort((a, b) => providerLabel(a).localeCompare(providerLabel(b))), [keys]);
  const set = (patch: Partial<KeyFilter>) => onFilter({ ...filter, ...patch });
  return (
    <section aria-labelledby="keys-title">
      <h2 id="keys-title" tabIndex={-1} ref={heading}>
        Keys seen
      </h2>
      <div class="filters" role="search">
        <label>
          Search
          <input
            type="search"
            name="search"
            placeholder="Site, provider or last characters"
            value={filter.search}
            onInput={(e) => set({ search: e.currentTarget.value })}
          />
        </label>
        <label>
          Provider
          <select name="provider" value={filter.provider} onChange={(e) => set({ provider: e.currentTarget.value })}>
            <option value="">All providers</option>
            {providers.map((p) => (
              <option value={p}>{providerLabel(p)}</option>
            ))}
          </select>
        </label>
        <label>
          Site
          <select name="site" value={filter.site} onChange={(e) => set({ site: e.currentTarget.value })}>
            <option value="">All sites</option>
            {sites.map((s) => (
              <option value={s.origin}>{siteLabel(s.origin)}</option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select name="status" value={filter.status} onChange={(e) => set({ status: e.currentTarget.value as StatusFilter })}>
            <option value="">All statuses</option>
            {(Object.keys(STATUS_FILTER_LABELS) as Exclude<StatusFilter, ''>[]).map((s) => (
              <option value={s}>{STATUS_FILTER_LABELS[s]}</option>
            ))}
          </select>
        </label>
        <label>
          Action
          <select name="outcome" value={filter.outcome} onChange={(e) => set({ outcome: e.currentTarget.value as KeyFilter['outcome'] })}>
            <option value="">All actions</option>
            {OUTCOMES.map((o) => (
              <option value={o}>{OUTCOME_LABELS[o]}</option>
            ))}
          </select>
        </label>
        <label>
          Sort by
          <select name="sort" value={filter.sort} onChange={(e) => set({ sort: e.currentTarget.value as SortOrder })}>
            {(Object.keys(SORT_LABELS) as SortOrder[]).map((s) => (
              <option value={s}>{SORT_LABELS[s]}</option>
            ))}
          </select>
        </label>
      </div>
      <p class="count" role="status">
        {shown.length === keys.length ? `${keys.length} ${keys.length === 1 ? 'key' : 'keys'}` : `${shown.length} of ${keys.length} keys`}
      </p>
      {shown.length === 0 && (
        <p class="no-match">
          No key matches {filter.search.trim() ? `“${filter.search.trim()}”` : 'these filters'}.{' '}
          <button type="button" class="clear-filters" onClick={() => onFilter({ ...NO_FILTER, sort: filter.sort })}>
            Show all keys
          </button>
        </p>
      )}
      <ul class="keys">
        {shown.slice(0, limit).map((k) => (
          <KeyRow key={k.fingerprint} summary={k} />
        ))}
      </ul>
    </section>
  );
}

function KeyRow({ summary: k }: { summary: KeySummary }) {
  const siteNames = Object.keys(k.sites).map(siteLabel);
  return (
    <li class="key" data-fingerprint={k.fingerprint}>
      <a href={`#/key/${k.fingerprint}`} class="key-link">
        <code class="redacted">{k.redacted}</code>
        <span class="provider">
          {providerLabel(k.provider)} · {k.type}
        </span>
      </a>
      <StatusTag summary={k} />
      <dl class="facts">
        <div>
          <dt>Sightings</dt>
          <dd class="sightings">{k.count}</dd>
        </div>
        <div>
          <dt>Sites</dt>
          <dd class="sites">{siteNames.join(', ')}</dd>
        </div>
        <div>
          <dt>First seen</dt>
          <dd>
            <time dateTime={new Date(k.firstSeen).toISOString()}>{formatTime(k.firstSeen)}</time>
          </dd>
        </div>
        <div>
          <dt>Last seen</dt>
          <dd>
            <time dateTime={new Date(k.lastSeen).toISOString()}>{formatTime(k.lastSeen)}</time>
          </dd>
        </div>
        <div>
          <dt>What happened</dt>
          <dd class="outcomes">{outcomeSummary(k.outcomes)}</dd>
        </div>
      </dl>
    </li>
  );
}

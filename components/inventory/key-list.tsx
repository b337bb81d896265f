import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { afterNextPaint } from '../after-paint';
import type { KeySummary, SiteSummary } from '../../utils/inventory/summary';
import { OUTCOMES } from '../../utils/inventory/outcomes';
import {
  filterKeys,
  formatTime,
  outcomeLabel,
  outcomeSummary,
  providerLabel,
  siteLabel,
  NO_FILTER,
  SORT_ORDERS,
  sortLabel,
  STATUS_FILTERS,
  statusFilterLabel,
  type KeyFilter,
  type SortOrder,
  type StatusFilter,
} from './view';
import { StatusTag } from './status-tag';
import { formatNumber, t, tn } from '../../utils/i18n';

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
        {t('list_title')}
      </h2>
      <div class="filters" role="search">
        <label>
          {t('list_search')}
          <input
            type="search"
            name="search"
            placeholder={t('list_searchPlaceholder')}
            value={filter.search}
            onInput={(e) => set({ search: e.currentTarget.value })}
          />
        </label>
        <label>
          {t('list_provider')}
          <select name="provider" value={filter.provider} onChange={(e) => set({ provider: e.currentTarget.value })}>
            <option value="">{t('list_allProviders')}</option>
            {providers.map((p) => (
              <option value={p}>{providerLabel(p)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('list_site')}
          <select name="site" value={filter.site} onChange={(e) => set({ site: e.currentTarget.value })}>
            <option value="">{t('list_allSites')}</option>
            {sites.map((s) => (
              <option value={s.origin}>{siteLabel(s.origin)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('list_status')}
          <select name="status" value={filter.status} onChange={(e) => set({ status: e.currentTarget.value as StatusFilter })}>
            <option value="">{t('list_allStatuses')}</option>
            {STATUS_FILTERS.map((s) => (
              <option value={s}>{statusFilterLabel(s)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('list_action')}
          <select name="outcome" value={filter.outcome} onChange={(e) => set({ outcome: e.currentTarget.value as KeyFilter['outcome'] })}>
            <option value="">{t('list_allActions')}</option>
            {OUTCOMES.map((o) => (
              <option value={o}>{outcomeLabel(o)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('list_sortBy')}
          <select name="sort" value={filter.sort} onChange={(e) => set({ sort: e.currentTarget.value as SortOrder })}>
            {SORT_ORDERS.map((s) => (
              <option value={s}>{sortLabel(s)}</option>
            ))}
          </select>
        </label>
      </div>
      <p class="count" role="status">
        {shown.length === keys.length ? tn('count_keys', keys.length) : tn('list_countFiltered', keys.length, formatNumber(shown.length))}
      </p>
      {shown.length === 0 && (
        <p class="no-match">
          {filter.search.trim() ? t('list_noMatchSearch', filter.search.trim()) : t('list_noMatchFilters')}{' '}
          <button type="button" class="clear-filters" onClick={() => onFilter({ ...NO_FILTER, sort: filter.sort })}>
            {t('list_showAll')}
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
        {k.name && <span class="key-name">{k.name} </span>}
        <code class="redacted">{k.redacted}</code>
        <span class="provider">
          {providerLabel(k.provider)} · {k.type}
        </span>
      </a>
      <StatusTag summary={k} />
      <dl class="facts">
        <div>
          <dt>{t('list_sightings')}</dt>
          <dd class="sightings">{k.count}</dd>
        </div>
        <div>
          <dt>{t('list_sites')}</dt>
          <dd class="sites">{siteNames.join(', ')}</dd>
        </div>
        <div>
          <dt>{t('list_firstSeen')}</dt>
          <dd>
            <time dateTime={new Date(k.firstSeen).toISOString()}>{formatTime(k.firstSeen)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('list_lastSeen')}</dt>
          <dd>
            <time dateTime={new Date(k.lastSeen).toISOString()}>{formatTime(k.lastSeen)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('list_whatHappened')}</dt>
          <dd class="outcomes">{outcomeSummary(k.outcomes)}</dd>
        </div>
      </dl>
    </li>
  );
}

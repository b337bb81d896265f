import type { KeySummary } from '../../utils/inventory/summary';
import { OUTCOMES, type Outcome } from '../../utils/inventory/outcomes';
import { PROVIDERS } from '../../utils/detect/providers';

/** What the popup says for each outcome. */
export const OUTCOME_LABELS: Record<Outcome, string> = {
  blocked: 'Blocked',
  warned: 'Warned',
  redacted: 'Redacted',
  'inserted-anyway': 'Inserted anyway',
  removed: 'Removed',
  allowed: 'Allowed',
};

export type SortOrder = 'last-seen' | 'first-seen' | 'sightings' | 'provider';

export const SORT_LABELS: Record<SortOrder, string> = {
  'last-seen': 'Last seen',
  'first-seen': 'First seen',
  sightings: 'Most sightings',
  provider: 'Provider',
};

/** The list's filters: empty strings mean "any". */
export interface KeyFilter {
  search: string;
  provider: string;
  site: string;
  outcome: '' | Outcome;
  sort: SortOrder;
}

export const NO_FILTER: KeyFilter = { search: '', provider: '', site: '', outcome: '', sort: 'last-seen' };

/** The keys that pass a filter, in its order. Search matches a fingerprint or the redacted form's characters. */
export function filterKeys(keys: readonly KeySummary[], filter: KeyFilter): KeySummary[] {
  const search = filter.search.trim().toLowerCase().replace(/^…/, '');
  const kept = keys.filter(
    (k) =>
      (!filter.provider || k.provider === filter.provider) &&
      (!filter.site || (k.sites[filter.site] ?? 0) > 0) &&
      (!filter.outcome || (k.outcomes[filter.outcome] ?? 0) > 0) &&
      (!search || k.fingerprint.includes(search) || k.redacted.toLowerCase().includes(search)),
  );
  const by: Record<SortOrder, (a: KeySummary, b: KeySummary) => number> = {
    'last-seen': (a, b) => b.lastSeen - a.lastSeen,
    'first-seen': (a, b) => a.firstSeen - b.firstSeen,
    sightings: (a, b) => b.count - a.count || b.lastSeen - a.lastSeen,
    provider: (a, b) => providerLabel(a.provider).localeCompare(providerLabel(b.provider)) || b.lastSeen - a.lastSeen,
  };
  return kept.sort(by[filter.sort]);
}

/** A provider's name for people, e.g. `OpenAI`; unknown (custom) providers keep their id. */
export function providerLabel(id: string): string {
  return PROVIDERS.find((p) => p.id === id)?.label ?? id;
}

/** Where a user revokes a provider's keys, if known. */
export function keyPageUrl(id: string): string | undefined {
  return PROVIDERS.find((p) => p.id === id)?.keyPageUrl;
}

/** The outcomes a key had, in a fixed order, as text: "Blocked 2 · Inserted anyway 1". */
export function outcomeSummary(outcomes: KeySummary['outcomes']): string {
  return OUTCOMES.filter((o) => (outcomes[o] ?? 0) > 0)
    .map((o) => `${OUTCOME_LABELS[o]} ${outcomes[o]}`)
    .join(' · ');
}

/** A site origin without its scheme, for display. */
export function siteLabel(origin: string): string {
  return origin.replace(/^https?:\/\//, '');
}

// One formatter for all: `toLocaleString` with options builds a new one per call, which costs
// a noticeable part of the popup's first screen when 500 keys each show two dates.
let formatter: Intl.DateTimeFormat | undefined;

/** A short local date and time. */
export function formatTime(time: number): string {
  formatter ??= new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  return formatter.format(time);
}

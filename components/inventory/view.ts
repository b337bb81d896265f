import type { KeySummary } from '../../utils/inventory/summary';
import { OUTCOMES, type Outcome } from '../../utils/inventory/outcomes';
import { KEY_STATUSES, keyStatus, type KeyStatus } from '../../utils/inventory/status';
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

/** A key's status in a few words: the same words (and colour, `status-<status>` in CSS) in the list and on the key page. */
export const STATUS_LABELS: Record<KeyStatus, string> = {
  exposed: 'Exposed: rotate it',
  'exposed-again': 'Exposed again after rotation',
  rotated: 'Rotated',
  stopped: 'Stopped',
};

/** The status filter's choices: "to rotate" gathers both exposed statuses. */
export type StatusFilter = '' | KeyStatus | 'to-rotate';

export const STATUS_FILTER_LABELS: Record<Exclude<StatusFilter, ''>, string> = {
  'to-rotate': 'To rotate',
  ...STATUS_LABELS,
};

/** How a key reached a page, for people: "inserted anyway (paste)". */
export function exposureHow(outcome: Outcome, event: string): string {
  const how = outcome === 'inserted-anyway' ? 'inserted anyway' : outcome === 'warned' ? 'let through after a warning' : OUTCOME_LABELS[outcome].toLowerCase();
  return `${how} (${event})`;
}

export type SortOrder = 'status' | 'last-seen' | 'first-seen' | 'sightings' | 'provider';

export const SORT_LABELS: Record<SortOrder, string> = {
  status: 'Status',
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
  status: StatusFilter;
  sort: SortOrder;
}

export const NO_FILTER: KeyFilter = { search: '', provider: '', site: '', outcome: '', status: '', sort: 'last-seen' };

function statusMatches(wanted: StatusFilter, status: KeyStatus): boolean {
  return !wanted || wanted === status || (wanted === 'to-rotate' && (status === 'exposed' || status === 'exposed-again'));
}

/** Whether a key matches a search: its fingerprint, redacted form, provider (id or name) or one of its sites. */
function searchMatches(k: KeySummary, search: string): boolean {
  if (!search) return true;
  if (k.fingerprint.includes(search) || k.redacted.toLowerCase().includes(search)) return true;
  if (k.provider.toLowerCase().includes(search) || providerLabel(k.provider).toLowerCase().includes(search) || k.type.toLowerCase().includes(search)) return true;
  for (const origin in k.sites) if (siteLabel(origin).toLowerCase().includes(search)) return true;
  return false;
}

/** The keys that pass a filter, in its order. */
export function filterKeys(keys: readonly KeySummary[], filter: KeyFilter): KeySummary[] {
  const search = filter.search.trim().toLowerCase().replace(/^…/, '');
  const kept = keys.filter(
    (k) =>
      (!filter.provider || k.provider === filter.provider) &&
      (!filter.site || (k.sites[filter.site] ?? 0) > 0) &&
      (!filter.outcome || (k.outcomes[filter.outcome] ?? 0) > 0) &&
      statusMatches(filter.status, keyStatus(k)) &&
      searchMatches(k, search),
  );
  const rank = (k: KeySummary) => KEY_STATUSES.indexOf(keyStatus(k));
  const by: Record<SortOrder, (a: KeySummary, b: KeySummary) => number> = {
    status: (a, b) => rank(a) - rank(b) || b.lastSeen - a.lastSeen,
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

import type { KeySummary } from '../../utils/inventory/summary';
import { OUTCOMES, type Outcome } from '../../utils/inventory/outcomes';
import { KEY_STATUSES, keyStatus, type KeyStatus } from '../../utils/inventory/status';
import { PROVIDERS } from '../../utils/detect/providers';
import type { EventKind } from '../../utils/policy/schema';
import { t, uiLanguage, type MessageKey } from '../../utils/i18n';

/** The message for each outcome, as the popup names it ("Inserted anyway"), and as a key's exposure says it ("inserted anyway"). */
const OUTCOME_MESSAGES: Record<Outcome, { label: MessageKey; how: MessageKey }> = {
  blocked: { label: 'outcome_blocked', how: 'exposure_blocked' },
  warned: { label: 'outcome_warned', how: 'exposure_warned' },
  redacted: { label: 'outcome_redacted', how: 'exposure_redacted' },
  'inserted-anyway': { label: 'outcome_insertedAnyway', how: 'exposure_insertedAnyway' },
  removed: { label: 'outcome_removed', how: 'exposure_removed' },
  allowed: { label: 'outcome_allowed', how: 'exposure_allowed' },
  given: { label: 'outcome_given', how: 'exposure_given' },
};

/** What the popup says for an outcome. */
export function outcomeLabel(outcome: Outcome): string {
  return t(OUTCOME_MESSAGES[outcome].label);
}

const EVENT_MESSAGES: Record<EventKind, MessageKey> = {
  paste: 'event_paste',
  drop: 'event_drop',
  typing: 'event_typing',
  submit: 'event_submit',
  upload: 'event_upload',
};

/** An event's name in a sighting's line: "paste". */
export function eventLabel(event: EventKind): string {
  return t(EVENT_MESSAGES[event]);
}

const STATUS_MESSAGES: Record<KeyStatus, MessageKey> = {
  exposed: 'status_exposed',
  'exposed-again': 'status_exposedAgain',
  rotated: 'status_rotated',
  given: 'status_given',
  stopped: 'status_stopped',
};

/** A key's status in a few words: the same words (and colour, `status-<status>` in CSS) in the list and on the key page. */
export function statusLabel(status: KeyStatus): string {
  return t(STATUS_MESSAGES[status]);
}

/** The status filter's choices: "to rotate" gathers both exposed statuses. */
export type StatusFilter = '' | KeyStatus | 'to-rotate';

/** The status filter's choices, in order. */
export const STATUS_FILTERS: Exclude<StatusFilter, ''>[] = ['to-rotate', 'exposed', 'exposed-again', 'rotated', 'given', 'stopped'];

export function statusFilterLabel(status: Exclude<StatusFilter, ''>): string {
  return status === 'to-rotate' ? t('status_toRotate') : statusLabel(status);
}

/** How a key reached a page, for people: "inserted anyway (paste)". */
export function exposureHow(outcome: Outcome, event: EventKind): string {
  return t('exposure_how', t(OUTCOME_MESSAGES[outcome].how), eventLabel(event));
}

export type SortOrder = 'status' | 'last-seen' | 'first-seen' | 'sightings' | 'provider';

const SORT_MESSAGES: Record<SortOrder, MessageKey> = {
  status: 'sort_status',
  'last-seen': 'sort_lastSeen',
  'first-seen': 'sort_firstSeen',
  sightings: 'sort_sightings',
  provider: 'sort_provider',
};

/** The sort orders, in the order the list offers them. */
export const SORT_ORDERS = Object.keys(SORT_MESSAGES) as SortOrder[];

export function sortLabel(order: SortOrder): string {
  return t(SORT_MESSAGES[order]);
}

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

/** Whether a key matches a search: its name, fingerprint, redacted form, provider (id or name) or one of its sites. */
function searchMatches(k: KeySummary, search: string): boolean {
  if (!search) return true;
  if (k.fingerprint.includes(search) || k.redacted.toLowerCase().includes(search) || k.name?.toLowerCase().includes(search)) return true;
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
    .map((o) => `${outcomeLabel(o)} ${outcomes[o]}`)
    .join(' · ');
}

/** A site origin without its scheme, for display. */
export function siteLabel(origin: string): string {
  return origin.replace(/^https?:\/\//, '');
}

// One formatter for all: `toLocaleString` with options builds a new one per call, which costs
// a noticeable part of the popup's first screen when 500 keys each show two dates.
let formatter: Intl.DateTimeFormat | undefined;

/** A short date and time, in the browser's language. */
export function formatTime(time: number): string {
  formatter ??= new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium', timeStyle: 'short' });
  return formatter.format(time);
}

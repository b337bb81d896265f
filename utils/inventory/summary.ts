import type { Outcome, Sighting } from './sighting';
import { exposes } from './status';

/** A sighting as the store keeps it: `afterRotation` marks one seen after its key was marked rotated. */
export type StoredSighting = Sighting & { afterRotation?: boolean };

/** One key, summed over its sightings. Kept consistent with the sightings store in the same transaction. */
export interface KeySummary {
  fingerprint: string;
  redacted: string;
  provider: string;
  type: string;
  count: number;
  firstSeen: number;
  lastSeen: number;
  /** Sightings per outcome. */
  outcomes: Partial<Record<Outcome, number>>;
  /** Sightings per site origin. */
  sites: Record<string, number>;
  /** When the user said "I rotated this key". */
  rotatedAt?: number;
  /** Sightings after `rotatedAt`. */
  afterRotation?: number;
  /** Sightings that let the key reach the page (utils/inventory/status.ts), per site origin. */
  exposedSites?: Record<string, number>;
  /** The latest sighting that let the key reach the page: where, when and how. */
  lastExposure?: Exposure;
  /** Sightings after `rotatedAt` that let the key reach the page: the new key must be rotated too. */
  exposedAfterRotation?: number;
  /** The user's name for the key (settings.namedKeys): added by the background as it answers, not stored. */
  name?: string;
}

/** Where, when and how a key reached a page. */
export type Exposure = Pick<Sighting, 'origin' | 'time' | 'outcome' | 'event'>;

/** One site, summed over its sightings. */
export interface SiteSummary {
  origin: string;
  count: number;
  firstSeen: number;
  lastSeen: number;
  /** Sightings per key fingerprint. */
  keys: Record<string, number>;
}

function bump<K extends string>(counts: Partial<Record<K, number>>, key: K, by: number): void {
  const next = (counts[key] ?? 0) + by;
  if (next > 0) counts[key] = next;
  else delete counts[key];
}

/** Adds one sighting to a key summary (or starts one). */
export function addToKey(summary: KeySummary | undefined, s: StoredSighting): KeySummary {
  const next: KeySummary = summary
    ? { ...summary, outcomes: { ...summary.outcomes }, sites: { ...summary.sites } }
    : { fingerprint: s.fingerprint, redacted: s.redacted, provider: s.provider, type: s.type, count: 0, firstSeen: s.time, lastSeen: s.time, outcomes: {}, sites: {} };
  next.count += 1;
  next.firstSeen = Math.min(next.firstSeen, s.time);
  if (s.time >= next.lastSeen) {
    next.lastSeen = s.time;
    next.redacted = s.redacted;
  }
  bump(next.outcomes, s.outcome, 1);
  bump(next.sites, s.origin, 1);
  if (s.afterRotation) next.afterRotation = (next.afterRotation ?? 0) + 1;
  if (exposes(s.outcome)) {
    next.exposedSites = { ...next.exposedSites };
    bump(next.exposedSites, s.origin, 1);
    if (!next.lastExposure || s.time >= next.lastExposure.time) next.lastExposure = { origin: s.origin, time: s.time, outcome: s.outcome, event: s.event };
    if (s.afterRotation) next.exposedAfterRotation = (next.exposedAfterRotation ?? 0) + 1;
  }
  return next;
}

/** Adds one sighting to a site summary (or starts one). */
export function addToSite(summary: SiteSummary | undefined, s: StoredSighting): SiteSummary {
  const next: SiteSummary = summary
    ? { ...summary, keys: { ...summary.keys } }
    : { origin: s.origin, count: 0, firstSeen: s.time, lastSeen: s.time, keys: {} };
  next.count += 1;
  next.firstSeen = Math.min(next.firstSeen, s.time);
  next.lastSeen = Math.max(next.lastSeen, s.time);
  bump(next.keys, s.fingerprint, 1);
  return next;
}

/**
 * A key summary rebuilt from all of its sightings; undefined when none is left. Keeps `rotatedAt`, and
 * counts as "after rotation" the sightings since that mark (an earlier mark's flags no longer count).
 */
export function keyFromSightings(sightings: StoredSighting[], rotatedAt?: number): KeySummary | undefined {
  let summary: KeySummary | undefined;
  for (const s of sightings) summary = addToKey(summary, { ...s, afterRotation: rotatedAt !== undefined && s.time >= rotatedAt });
  if (summary && rotatedAt !== undefined) summary.rotatedAt = rotatedAt;
  return summary;
}

/** A site summary rebuilt from all of its sightings; undefined when none is left. */
export function siteFromSightings(sightings: StoredSighting[]): SiteSummary | undefined {
  let summary: SiteSummary | undefined;
  for (const s of sightings) summary = addToSite(summary, s);
  return summary;
}

import type { KeySummary, StoredSighting } from './summary';

/** The columns of the CSV export, one row per sighting. Redacted forms and fingerprints only. */
export const CSV_COLUMNS = ['time', 'fingerprint', 'redacted', 'provider', 'type', 'origin', 'path', 'event', 'outcome', 'justification', 'after_rotation'] as const;

/** A sighting as exported: named fields only, so nothing else can slip into a file. */
function exportedSighting(s: StoredSighting) {
  return {
    time: new Date(s.time).toISOString(),
    fingerprint: s.fingerprint,
    redacted: s.redacted,
    provider: s.provider,
    type: s.type,
    origin: s.origin,
    path: s.path,
    event: s.event,
    outcome: s.outcome,
    ...(s.justification !== undefined ? { justification: s.justification } : {}),
    afterRotation: s.afterRotation === true,
  };
}

function exportedKey(k: KeySummary) {
  return {
    fingerprint: k.fingerprint,
    redacted: k.redacted,
    provider: k.provider,
    type: k.type,
    sightings: k.count,
    firstSeen: new Date(k.firstSeen).toISOString(),
    lastSeen: new Date(k.lastSeen).toISOString(),
    outcomes: k.outcomes,
    sites: Object.keys(k.sites).sort(),
    rotatedAt: k.rotatedAt !== undefined ? new Date(k.rotatedAt).toISOString() : null,
  };
}

/** The inventory as JSON: `{ format, exportedAt, keys, sightings }`, sightings oldest first. */
export function toJson(keys: KeySummary[], sightings: StoredSighting[], now = Date.now()): string {
  const sorted = [...sightings].sort((a, b) => a.time - b.time);
  return JSON.stringify(
    { format: 'keyward-inventory/1', exportedAt: new Date(now).toISOString(), keys: keys.map(exportedKey), sightings: sorted.map(exportedSighting) },
    null,
    2,
  );
}

/** The sightings as CSV (RFC 4180, CRLF), oldest first, with a header row. */
export function toCsv(sightings: StoredSighting[]): string {
  const rows = [...sightings]
    .sort((a, b) => a.time - b.time)
    .map((s) => {
      const e = exportedSighting(s);
      return [e.time, e.fingerprint, e.redacted, e.provider, e.type, e.origin, e.path, e.event, e.outcome, e.justification ?? '', String(e.afterRotation)];
    });
  return [[...CSV_COLUMNS], ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Quotes a cell when needed, and defuses text a spreadsheet would run as a formula. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

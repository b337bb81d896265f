/** What the guard did about a key. Zod-free, so the popup can use it without loading zod. */
export const OUTCOMES = [
  'blocked', // stopped before the page saw it (the user then cancelled or nothing else happened)
  'warned', // went through, with an alert
  'redacted', // replaced by its redacted form (redact mode, or "Insert with key redacted")
  'inserted-anyway', // the user chose "Insert anyway"
  'removed', // warn mode: the user chose "Remove key"
  'allowed', // an allowlisted fingerprint: recorded, no alert
  'given', // a named key on a site it is meant to go to (settings.namedKeys): recorded, no alert
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** The most sightings one `recordSightings` message carries (here, zod-free, for the content script's outbox). */
export const SIGHTING_BATCH = 500;

import { z } from 'zod';

/**
 * Every KeyWard setting, defined once: type, default, and the description admins read.
 * The Chrome managed-storage schema and docs/admin.md are generated from this schema.
 */

/** What the guard does when it sees a key. */
export const ActionSchema = z
  .enum(['block', 'warn', 'redact', 'off'])
  .describe('block: the key never reaches the page; warn: it goes through with an alert; redact: it is replaced by its redacted form; off: nothing.');
export type Action = z.infer<typeof ActionSchema>;

/** The kinds of event the guard watches. */
export const EVENT_KINDS = ['paste', 'drop', 'typing', 'submit', 'upload'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const SettingsSchema = z.object({
  actions: z
    .object({
      paste: ActionSchema.default('block').describe('Action for a key pasted into a field.'),
      drop: ActionSchema.default('block').describe('Action for a key dropped into a field (text or a text file).'),
      typing: ActionSchema.default('warn').describe('Action for a key typed or autocompleted into a field.'),
      submit: ActionSchema.default('block').describe('Action for a form submit or chat send while a key is in the composer.'),
      upload: ActionSchema.default('block').describe('Action for a text file with a key chosen in a file input.'),
    })
    .default({ paste: 'block', drop: 'block', typing: 'warn', submit: 'block', upload: 'block' })
    .describe('The action per event kind.'),
  allowInsertAnyway: z.boolean().default(true).describe('Whether the alert offers "Insert anyway" (a trusted user click only).'),
  requireJustification: z
    .boolean()
    .default(false)
    .describe('Whether "Insert anyway" asks for a written justification, kept with the sighting.'),
  extraSites: z
    .array(z.string().max(300))
    .max(500)
    .default([])
    .describe('Extra sites to guard, as match patterns (e.g. "https://chat.example.com/*").'),
  excludedSites: z
    .array(z.string().max(300))
    .max(500)
    .default([])
    .describe('Sites never guarded, as match patterns; also where a user paused KeyWard.'),
  allSites: z.boolean().default(false).describe('Guard every site (needs the all-sites host permission).'),
  providers: z
    .record(z.string(), z.boolean())
    .default({})
    .describe('Providers switched on (true) or off (false) by id, e.g. {"aws": false}. Unlisted providers are on.'),
  allowlist: z
    .array(z.string().regex(/^[0-9a-f]{16}$/))
    .max(1000)
    .default([])
    .describe('Fingerprints of known test keys: their sightings are recorded as allowed and raise no alert.'),
  customPatterns: z
    .array(z.object({ name: z.string().min(1).max(64), pattern: z.string().min(1).max(500), flags: z.string().max(8).optional() }))
    .max(50)
    .default([])
    .describe("An organisation's own token formats: a name and a regular expression, checked for catastrophic backtracking."),
  retention: z
    .object({
      maxSightings: z.number().int().min(100).max(1_000_000).default(10_000).describe('Most sightings kept; the oldest go first.'),
      maxAgeDays: z.number().int().min(1).max(3650).default(365).describe('Sightings older than this are dropped.'),
    })
    .default({ maxSightings: 10_000, maxAgeDays: 365 })
    .describe('How long the inventory keeps sightings.'),
  organization: z
    .object({
      name: z.string().max(100).optional().describe('Shown in alerts and the popup.'),
      helpUrl: z.url().max(500).optional().describe('A help link shown in alerts.'),
    })
    .default({})
    .describe('Who manages this browser.'),
  userMayChange: z.boolean().default(true).describe('Whether users may change settings the policy does not set.'),
});

/** The settings as the guard, the inventory and the UI read them. */
export type Settings = z.infer<typeof SettingsSchema>;

/** Defaults, as the schema defines them. */
export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

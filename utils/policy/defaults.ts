/**
 * The defaults, as plain data. schema.ts declares these same values as its defaults (a unit test
 * checks `SettingsSchema.parse({})` equals them); they live here too so the content script can start
 * from them without loading zod.
 */
export const DEFAULTS = {
  actions: { paste: 'block', drop: 'block', typing: 'warn', submit: 'block', upload: 'block' },
  allowInsertAnyway: true,
  requireJustification: false,
  extraSites: [] as string[],
  excludedSites: [] as string[],
  allSites: false,
  providers: {} as Record<string, boolean>,
  allowlist: [] as string[],
  namedKeys: [] as { fingerprint: string; name: string; sites: string[] }[],
  customPatterns: [] as { name: string; pattern: string; flags?: string }[],
  oversizeFiles: 'block',
  retention: { maxSightings: 10_000, maxAgeDays: 365 },
  organization: {} as { name?: string; helpUrl?: string },
  reporting: {} as { url?: string; format?: 'ocsf' | 'splunk-hec'; token?: string; userLabel?: string; includePath?: boolean },
  userMayChange: true,
} as const;

/** Bumped when the shape of the settings changes, so an old cached copy is not trusted. */
export const SETTINGS_VERSION = 1;

/** The user's own settings, as saved by the options page (validated on save and on read). */
export const USER_SETTINGS_KEY = 'keyward:settings';
/**
 * The settings in force, computed by the background (and by a save) from policy + user settings +
 * defaults and cached in `storage.local`, so content scripts read them without loading the validator.
 */
export const EFFECTIVE_SETTINGS_KEY = 'keyward:effective';

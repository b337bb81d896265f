import * as z from 'zod/mini';
import { DEFAULTS } from './defaults';

/**
 * Every KeyWard setting, defined once: type, default, and the description admins read.
 * The Chrome managed-storage schema (`managed_schema.json`, generated at build by wxt.config.ts) and
 * the settings table in docs/admin.md come from this schema; unit tests fail when either disagrees.
 *
 * Written with `zod/mini` on purpose: zod's classic API pulls in its whole namespace (every locale),
 * hundreds of kilobytes. The content script does not load this file at all (see store.ts).
 */

/** What the guard does when it sees a key. */
export const ActionSchema = z
  .enum(['block', 'warn', 'redact', 'off'])
  .check(
    z.describe(
      'block: the key never reaches the page; warn: it goes through with an alert; redact: it is replaced by its redacted form; off: nothing.',
    ),
  );
export type Action = z.infer<typeof ActionSchema>;
/** Every action, most protective first. */
export const ACTIONS = ['block', 'redact', 'warn', 'off'] as const satisfies readonly Action[];

/** The kinds of event the guard watches. */
export const EVENT_KINDS = ['paste', 'drop', 'typing', 'submit', 'upload'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** The formats team reporting can send (see `reporting`). */
export const REPORTING_FORMATS = ['ocsf', 'splunk-hec'] as const;
export type ReportingFormat = (typeof REPORTING_FORMATS)[number];

/** Limits that keep a policy cheap to apply on every page. */
export const LIMITS = {
  sites: 500,
  siteLength: 300,
  allowlist: 1000,
  customPatterns: 50,
  patternLength: 500,
  patternName: 64,
  namedKeys: 200,
  keyName: 60,
  keySites: 20,
} as const;

const described = <T extends z.ZodMiniType>(schema: T, description: string) => schema.check(z.describe(description)) as T;

/**
 * A setting: its schema, default and description. The description goes on the inner schema because
 * `.check()` copies a schema's definition, which would freeze a default's getter into one shared object.
 */
function setting<T extends z.ZodMiniType>(schema: T, fallback: () => z.output<T>, description: string) {
  return z._default(described(schema, description), fallback as never) as z.ZodMiniDefault<T>;
}

/** The action for one event kind. */
const action = (fallback: Action, description: string) => setting(ActionSchema, () => fallback, description);

const siteList = (description: string) =>
  setting(z.array(z.string().check(z.maxLength(LIMITS.siteLength))).check(z.maxLength(LIMITS.sites)), () => [], description);

/** One custom pattern: an organisation's own token format. */
export const CustomPatternSchema = z.object({
  /** Shown in alerts and the inventory; the finding's rule is `custom:<name>`. */
  name: described(z.string().check(z.minLength(1), z.maxLength(LIMITS.patternName)), 'Shown in alerts and the inventory.'),
  /** A JavaScript regular expression source, without slashes. */
  pattern: described(
    z.string().check(z.minLength(1), z.maxLength(LIMITS.patternLength)),
    'A JavaScript regular expression, without slashes. Refused if it does not compile or can backtrack catastrophically.',
  ),
  /** Regular expression flags, e.g. "i". The global flag is added by KeyWard. */
  flags: z.optional(described(z.string().check(z.maxLength(8), z.regex(/^[imsu]*$/)), 'Flags among i, m, s, u (optional).')),
});
export type CustomPatternSetting = z.infer<typeof CustomPatternSchema>;

/** A key the user named, and the sites it is meant to go to (a key handed to a vendor on purpose). */
export const NamedKeySchema = z.object({
  /** The key's fingerprint, as the inventory shows it. */
  fingerprint: described(z.string().check(z.regex(/^[0-9a-f]{16}$/)), 'The key\'s fingerprint (16 hex digits, as the inventory shows it).'),
  /** What the user calls it, e.g. "Acme vendor key". */
  name: described(z.string().check(z.minLength(1), z.maxLength(LIMITS.keyName)), 'What the key is called, e.g. "Acme vendor key"; shown in alerts and the inventory.'),
  /** Sites (origins) where the key is meant to go. */
  sites: described(
    z.array(z.string().check(z.maxLength(LIMITS.siteLength))).check(z.maxLength(LIMITS.keySites)),
    'Sites the key is meant to go to, as origins (e.g. "https://vendor.example.com"). At most 20.',
  ),
});
export type NamedKey = z.infer<typeof NamedKeySchema>;

export const SettingsSchema = z.object({
  /** The action per event kind. */
  actions: setting(
    z.object({
      /** A key pasted into a field. */
      paste: action(DEFAULTS.actions.paste, 'Action for a key pasted into a field.'),
      /** A key dropped into a field, as text or in a file (judged by content: any text file, whatever its name, or a zip archive). */
      drop: action(DEFAULTS.actions.drop, 'Action for a key dropped into a field (text, or a file whose content is text, whatever its name, or a zip archive holding one).'),
      /** A key typed or autocompleted into a field. */
      typing: action(DEFAULTS.actions.typing, 'Action for a key typed or autocompleted into a field.'),
      /** A form submit or chat send while a key is in the composer. */
      submit: action(DEFAULTS.actions.submit, 'Action for a form submit or chat send while a key is in the composer.'),
      /** A file with a key chosen in a file input (judged by content: any text file, whatever its name, or a zip archive). */
      upload: action(DEFAULTS.actions.upload, 'Action for a file with a key chosen in a file input (a file whose content is text, whatever its name, or a zip archive holding one).'),
    }),
    () => ({ ...DEFAULTS.actions }),
    'The action per event kind: block, warn, redact or off.',
  ),
  /** Whether the block alert offers "Insert anyway". */
  allowInsertAnyway: setting(
    z.boolean(),
    () => DEFAULTS.allowInsertAnyway,
    'Whether the alert offers "Insert anyway" (a trusted user click only).',
  ),
  /** Whether "Insert anyway" asks for a written justification, kept with the sighting. */
  requireJustification: setting(
    z.boolean(),
    () => DEFAULTS.requireJustification,
    'Whether "Insert anyway" asks for a written justification, kept with the sighting.',
  ),
  /** Extra sites to guard, as match patterns. */
  extraSites: siteList('Extra sites to guard, as match patterns (e.g. "https://chat.example.com/*"). At most 500.'),
  /** Sites never guarded, as match patterns. */
  excludedSites: siteList('Sites never guarded, as match patterns; also where a user paused KeyWard. At most 500.'),
  /** Guard every site. */
  allSites: setting(z.boolean(), () => DEFAULTS.allSites, 'Guard every site (needs the all-sites host permission).'),
  /** Providers switched on or off by id; unlisted providers are on. */
  providers: setting(
    z.record(z.string(), z.boolean()),
    () => ({}),
    'Providers switched on (true) or off (false) by id, e.g. {"aws": false}. Unlisted providers are on.',
  ),
  /** Fingerprints of known test keys: recorded as allowed, no alert. */
  allowlist: setting(
    z.array(z.string().check(z.regex(/^[0-9a-f]{16}$/))).check(z.maxLength(LIMITS.allowlist)),
    () => [],
    'Fingerprints (16 hex digits, as the inventory shows them) of known test keys: their sightings are recorded as allowed and raise no alert. At most 1000.',
  ),
  /**
   * Keys handed over on purpose: a sighting on one of a named key's sites is "given" (no alert, not an
   * exposure); the same key anywhere else is flagged with its name.
   */
  namedKeys: setting(
    z.array(NamedKeySchema).check(z.maxLength(LIMITS.namedKeys)),
    () => [],
    'Keys handed over on purpose, by fingerprint, with a name and the sites they are meant to go to: a sighting there is recorded as "given" and raises no alert; the key anywhere else is flagged with its name. At most 200.',
  ),
  /** An organisation's own token formats. */
  customPatterns: setting(
    z.array(CustomPatternSchema).check(z.maxLength(LIMITS.customPatterns)),
    () => [],
    "An organisation's own token formats: a name and a regular expression, checked for catastrophic backtracking and run within a time budget. At most 50.",
  ),
  /**
   * Files KeyWard cannot check whole: text files over 100 MB, and zip archives past their bounds (more
   * than 10,000 files, more than 100 MB unpacked, archives nested more than 3 deep). `block` (the
   * default, the safe choice: an unchecked file may hold a key) holds such a file and the alert says
   * why, offering "Insert anyway" where that is allowed; `allow` lets it through with a notice.
   */
  oversizeFiles: setting(
    z.enum(['block', 'allow']),
    () => DEFAULTS.oversizeFiles,
    'Files too large to check whole (text over 100 MB; zip archives with more than 10000 files, more than 100 MB unpacked or nested more than 3 deep). block: held, and the alert says why (with "Insert anyway" where allowed); allow: let through with a notice.',
  ),
  /** How long the inventory keeps sightings. */
  retention: setting(
    z.object({
      /** Most sightings kept; the oldest go first. */
      maxSightings: setting(
        z.number().check(z.int(), z.minimum(100), z.maximum(1_000_000)),
        () => DEFAULTS.retention.maxSightings,
        'Most sightings kept (100 to 1000000); the oldest go first.',
      ),
      /** Sightings older than this many days are dropped. */
      maxAgeDays: setting(
        z.number().check(z.int(), z.minimum(1), z.maximum(3650)),
        () => DEFAULTS.retention.maxAgeDays,
        'Sightings older than this many days (1 to 3650) are dropped.',
      ),
    }),
    () => ({ ...DEFAULTS.retention }),
    'How long the inventory keeps sightings.',
  ),
  /** Who manages this browser, shown in alerts, the popup and the options page. Policy only. */
  organization: setting(
    z.object({
      /** The organisation's name. */
      name: z.optional(described(z.string().check(z.maxLength(100)), 'Shown in alerts, the popup and the options page.')),
      /** A help link (http or https) shown in alerts. */
      helpUrl: z.optional(
        described(z.string().check(z.maxLength(500), z.regex(/^https?:\/\/[^\s]+$/)), 'A help link (http or https) shown in alerts.'),
      ),
    }),
    () => ({}),
    'Who manages this browser (policy only).',
  ),
  /**
   * Team reporting: each recorded sighting (redacted, metadata only) sent to the organisation's SIEM.
   * Policy only; on when the policy sets a valid `url`. docs/admin.md, "Reporting to a SIEM".
   */
  reporting: setting(
    z.object({
      /** Where events are POSTed: https, or http only for localhost / 127.0.0.1. */
      url: z.optional(
        described(
          z.string().check(z.maxLength(2000)),
          'Where events are sent (POST): an https URL, or http only for localhost and 127.0.0.1. Reporting is on when this is set.',
        ),
      ),
      /** The body format: OCSF events, or the same events in Splunk HEC envelopes. */
      format: z.optional(
        described(
          z.enum(REPORTING_FORMATS),
          'ocsf: a JSON array of OCSF Data Security Findings (Authorization: Bearer <token>); splunk-hec: the same events in Splunk HTTP Event Collector envelopes (Authorization: Splunk <token>). Default: ocsf.',
        ),
      ),
      /** The receiver's token, sent in the Authorization header. */
      token: z.optional(described(z.string().check(z.maxLength(4096)), 'The token sent in the Authorization header (optional).')),
      /** Who this browser belongs to, as the admin's device management names it. */
      userLabel: z.optional(
        described(
          z.string().check(z.maxLength(256)),
          "Who this browser belongs to, sent with each event (e.g. Intune's {{UserPrincipalName}} or Jamf's $EMAIL).",
        ),
      ),
      /** Whether events carry the page path (with any key redacted) or only the site's origin. */
      includePath: z.optional(
        described(z.boolean(), 'Whether events carry the page path (any key in it redacted; never the query or fragment), or only the origin. Default: true.'),
      ),
    }),
    () => ({}),
    "Team reporting of sightings to the organisation's SIEM (policy only). Nothing is sent unless a policy sets reporting.url.",
  ),
  /** Whether users may change settings the policy does not set. Policy only. */
  userMayChange: setting(
    z.boolean(),
    () => DEFAULTS.userMayChange,
    'Whether users may change settings the policy does not set. When false, users can change nothing (policy only).',
  ),
});

/** The settings as the guard, the inventory and the UI read them. */
export type Settings = z.infer<typeof SettingsSchema>;
/** A top-level setting name. */
export type SettingKey = keyof Settings;
/** Every top-level setting name, in schema order. */
export const SETTING_KEYS = Object.keys(SettingsSchema.shape) as SettingKey[];

/** Defaults, as the schema defines them. */
export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

import { z } from 'zod';
import { EVENT_KINDS } from '../policy/schema';
import { OUTCOMES, SIGHTING_BATCH, SightingSchema } from './sighting';

/**
 * The inventory's messages, request and response schemas (listed by name in PROTOCOL, utils/messaging.ts).
 * Responses carry redacted forms and fingerprints only, like everything the inventory keeps.
 */

const Fingerprint = z.string().regex(/^[0-9a-f]{16}$/);
const Count = z.number().int().nonnegative();
const Time = z.number().int().nonnegative();

export const StoredSightingSchema = SightingSchema.extend({ afterRotation: z.boolean().optional() });

export const KeySummarySchema = z.object({
  fingerprint: Fingerprint,
  redacted: z.string(),
  provider: z.string(),
  type: z.string(),
  count: Count,
  firstSeen: Time,
  lastSeen: Time,
  outcomes: z.partialRecord(z.enum(OUTCOMES), Count),
  sites: z.record(z.string(), Count),
  rotatedAt: Time.optional(),
  afterRotation: Count.optional(),
  exposedSites: z.record(z.string(), Count).optional(),
  lastExposure: z.object({ origin: z.string(), time: Time, outcome: z.enum(OUTCOMES), event: z.enum(EVENT_KINDS) }).optional(),
  exposedAfterRotation: Count.optional(),
  name: z.string().optional(),
});

export const SiteSummarySchema = z.object({
  origin: z.string(),
  count: Count,
  firstSeen: Time,
  lastSeen: Time,
  keys: z.record(z.string(), Count),
});

const Empty = z.object({}).strict();

export const InventoryMessages = {
  recordSighting: { request: SightingSchema, response: z.object({ recorded: z.boolean(), afterRotation: z.boolean().optional() }) },
  /**
   * Many sightings in one message (one paste can hold thousands of keys); each recorded once per id.
   * `incident` tags the one user event (a paste, a drop, a send) they all came from: the per-tab bound
   * counts events, not messages.
   */
  recordSightings: {
    request: z.object({ sightings: z.array(SightingSchema).min(1).max(SIGHTING_BATCH), incident: z.string().min(1).max(80).optional() }),
    response: z.object({ recorded: Count }),
  },
  /** Everything the list needs. Sites come without their per-key counts (the keys carry theirs). */
  inventoryOverview: {
    request: Empty,
    response: z.object({
      keys: z.array(KeySummarySchema),
      sites: z.array(SiteSummarySchema.omit({ keys: true })),
      total: Count,
      /** Set while sightings cannot be saved (a full disk, say): since when, and the browser's reason. */
      saveFailure: z.object({ since: Time, reason: z.string().max(500) }).optional(),
      /**
       * Sightings left out because one tab sent more than its bound per minute (a page pasting keys at
       * itself): how many since `since`, and the last site that did it.
       */
      overLimit: z.object({ count: Count, since: Time, lastOrigin: z.string() }).optional(),
    }),
  },
  inventoryKey: {
    request: z.object({ fingerprint: Fingerprint }),
    response: z.object({ key: KeySummarySchema.nullable(), sightings: z.array(StoredSightingSchema) }),
  },
  markRotated: { request: z.object({ fingerprint: Fingerprint, rotated: z.boolean() }), response: z.object({ ok: z.boolean() }) },
  deleteSighting: { request: z.object({ id: z.string().min(1).max(64) }), response: z.object({ deleted: z.boolean() }) },
  deleteKey: { request: z.object({ fingerprint: Fingerprint }), response: z.object({ deleted: Count }) },
  /** `confirm: true` is required, so nothing clears the inventory by accident. */
  clearInventory: { request: z.object({ confirm: z.literal(true) }), response: z.object({ cleared: z.literal(true) }) },
  exportInventory: {
    request: Empty,
    response: z.object({ keys: z.array(KeySummarySchema), sightings: z.array(StoredSightingSchema) }),
  },
  /** Popup → background: the popup opened; the badge is brought up to date. */
  popupOpened: { request: Empty, response: z.object({ ok: z.literal(true) }) },
} as const;

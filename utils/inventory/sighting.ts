import { z } from 'zod';
import { EVENT_KINDS } from '../policy/schema';
import { OUTCOMES } from './outcomes';

export { OUTCOMES, SIGHTING_BATCH, type Outcome } from './outcomes';

/**
 * One time a key was seen: everything the inventory keeps about it. Never the key itself:
 * only its redacted form and fingerprint.
 */
export const SightingSchema = z.object({
  /** Made by the sender, so a resent sighting is recorded once. */
  id: z.string().min(8).max(64),
  fingerprint: z.string().regex(/^[0-9a-f]{16}$/),
  /** KeyWard's redacted form, e.g. `sk-proj-…Ab3d`; at most the prefix and 4 characters. */
  redacted: z.string().min(1).max(80).refine((s) => s.includes('…'), 'must be a redacted form'),
  provider: z.string().min(1).max(40),
  type: z.string().min(1).max(64),
  rule: z.string().min(1).max(80),
  /** The site, e.g. `https://github.com`. */
  origin: z.string().max(300),
  /** The page path without query or fragment. */
  path: z.string().max(2048),
  event: z.enum(EVENT_KINDS),
  outcome: z.enum(OUTCOMES),
  justification: z.string().max(1000).optional(),
  /** Milliseconds since the epoch. */
  time: z.number().int().nonnegative(),
});
export type Sighting = z.infer<typeof SightingSchema>;

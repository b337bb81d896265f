import { z } from 'zod';

/** Team reporting's message (listed by name in PROTOCOL, utils/messaging.ts). */

const Time = z.number().int().nonnegative();
const Count = z.number().int().nonnegative();

/** What the popup and options page say about reporting: whether it is on, to whom, and how delivery goes. */
export const ReportingStatusSchema = z.object({
  on: z.boolean(),
  /** The receiver's host (never the token, never the path's secrets: the admin's URL host only). */
  destination: z.string().optional(),
  organization: z.string().optional(),
  queued: Count,
  lastDelivery: Time.optional(),
  lastError: z.object({ time: Time, message: z.string() }).optional(),
  lastRefusal: z.object({ time: Time, message: z.string() }).optional(),
  setAside: Count,
  droppedTotal: Count,
});
export type ReportingStatus = z.infer<typeof ReportingStatusSchema>;

export const ReportingMessages = {
  reportingStatus: { request: z.object({}).strict(), response: ReportingStatusSchema },
} as const;

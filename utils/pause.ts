import { storage } from 'wxt/utils/storage';

/**
 * Pauses with an end: a pause is a site pattern in `excludedSites` (the guard reads that list itself);
 * a timed one also has its end here, and the background takes the pattern out of the list then
 * (entrypoints/background/pause.ts). A pause "until I resume" has no entry.
 */
export const pauseEnds = storage.defineItem<Record<string, number>>('local:keyward:pause-ends', { fallback: {} });

/** How long a pause lasts, as the popup offers it. */
export type PauseLength = 'hour' | 'tomorrow' | 'resume';

/** When a pause begun at `now` ends: in an hour, at the next local midnight, or never (undefined). */
export function pauseEnd(length: PauseLength, now = new Date()): number | undefined {
  if (length === 'hour') return now.getTime() + 60 * 60 * 1000;
  if (length === 'tomorrow') return new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).getTime();
  return undefined;
}

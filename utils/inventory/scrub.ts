import { findKeys, replaceKeys } from '../detect';
import type { Sighting } from './sighting';

/**
 * A sighting with any key in its free text (the page path, the user's justification) redacted. The
 * guard already redacts both before sending; the background applies this again before storing, so a
 * sender that forgot (or a page that made up a sighting) cannot put a key in the inventory.
 */
export function scrubSighting(sighting: Sighting): Sighting {
  const path = replaceKeys(sighting.path, findKeys(sighting.path));
  if (sighting.justification === undefined) return path === sighting.path ? sighting : { ...sighting, path };
  return { ...sighting, path, justification: replaceKeys(sighting.justification, findKeys(sighting.justification)) };
}

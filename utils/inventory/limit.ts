/**
 * How many sightings one tab may record per minute. A person pastes, drops or types a key a few
 * times a minute at most; a page that makes up keys and pastes them at itself can make thousands.
 * Past the bound a tab's sightings are counted, not recorded, so such a page cannot bury the user's
 * real sightings (nor make retention drop them).
 */
export const SIGHTINGS_PER_TAB_PER_MINUTE = 60;
const MINUTE_MS = 60_000;
/** Tabs remembered at once; beyond this, windows that have ended are forgotten. */
const MAX_TABS = 1_000;

/**
 * Per-tab counts of user events (a paste, a drop, a typed key, a send) over fixed one-minute windows
 * (a window starts at the tab's first event in it). One event may carry thousands of keys, sent in
 * several batches: it counts once, so a big paste keeps every key while a flood is still bounded.
 */
export class SightingLimiter {
  private readonly windows = new Map<number, { start: number; count: number; incidents: Set<string> }>();

  constructor(
    private readonly limit = SIGHTINGS_PER_TAB_PER_MINUTE,
    private readonly windowMs = MINUTE_MS,
  ) {}

  /**
   * Whether sightings of one more event from `tab` may be recorded at `now`, counting it if so. An
   * event already allowed in this window (more of its keys, or a resend), named by the sender's
   * `incident` tag, is allowed again without counting; sightings without a tag count one each. Sightings from no tab (an extension
   * page) are not limited.
   */
  allow(tab: number | undefined, now = Date.now(), incident?: string): boolean {
    if (tab === undefined || tab < 0) return true;
    let window = this.windows.get(tab);
    if (!window || now - window.start >= this.windowMs || now < window.start) {
      if (!window && this.windows.size >= MAX_TABS) this.forgetEnded(now);
      window = { start: now, count: 0, incidents: new Set() };
      this.windows.set(tab, window);
    }
    if (incident !== undefined && window.incidents.has(incident)) return true;
    if (window.count >= this.limit) return false;
    window.count += 1;
    if (incident !== undefined) window.incidents.add(incident);
    return true;
  }

  private forgetEnded(now: number): void {
    for (const [tab, window] of this.windows) if (now - window.start >= this.windowMs) this.windows.delete(tab);
  }
}

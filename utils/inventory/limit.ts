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

/** Per-tab counts over fixed one-minute windows (a window starts at the tab's first sighting in it). */
export class SightingLimiter {
  private readonly windows = new Map<number, { start: number; count: number }>();

  constructor(
    private readonly limit = SIGHTINGS_PER_TAB_PER_MINUTE,
    private readonly windowMs = MINUTE_MS,
  ) {}

  /**
   * Whether one more sighting from `tab` may be recorded at `now`, counting it if so. Sightings from
   * no tab (an extension page) are not limited.
   */
  allow(tab: number | undefined, now = Date.now()): boolean {
    if (tab === undefined || tab < 0) return true;
    let window = this.windows.get(tab);
    if (!window || now - window.start >= this.windowMs || now < window.start) {
      if (!window && this.windows.size >= MAX_TABS) this.forgetEnded(now);
      window = { start: now, count: 0 };
      this.windows.set(tab, window);
    }
    if (window.count >= this.limit) return false;
    window.count += 1;
    return true;
  }

  private forgetEnded(now: number): void {
    for (const [tab, window] of this.windows) if (now - window.start >= this.windowMs) this.windows.delete(tab);
  }
}

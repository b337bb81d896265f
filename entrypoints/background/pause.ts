import { browser } from 'wxt/browser';
import { pauseEnds } from '../../utils/pause';
import { loadSettings, saveUserSettings } from '../../utils/policy/store';

const ALARM = 'keyward-pause-end';

/** Takes the pauses whose time is up out of `excludedSites`, then sets the alarm for the next one. */
async function endPauses(now = Date.now()): Promise<void> {
  const ends = await pauseEnds.getValue();
  const over = Object.keys(ends).filter((p) => ends[p]! <= now);
  if (over.length > 0) {
    const { settings } = await loadSettings();
    const kept = settings.excludedSites.filter((p) => !over.includes(p));
    if (kept.length !== settings.excludedSites.length) await saveUserSettings({ excludedSites: kept });
    const left = { ...ends };
    for (const p of over) delete left[p];
    await pauseEnds.setValue(left);
    return; // the change above calls back here through the watcher, which sets the next alarm
  }
  const next = Math.min(...Object.values(ends));
  if (Number.isFinite(next)) await browser.alarms.create(ALARM, { when: next });
  else await browser.alarms.clear(ALARM);
}

/** Ends timed pauses ("for 1 hour", "until tomorrow") when their time comes, also across browser restarts. */
export function startPauseExpiry(): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM) void endPauses().catch(() => {});
  });
  pauseEnds.watch(() => void endPauses().catch(() => {}));
  void endPauses().catch(() => {});
}

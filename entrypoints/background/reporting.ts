import { browser } from 'wxt/browser';
import { findKeys, replaceKeys } from '../../utils/detect';
import { onMessages } from '../../utils/messaging';
import { readManagedPolicy } from '../../utils/policy/compute';
import { loadSettings } from '../../utils/policy/store';
import { validateSettings } from '../../utils/policy/validate';
import { browserName, reportingConfig } from '../../utils/reporting/config';
import { ReportingQueue } from '../../utils/reporting/queue';
import { Reporter, type ReportingConfig } from '../../utils/reporting/reporter';
import { onSightingsSaved } from './inventory';

/**
 * Team reporting (docs/admin.md, "Reporting to a SIEM"): every sighting the inventory records goes to
 * the organisation's receiver when a managed policy sets `reporting.url`. Nothing is queued or sent
 * otherwise. The configuration comes from the managed policy itself, not from the settings cache that
 * content scripts read: the token stays in the background.
 */

const ALARM = 'keyward-reporting';

let config: Promise<ReportingConfig | undefined> | undefined;

/** The reporting policy in force, read once and again whenever the managed policy changes. */
function currentConfig(): Promise<ReportingConfig | undefined> {
  config ??= readManagedPolicy().then((raw) => reportingConfig(validateSettings(raw, 'policy').values.reporting));
  return config;
}

let timer: ReturnType<typeof setTimeout> | undefined;
let timerAt = Infinity;

/**
 * Wakes the reporter at `time`: a timer while the worker runs, and an alarm that starts a stopped
 * service worker (or a restarted browser) again. The earliest wake-up asked for wins.
 */
function wakeAt(reporter: Reporter, time: number): void {
  if (time >= timerAt) return;
  clearTimeout(timer);
  timerAt = time;
  timer = setTimeout(() => {
    timerAt = Infinity;
    void reporter.flush();
  }, Math.max(0, time - Date.now()));
  // Alarms fire no sooner than 30 s after they are set (Chrome's minimum): the timer covers the sooner case.
  void browser.alarms.create(ALARM, { when: Math.max(time, Date.now() + 30_000) });
}

export function startReporting(): void {
  // The queue's database is opened on first need (a reporting policy, or the status asked for), not
  // at every start of the background: without a policy, reporting costs nothing.
  let ready: Promise<Reporter> | undefined;
  const reporter = (): Promise<Reporter> => {
    ready ??= ReportingQueue.open().then((queue) => {
      const r: Reporter = new Reporter({
        queue,
        config: currentConfig,
        product: { version: browser.runtime.getManifest().version, browser: browserName(navigator.userAgent) },
        fetch: (input, init) => fetch(input, init),
        now: Date.now,
        wakeAt: (time) => wakeAt(r, time),
        uid: () => crypto.randomUUID(),
        redactKeys: (text) => replaceKeys(text, findKeys(text)),
      });
      return r;
    });
    return ready;
  };
  /** Flushes the queue when reporting is on (with it off, the queue waits, unsent, and stays closed). */
  const flushIfOn = async () => {
    if (await currentConfig()) await (await reporter()).flush();
  };

  // Queued just after the guard's message is answered: the inventory keeps the sightings until the
  // queue has them, and hands them here again after a background stopped in between.
  onSightingsSaved({
    wanted: async () => (await currentConfig()) !== undefined,
    take: async (sightings) => {
      if (await currentConfig()) await (await reporter()).record(sightings);
    },
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM) void flushIfOn();
  });
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area !== 'managed') return;
    config = undefined;
    void flushIfOn();
  });

  onMessages({
    async reportingStatus() {
      const [r, c, { organization }] = await Promise.all([reporter(), currentConfig(), loadSettings()]);
      const status = await r.status();
      return {
        on: c !== undefined,
        ...(c ? { destination: new URL(c.url).host } : {}),
        ...(organization.name ? { organization: organization.name } : {}),
        queued: status.queued,
        ...(status.lastDelivery !== undefined ? { lastDelivery: status.lastDelivery } : {}),
        ...(status.lastError ? { lastError: status.lastError } : {}),
        ...(status.lastRefusal ? { lastRefusal: status.lastRefusal } : {}),
        setAside: status.setAside,
        droppedTotal: status.droppedTotal,
      };
    },
  });

  // Whatever a stopped worker or a closed browser left in the queue goes out now.
  void flushIfOn();
}

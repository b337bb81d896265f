import { useEffect, useState } from 'preact/hooks';
import { sendMessage } from '../utils/messaging';
import type { ReportingStatus } from '../utils/reporting/protocol';
import { formatNumber, t, tNodes, uiLanguage } from '../utils/i18n';

/** How long ago a time was, in words. */
function ago(time: number, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - time) / 1000));
  if (s < 60) return t('reporting_justNow');
  const m = Math.round(s / 60);
  if (m < 60) return t('reporting_minutesAgo', m);
  const h = Math.round(m / 60);
  if (h < 48) return t('reporting_hoursAgo', h);
  return new Intl.DateTimeFormat(uiLanguage()).format(time);
}

/**
 * Team reporting, when a policy turns it on: to whom, and how delivery goes (last delivery, queued
 * events, last error). Renders nothing when reporting is off. Users cannot turn it off: the policy sets it.
 */
export function ReportingStatusLine() {
  const [status, setStatus] = useState<ReportingStatus>();
  useEffect(() => {
    let live = true;
    const load = () => void sendMessage('reportingStatus', {}).then((s) => live && setStatus(s), () => {});
    load();
    // The options page stays open: keep the state current while it is.
    const timer = setInterval(load, 5_000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);
  if (!status?.on) return null;
  const who = status.organization ?? t('yourOrganisation');
  return (
    <div class="reporting-status" data-reporting-status role="status">
      <p>
        {tNodes('reporting_on', <strong>{t('reporting_to', who)}</strong>, status.destination, who)}
      </p>
      <p class="reporting-state">
        {status.lastDelivery !== undefined ? `${t('reporting_lastDelivery', ago(status.lastDelivery))} ` : `${t('reporting_nothingDelivered')} `}
        {status.queued > 0 ? `${t('reporting_queued', formatNumber(status.queued))} ` : ''}
        {status.setAside > 0
          ? `${status.lastRefusal ? t('reporting_refusedWhy', formatNumber(status.setAside), status.lastRefusal.message) : t('reporting_refused', formatNumber(status.setAside))} `
          : ''}
        {status.droppedTotal > 0 ? `${t('reporting_dropped', formatNumber(status.droppedTotal))} ` : ''}
      </p>
      {status.lastError && (
        <p class="reporting-error" data-reporting-error>
          {t('reporting_lastProblem', ago(status.lastError.time), status.lastError.message)}
        </p>
      )}
    </div>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { sendMessage } from '../utils/messaging';
import type { ReportingStatus } from '../utils/reporting/protocol';

/** How long ago a time was, in words. */
function ago(time: number, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - time) / 1000));
  if (s < 60) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 48) return `${h} h ago`;
  return new Date(time).toLocaleDateString();
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
  const who = status.organization ?? 'your organisation';
  return (
    <div class="reporting-status" data-reporting-status role="status">
      <p>
        <strong>Reporting to {who}</strong> is on ({status.destination}): each sighting's redacted form, fingerprint and site are sent,
        never a key. Set by {who}; it cannot be turned off here.
      </p>
      <p class="reporting-state">
        {status.lastDelivery !== undefined ? `Last delivery ${ago(status.lastDelivery)}. ` : 'Nothing delivered yet. '}
        {status.queued > 0 ? `${status.queued} waiting to be sent. ` : ''}
        {status.setAside > 0 ? `${status.setAside} refused by the receiver${status.lastRefusal ? ` (${status.lastRefusal.message})` : ''}. ` : ''}
        {status.droppedTotal > 0 ? `${status.droppedTotal} dropped. ` : ''}
      </p>
      {status.lastError && (
        <p class="reporting-error" data-reporting-error>
          Last problem ({ago(status.lastError.time)}): {status.lastError.message}
        </p>
      )}
    </div>
  );
}

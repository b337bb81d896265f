import type { KeySummary } from '../../utils/inventory/summary';
import { keyStatus } from '../../utils/inventory/status';
import { formatTime, statusLabel } from './view';
import { formatNumber, t } from '../../utils/i18n';

/**
 * A key's status as a tag, the same in the list, the "keys to rotate" view and the key page: one
 * status, one wording, one colour (`status-<status>` in CSS).
 */
export function StatusTag({ summary: k }: { summary: KeySummary }) {
  const status = keyStatus(k);
  let text = statusLabel(status);
  if (status === 'rotated') {
    text = t('status_rotatedOn', formatTime(k.rotatedAt!));
    // Seen since, but stopped each time: still "rotated", with a word that the old key is still around.
    if (k.afterRotation) text = t('status_seenSince', text, formatNumber(k.afterRotation));
  }
  return (
    <span class={`tag status status-${status}`} data-status={status}>
      {text}
    </span>
  );
}

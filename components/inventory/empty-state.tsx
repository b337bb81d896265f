import { useLayoutEffect } from 'preact/hooks';
import { afterNextPaint } from '../after-paint';
import { t } from '../../utils/i18n';

/** First run: what KeyWard does and how to try it, in two lines. */
export function EmptyState() {
  // For the benchmark: the popup's first screen with nothing in the inventory (painted), the baseline.
  useLayoutEffect(() => afterNextPaint(() => performance.mark('keyward:empty-shown')), []);
  return (
    <section class="empty" aria-labelledby="empty-title">
      <h2 id="empty-title">{t('empty_title')}</h2>
      <p>{t('empty_what')}</p>
      <p>{t('empty_try')}</p>
    </section>
  );
}

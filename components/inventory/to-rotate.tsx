import type { KeySummary } from '../../utils/inventory/summary';
import { needsRotation } from '../../utils/inventory/status';
import { StatusTag } from './status-tag';
import { exposureHow, formatTime, keyPageUrl, providerLabel, siteLabel } from './view';
import { formatNumber, t, tn } from '../../utils/i18n';

interface Props {
  /** Every key, most recently seen first. */
  keys: KeySummary[];
  onRotated: (fingerprint: string) => void;
  /** Shows every key to rotate in the list below (the status filter). */
  onShowAll: () => void;
}

/** How many keys to rotate the first screen shows in full; the rest are one click away. */
const SHOWN = 3;

/** Where, when and how a key last reached a page: "Inserted anyway (paste) on chatgpt.com, 3 Dec 2026, 10:42". */
export function exposureLine(k: KeySummary): string {
  const e = k.lastExposure;
  if (!e) return '';
  const how = exposureHow(e.outcome, e.event);
  return t('exposure_line', `${how[0]!.toUpperCase()}${how.slice(1)}`, siteLabel(e.origin), formatTime(e.time));
}

/**
 * The popup's first answer: which keys reached a page and must be rotated, each with where it went,
 * when and how, the provider's key page and "I rotated it".
 */
export function ToRotate({ keys, onRotated, onShowAll }: Props) {
  const due = keys.filter(needsRotation);
  if (due.length === 0) return null;
  return (
    <section class="to-rotate" aria-labelledby="to-rotate-title">
      <h2 id="to-rotate-title" tabIndex={-1}>
        {tn('toRotate_title', due.length)}
      </h2>
      <ul>
        {due.slice(0, SHOWN).map((k) => {
          const sites = Object.keys(k.exposedSites ?? {}).map(siteLabel);
          const url = keyPageUrl(k.provider);
          return (
            <li key={k.fingerprint} class="rotate-item" data-fingerprint={k.fingerprint}>
              <a href={`#/key/${k.fingerprint}`} class="key-link">
                <code class="redacted">{k.redacted}</code>
                <span class="provider">{providerLabel(k.provider)}</span>
              </a>
              <StatusTag summary={k} />
              <p class="exposure">{exposureLine(k)}</p>
              {sites.length > 1 && <p class="exposure-sites">{t('toRotate_reached', sites.join(', '))}</p>}
              <div class="rotate-actions">
                {url && (
                  <a href={url} target="_blank" rel="noopener noreferrer" class="revoke-link">
                    {t('key_openKeyPage', providerLabel(k.provider))}
                  </a>
                )}
                <button type="button" class="rotate" onClick={() => onRotated(k.fingerprint)}>
                  {t('toRotate_rotated')}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      {due.length > SHOWN && (
        <button type="button" class="show-to-rotate" onClick={onShowAll}>
          {t('toRotate_showAll', formatNumber(due.length))}
        </button>
      )}
    </section>
  );
}

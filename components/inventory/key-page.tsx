import { useEffect, useRef } from 'preact/hooks';
import type { KeySummary, StoredSighting } from '../../utils/inventory/summary';
import { exposes, keyStatus } from '../../utils/inventory/status';
import { AllowKey } from './allow-key';
import { NameKey } from './name-key';
import { ConfirmButton } from './confirm-button';
import { StatusTag } from './status-tag';
import { exposureLine } from './to-rotate';
import { eventLabel, formatTime, keyPageUrl, outcomeLabel, outcomeSummary, providerLabel, siteLabel } from './view';
import { t, tn } from '../../utils/i18n';

interface Props {
  summary: KeySummary;
  sightings: StoredSighting[];
  onRotated: (rotated: boolean) => void;
  onDeleteSighting: (id: string) => void;
  onDeleteKey: () => void;
  /** The key's name or sites changed (the settings hold them): show them. */
  onNamed: () => void;
}

/** One key: every site and time it was seen, rotation, deletion. */
export function KeyPage({ summary: k, sightings, onRotated, onDeleteSighting, onDeleteKey, onNamed }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [k.fingerprint]);
  // Marking rotated swaps the button under the user's focus: keep focus on its replacement, not on the page body.
  const rotationButton = useRef<HTMLButtonElement>(null);
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) firstRender.current = false;
    else rotationButton.current?.focus();
  }, [k.rotatedAt]);
  const revokeUrl = keyPageUrl(k.provider);
  const status = keyStatus(k);
  const seenSince = k.afterRotation ? ` ${tn('key_seenSince', k.afterRotation)}` : '';
  return (
    <section class="key-page" aria-labelledby="key-title">
      <a href="#/" class="back">
        {t('popup_allKeys')}
      </a>
      <h2 id="key-title" tabIndex={-1} ref={heading}>
        {k.name && <span class="key-name">{k.name} </span>}
        <code class="redacted">{k.redacted}</code>
      </h2>
      <p class="provider">
        {providerLabel(k.provider)} · {k.type} · {t('key_fingerprint')} <code class="fingerprint">{k.fingerprint}</code>
      </p>
      <p class="facts-line">
        {t('key_facts', tn('count_sightings', k.count), tn('count_sites', Object.keys(k.sites).length))} ·{' '}
        {outcomeSummary(k.outcomes)}
      </p>
      <div class="rotation" role="group" aria-label={t('key_rotation')}>
        <StatusTag summary={k} />
        {status === 'stopped' && <p>{t('key_stoppedNote')}</p>}
        {status === 'given' && <p>{t('key_givenNote')}</p>}
        {status === 'exposed' && <p class="exposure">{t('key_exposedNote', exposureLine(k))}</p>}
        {status === 'rotated' && (
          <p class="rotated-note">
            {t('key_rotatedOn', formatTime(k.rotatedAt!))}
            {seenSince}
            {k.afterRotation ? ` ${t('key_stillAround')}` : ''}
          </p>
        )}
        {status === 'exposed-again' && (
          <p class="rotated-note">
            {t('key_rotatedOn', formatTime(k.rotatedAt!))}
            {seenSince} {t('key_exposedAgain', exposureLine(k))}
          </p>
        )}
        {revokeUrl && (
          <a href={revokeUrl} target="_blank" rel="noopener noreferrer" class="revoke-link">
            {t('key_openKeyPage', providerLabel(k.provider))}
          </a>
        )}
        {k.rotatedAt === undefined || status === 'exposed-again' ? (
          <button type="button" class="rotate" ref={rotationButton} onClick={() => onRotated(true)}>
            {k.rotatedAt === undefined ? t('key_rotatedThis') : t('key_rotatedAgain')}
          </button>
        ) : (
          <button type="button" class="unrotate" ref={rotationButton} onClick={() => onRotated(false)}>
            {t('key_notRotated')}
          </button>
        )}
      </div>
      <AllowKey fingerprint={k.fingerprint} />
      <NameKey summary={k} onSaved={onNamed} />
      <h3>{t('key_whereWhen')}</h3>
      <table class="sightings">
        <thead>
          <tr>
            <th scope="col">{t('key_when')}</th>
            <th scope="col">{t('key_where')}</th>
            <th scope="col">{t('list_whatHappened')}</th>
            <th scope="col">
              <span class="visually-hidden">{t('key_delete')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sightings.map((s) => (
            <tr key={s.id} data-sighting={s.id}>
              <td>
                <time dateTime={new Date(s.time).toISOString()}>{formatTime(s.time)}</time>
              </td>
              <td>
                {siteLabel(s.origin)}
                <span class="path">{s.path}</span>
              </td>
              <td>
                {outcomeLabel(s.outcome)} ({eventLabel(s.event)})
                {k.rotatedAt !== undefined && s.time >= k.rotatedAt && (
                  <span class={`tag after-rotation ${exposes(s.outcome) ? 'status-exposed-again' : 'status-stopped'}`}>{t('key_afterRotation')}</span>
                )}
                {s.justification && <q class="justification">{s.justification}</q>}
              </td>
              <td>
                <button type="button" class="delete-sighting" aria-label={t('key_deleteSightingLabel', siteLabel(s.origin), formatTime(s.time))} onClick={() => onDeleteSighting(s.id)}>
                  {t('key_delete')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ConfirmButton
        label={t('key_deleteKey')}
        question={t('key_deleteKeyQuestion', tn('count_sightings', k.count))}
        confirmLabel={t('key_deleteKeyConfirm')}
        onConfirm={onDeleteKey}
      />
    </section>
  );
}

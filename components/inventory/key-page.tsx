import { useEffect, useRef } from 'preact/hooks';
import type { KeySummary, StoredSighting } from '../../utils/inventory/summary';
import { exposes, keyStatus } from '../../utils/inventory/status';
import { AllowKey } from './allow-key';
import { ConfirmButton } from './confirm-button';
import { StatusTag } from './status-tag';
import { exposureLine } from './to-rotate';
import { formatTime, keyPageUrl, OUTCOME_LABELS, outcomeSummary, providerLabel, siteLabel } from './view';

interface Props {
  summary: KeySummary;
  sightings: StoredSighting[];
  onRotated: (rotated: boolean) => void;
  onDeleteSighting: (id: string) => void;
  onDeleteKey: () => void;
}

/** One key: every site and time it was seen, rotation, deletion. */
export function KeyPage({ summary: k, sightings, onRotated, onDeleteSighting, onDeleteKey }: Props) {
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
  const seenSince = k.afterRotation ? ` Seen ${k.afterRotation} ${k.afterRotation === 1 ? 'time' : 'times'} since.` : '';
  return (
    <section class="key-page" aria-labelledby="key-title">
      <a href="#/" class="back">
        ← All keys
      </a>
      <h2 id="key-title" tabIndex={-1} ref={heading}>
        <code class="redacted">{k.redacted}</code>
      </h2>
      <p class="provider">
        {providerLabel(k.provider)} · {k.type} · fingerprint <code class="fingerprint">{k.fingerprint}</code>
      </p>
      <p class="facts-line">
        {k.count} {k.count === 1 ? 'sighting' : 'sightings'} on {Object.keys(k.sites).length} {Object.keys(k.sites).length === 1 ? 'site' : 'sites'} ·{' '}
        {outcomeSummary(k.outcomes)}
      </p>
      <div class="rotation" role="group" aria-label="Rotation">
        <StatusTag summary={k} />
        {status === 'stopped' && <p>KeyWard stopped this key each time: it never reached a page. Rotate it only if it leaked some other way.</p>}
        {status === 'exposed' && <p class="exposure">{exposureLine(k)}. Revoke it at the provider, make a new one, then mark it rotated here.</p>}
        {status === 'rotated' && (
          <p class="rotated-note">
            Marked rotated on {formatTime(k.rotatedAt!)}.{seenSince}
            {k.afterRotation ? ' KeyWard stopped it each time, but the old key is still around somewhere.' : ''}
          </p>
        )}
        {status === 'exposed-again' && (
          <p class="rotated-note">
            Marked rotated on {formatTime(k.rotatedAt!)}.{seenSince} Then: {exposureLine(k)}. The old key is still in use: replace it there and rotate
            again.
          </p>
        )}
        {revokeUrl && (
          <a href={revokeUrl} target="_blank" rel="noopener noreferrer" class="revoke-link">
            Open {providerLabel(k.provider)}'s key page
          </a>
        )}
        {k.rotatedAt === undefined || status === 'exposed-again' ? (
          <button type="button" class="rotate" ref={rotationButton} onClick={() => onRotated(true)}>
            {k.rotatedAt === undefined ? 'I rotated this key' : 'I rotated it again'}
          </button>
        ) : (
          <button type="button" class="unrotate" ref={rotationButton} onClick={() => onRotated(false)}>
            Not rotated after all
          </button>
        )}
      </div>
      <AllowKey fingerprint={k.fingerprint} />
      <h3>Where and when</h3>
      <table class="sightings">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Where</th>
            <th scope="col">What happened</th>
            <th scope="col">
              <span class="visually-hidden">Delete</span>
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
                {OUTCOME_LABELS[s.outcome]} ({s.event})
                {k.rotatedAt !== undefined && s.time >= k.rotatedAt && (
                  <span class={`tag after-rotation ${exposes(s.outcome) ? 'status-exposed-again' : 'status-stopped'}`}>after rotation</span>
                )}
                {s.justification && <q class="justification">{s.justification}</q>}
              </td>
              <td>
                <button type="button" class="delete-sighting" aria-label={`Delete the sighting on ${siteLabel(s.origin)} at ${formatTime(s.time)}`} onClick={() => onDeleteSighting(s.id)}>
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ConfirmButton
        label="Delete this key"
        question={`Delete this key and its ${k.count} ${k.count === 1 ? 'sighting' : 'sightings'} from the inventory?`}
        confirmLabel="Delete key"
        onConfirm={onDeleteKey}
      />
    </section>
  );
}

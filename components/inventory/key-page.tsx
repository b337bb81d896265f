import { useEffect, useRef } from 'preact/hooks';
import type { KeySummary, StoredSighting } from '../../utils/inventory/summary';
import { ConfirmButton } from './confirm-button';
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
  const rotated = k.rotatedAt !== undefined;
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) firstRender.current = false;
    else rotationButton.current?.focus();
  }, [rotated]);
  const revokeUrl = keyPageUrl(k.provider);
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
        {k.rotatedAt === undefined ? (
          <p>If this key was exposed, revoke it at the provider and make a new one.</p>
        ) : (
          <p class="rotated-note">
            Marked rotated on {formatTime(k.rotatedAt)}.
            {k.afterRotation ? ` Seen ${k.afterRotation} ${k.afterRotation === 1 ? 'time' : 'times'} since: it may still be in use.` : ''}
          </p>
        )}
        {revokeUrl && (
          <a href={revokeUrl} target="_blank" rel="noopener noreferrer" class="revoke-link">
            Open {providerLabel(k.provider)}'s key page
          </a>
        )}
        {k.rotatedAt === undefined ? (
          <button type="button" class="rotate" ref={rotationButton} onClick={() => onRotated(true)}>
            I rotated this key
          </button>
        ) : (
          <button type="button" class="unrotate" ref={rotationButton} onClick={() => onRotated(false)}>
            Not rotated after all
          </button>
        )}
      </div>
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
                {s.afterRotation && <span class="tag after-rotation">after rotation</span>}
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

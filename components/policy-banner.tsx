import type { EffectiveSettings } from '../utils/policy/store';
import { ReportingStatusLine } from './reporting-status';
import { useSettings } from './use-settings';
import './policy-banner.css';

/** Words for a path like `customPatterns[2]` or `actions.paste`, as an admin wrote it in the policy. */
function fieldLabel(field: string): string {
  return field === '(policy)' ? 'The policy' : field;
}

/**
 * Who manages this browser, and what is wrong with their policy: shown in the popup and the options
 * page. A broken policy is one plain line; the options page (`details`) adds the problems, field by
 * field, behind a disclosure for admins. Renders nothing for an unmanaged browser with no policy problems.
 */
export function PolicyBanner({ effective: given, details = false }: { effective?: EffectiveSettings; details?: boolean }) {
  const [watched] = useSettings();
  const effective = given ?? watched;
  if (!effective) return null;
  const { organization, managed, errors } = effective;
  const isManaged = managed.length > 0 || !effective.settings.userMayChange || organization.name !== undefined;
  if (!isManaged && errors.length === 0) return null;
  const who = organization.name ?? 'your organisation';
  return (
    <section class="policy-banner" data-policy-banner aria-label="Policy">
      {isManaged && (
        <p class="policy-managed">
          Managed by <strong class="policy-org">{who}</strong>
          {effective.settings.userMayChange ? '. Settings it sets cannot be changed here.' : '. Settings cannot be changed.'}
          {organization.helpUrl && (
            <>
              {' '}
              <a href={organization.helpUrl} target="_blank" rel="noreferrer noopener">
                Help
              </a>
            </>
          )}
        </p>
      )}
      {isManaged && <ReportingStatusLine />}
      {errors.length > 0 && (
        <div class="policy-errors" role="alert">
          <p class="policy-problems">
            {errors.length === 1 ? "Your organisation's settings have 1 problem" : `Your organisation's settings have ${errors.length} problems`}; KeyWard
            uses its safest choice for {errors.length === 1 ? 'it' : 'each'}.
          </p>
          {details ? (
            <details>
              <summary>Details for your IT team</summary>
              <ul>
                {errors.map((e) => (
                  <li key={`${e.field}:${e.message}`} data-field={e.field}>
                    <code>{fieldLabel(e.field)}</code> {e.message}
                  </li>
                ))}
              </ul>
            </details>
          ) : (
            <p>The details for your IT team are in KeyWard's settings.</p>
          )}
        </div>
      )}
    </section>
  );
}

/** The mark next to a setting the policy locks. */
export function ManagedMark({ effective }: { effective: EffectiveSettings }) {
  return <span class="managed-mark">Set by {effective.organization.name ?? 'your organisation'}</span>;
}

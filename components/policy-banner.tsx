import type { EffectiveSettings } from '../utils/policy/store';
import { ReportingStatusLine } from './reporting-status';
import { useSettings } from './use-settings';
import './policy-banner.css';
import { t, tn, tNodes } from '../utils/i18n';

/** Words for a path like `customPatterns[2]` or `actions.paste`, as an admin wrote it in the policy. */
function fieldLabel(field: string): string {
  return field === '(policy)' ? t('policy_thePolicy') : field;
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
  const who = organization.name ?? t('yourOrganisation');
  return (
    <section class="policy-banner" data-policy-banner aria-label={t('policy_label')}>
      {isManaged && (
        <p class="policy-managed">
          {tNodes(effective.settings.userMayChange ? 'policy_managedSome' : 'policy_managedAll', <strong class="policy-org">{who}</strong>)}
          {organization.helpUrl && (
            <>
              {' '}
              <a href={organization.helpUrl} target="_blank" rel="noreferrer noopener">
                {t('policy_help')}
              </a>
            </>
          )}
        </p>
      )}
      {isManaged && <ReportingStatusLine />}
      {errors.length > 0 && (
        <div class="policy-errors" role="alert">
          <p class="policy-problems">
            {tn('policy_problems', errors.length)}
          </p>
          {details ? (
            <details>
              <summary>{t('policy_details')}</summary>
              <ul>
                {errors.map((e) => (
                  <li key={`${e.field}:${e.message}`} data-field={e.field}>
                    <code>{fieldLabel(e.field)}</code> {e.message}
                  </li>
                ))}
              </ul>
            </details>
          ) : (
            <p>{t('policy_detailsElsewhere')}</p>
          )}
        </div>
      )}
    </section>
  );
}

/** The mark next to a setting the policy locks. */
export function ManagedMark({ effective }: { effective: EffectiveSettings }) {
  return <span class="managed-mark">{t('setBy', effective.organization.name ?? t('yourOrganisation'))}</span>;
}

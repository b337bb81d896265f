import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ManagedMark, PolicyBanner } from '../../components/policy-banner';
import { useSettings } from '../../components/use-settings';
import { PROVIDERS } from '../../utils/detect/providers';
import { EVENT_KINDS, type Action, type EventKind, type Settings } from '../../utils/policy/schema';
import { isLocked, saveUserSettings, type EffectiveSettings, type SettingError } from '../../utils/policy/store';
import { checkMatchPattern, permissionPattern } from '../../utils/sites';
import { fingerprintFromInput, sitePatternFromInput } from '../../components/normalise-input';
import { siteLabel } from '../../components/inventory/view';
import { t, type MessageKey } from '../../utils/i18n';

const ACTION_LABELS: Record<Action, MessageKey> = {
  block: 'action_block',
  warn: 'action_warn',
  redact: 'action_redact',
  off: 'action_off',
};
const EVENT_LABELS: Record<EventKind, MessageKey> = {
  paste: 'eventKind_paste',
  drop: 'eventKind_drop',
  typing: 'eventKind_typing',
  submit: 'eventKind_submit',
  upload: 'eventKind_upload',
};

type Errors = Record<string, string | undefined>;

/** The retention fields, as the page labels them (errors name a field by its label, not its path). */
const RETENTION_LABELS = { maxSightings: 'options_maxSightings', maxAgeDays: 'options_maxAgeDays' } as const satisfies Record<string, MessageKey>;
const FIELD_LABELS: Record<string, MessageKey> = {
  'retention.maxSightings': RETENTION_LABELS.maxSightings,
  'retention.maxAgeDays': RETENTION_LABELS.maxAgeDays,
};

/** Words for the validator's errors about what the user just entered (nothing was saved). */
function describeErrors(errors: SettingError[]): string {
  return errors
    .map((e) => {
      // A new list entry: its index means nothing to the user.
      if (e.field.includes('[')) return t('options_entryProblem', e.message);
      const label = FIELD_LABELS[e.field];
      return label ? t('options_fieldProblem', t(label), e.message) : `${e.message.charAt(0).toUpperCase()}${e.message.slice(1)}.`;
    })
    .join(' ');
}

/** The section a field is in: where its save is confirmed. */
const sectionOf = (field: string) => (field === 'extraSites' || field === 'excludedSites' ? 'sites' : field);

/** The last save: in which section, and a count that tells one save from the next. */
interface Saved {
  section: string;
  count: number;
}

/** The options page: everything a user may set, within what the policy allows. */
export function App() {
  const [effective, setEffective] = useSettings();
  const [errors, setErrors] = useState<Errors>({});
  const [saved, setSaved] = useState<Saved>();

  if (!effective) return <p class="loading">{t('loading')}</p>;
  const settings = effective.settings;
  const locked = (path: string) => isLocked(effective, path);
  /** Shows (or clears) the error next to `field`; an error takes the place of its section's "Saved." */
  const setError = (field: string, message?: string) => {
    setErrors((current) => ({ ...current, [field]: message }));
    if (message) setSaved((last) => (last?.section === sectionOf(field) ? undefined : last));
  };
  const sectionProps = (field: string) => ({ field, errors, saved: saved?.section === field ? saved.count : undefined });

  /** Saves one change and confirms it beside its section; on refusal shows why next to `field` and keeps nothing. */
  async function save(field: string, patch: Partial<Settings>): Promise<boolean> {
    const result = await saveUserSettings(patch);
    if (!result.ok) {
      setError(field, describeErrors(result.errors));
      return false;
    }
    setEffective(result.effective);
    setError(field, undefined);
    setSaved((last) => ({ section: sectionOf(field), count: (last?.count ?? 0) + 1 }));
    return true;
  }

  return (
    <main>
      <header>
        <h1>{t('options_title')}</h1>
        <PolicyBanner effective={effective} details />
      </header>
      <Section title={t('options_actionsTitle')} {...sectionProps('actions')}>
        <table class="actions">
          <tbody>
            {EVENT_KINDS.map((kind) => (
              <tr key={kind}>
                <th scope="row">
                  <label for={`action-${kind}`}>{t(EVENT_LABELS[kind])}</label>
                </th>
                <td>
                  <select
                    id={`action-${kind}`}
                    name={`actions.${kind}`}
                    value={settings.actions[kind]}
                    disabled={locked(`actions.${kind}`)}
                    onChange={(e) => void save('actions', { actions: { [kind]: e.currentTarget.value } as Settings['actions'] })}
                  >
                    {(Object.keys(ACTION_LABELS) as Action[]).map((a) => (
                      <option key={a} value={a}>
                        {t(ACTION_LABELS[a])}
                      </option>
                    ))}
                  </select>
                  {locked(`actions.${kind}`) && <ManagedMark effective={effective} />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <dl class="mode-help">
          <dt>{t('action_block')}</dt>
          <dd>{t('options_blockHelp')}</dd>
          <dt>{t('action_warn')}</dt>
          <dd>{t('options_warnHelp')}</dd>
          <dt>{t('action_redact')}</dt>
          <dd>{t('options_redactHelp')}</dd>
          <dt>{t('action_off')}</dt>
          <dd>{t('options_offHelp')}</dd>
        </dl>
        <Toggle
          effective={effective}
          field="allowInsertAnyway"
          label={t('options_allowInsertAnyway')}
          onChange={(on) => void save('actions', { allowInsertAnyway: on })}
        />
        <Toggle
          effective={effective}
          field="requireJustification"
          label={t('options_requireJustification')}
          onChange={(on) => void save('actions', { requireJustification: on })}
        />
      </Section>

      <Section title={t('options_sitesTitle')} {...sectionProps('sites')}>
        <Toggle
          effective={effective}
          field="allSites"
          label={t('options_allSites')}
          onChange={(on) => {
            if (!on) return void save('sites', { allSites: false });
            // Asked from the click itself: browsers only show the prompt during a user gesture.
            void browser.permissions.request({ origins: ['*://*/*'] }).then(
              (granted) => {
                if (granted) void save('sites', { allSites: true });
                else setError('sites', t('options_allSitesRefused'));
              },
              (e: Error) => setError('sites', e.message),
            );
          }}
        />
        <SiteList
          effective={effective}
          field="extraSites"
          label={t('options_extraSites')}
          error={errors.extraSites}
          setError={(m) => setError('extraSites', m)}
          requestPermission
          save={(list) => save('extraSites', { extraSites: list })}
        />
        <SiteList
          effective={effective}
          field="excludedSites"
          label={t('options_excludedSites')}
          error={errors.excludedSites}
          setError={(m) => setError('excludedSites', m)}
          save={(list) => save('excludedSites', { excludedSites: list })}
        />
      </Section>

      <Section title={t('options_providersTitle')} {...sectionProps('providers')}>
        <p class="hint">{t('options_providersHint')}</p>
        {locked('providers') && <ManagedMark effective={effective} />}
        <ul class="providers">
          {PROVIDERS.map((p) => (
            <li key={p.id}>
              <label>
                <input
                  type="checkbox"
                  name={`providers.${p.id}`}
                  checked={settings.providers[p.id] !== false}
                  disabled={locked('providers')}
                  onChange={(e) => void save('providers', { providers: { ...settings.providers, [p.id]: e.currentTarget.checked } })}
                />{' '}
                {p.label}
              </label>
            </li>
          ))}
        </ul>
      </Section>

      {settings.customPatterns.length > 0 && (
        <Section title={t('options_customTitle')} {...sectionProps('customPatterns')}>
          <p class="hint">{t('options_customHint')}</p>
          <ManagedMark effective={effective} />
          <ul class="custom-patterns">
            {settings.customPatterns.map((p) => (
              <li key={p.name}>
                {p.name}: <code>{p.pattern}</code>
              </li>
            ))}
          </ul>
        </Section>
      )}

      <Section title={t('options_allowlistTitle')} {...sectionProps('allowlist')}>
        <p class="hint">{t('options_allowlistHint')}</p>
        <EntryList
          effective={effective}
          field="allowlist"
          label={t('options_fingerprint')}
          placeholder="0123456789abcdef"
          error={errors.allowlist}
          onAdd={(value) => save('allowlist', { allowlist: [...settings.allowlist, fingerprintFromInput(value)] })}
          onRemove={(value) => void save('allowlist', { allowlist: settings.allowlist.filter((v) => v !== value) })}
        />
      </Section>

      <Section title={t('options_namedTitle')} {...sectionProps('namedKeys')}>
        <NamedKeys effective={effective} save={(namedKeys) => save('namedKeys', { namedKeys })} />
      </Section>

      <Section title={t('options_retentionTitle')} {...sectionProps('retention')}>
        <Retention
          effective={effective}
          error={errors.retention}
          fail={(message) => setError('retention', message)}
          save={(patch) => save('retention', { retention: patch as Settings['retention'] })}
        />
      </Section>
    </main>
  );
}

/** A group of settings under its heading, with the one save confirmation every setting in it shares. */
function Section({ title, field, errors, saved, children }: { title: string; field: string; errors: Errors; saved?: number; children: ComponentChildren }) {
  return (
    <section class={`section-${field}`} aria-labelledby={`${field}-title`}>
      <div class="section-head">
        <h2 id={`${field}-title`}>{title}</h2>
        <SavedStatus count={saved} />
      </div>
      {children}
      {field !== 'allowlist' && field !== 'retention' && <FieldError id={`${field}-error`} message={errors[field]} />}
    </section>
  );
}

/**
 * "Saved." beside a section's heading: how every change on this page is confirmed. A live region
 * (announced by screen readers); each save puts in a new node (`key`), so the next one is announced
 * and shown again.
 */
function SavedStatus({ count }: { count?: number }) {
  return (
    <p class="saved" role="status" aria-live="polite">
      {count !== undefined && <span key={count}>{t('options_saved')}</span>}
    </p>
  );
}

function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p class="field-error" id={id} role="alert">
      {message}
    </p>
  ) : null;
}

function Toggle({
  effective,
  field,
  label,
  onChange,
}: {
  effective: EffectiveSettings;
  field: 'allowInsertAnyway' | 'requireJustification' | 'allSites';
  label: string;
  onChange: (on: boolean) => void;
}) {
  const locked = isLocked(effective, field);
  return (
    <p class="toggle">
      <label>
        <input type="checkbox" name={field} checked={effective.settings[field]} disabled={locked} onChange={(e) => onChange(e.currentTarget.checked)} />{' '}
        {label}
      </label>
      {locked && <ManagedMark effective={effective} />}
    </p>
  );
}

function SiteList(props: {
  effective: EffectiveSettings;
  field: 'extraSites' | 'excludedSites';
  label: string;
  error?: string;
  setError: (message?: string) => void;
  requestPermission?: boolean;
  save: (list: string[]) => Promise<boolean>;
}) {
  const list = props.effective.settings[props.field];
  const add = (value: string): Promise<boolean> | boolean => {
    const pattern = sitePatternFromInput(value);
    const problem = checkMatchPattern(pattern);
    if (problem) {
      props.setError(t('options_patternProblem', pattern, problem));
      return false;
    }
    if (list.includes(pattern)) return props.save(list);
    if (!props.requestPermission) return props.save([...list, pattern]);
    // Asked synchronously from the click: browsers only show the prompt during a user gesture.
    return browser.permissions.request({ origins: [permissionPattern(pattern)] }).then(
      (granted) => {
        if (granted) return props.save([...list, pattern]);
        props.setError(t('options_permissionRefused', pattern));
        return false;
      },
      (e: Error) => {
        props.setError(e.message);
        return false;
      },
    );
  };
  return (
    <>
      <h3 id={`${props.field}-label`}>{props.label}</h3>
      <EntryList
        effective={props.effective}
        field={props.field}
        label={t('options_matchPattern')}
        placeholder="https://chat.example.com/*"
        error={props.error}
        onAdd={add}
        onRemove={(value) => void props.save(list.filter((v) => v !== value))}
      />
    </>
  );
}

/** A list of texts with a remove button each, and a field to add one; the error shows next to that field. */
function EntryList(props: {
  effective: EffectiveSettings;
  field: 'extraSites' | 'excludedSites' | 'allowlist';
  label: string;
  placeholder: string;
  error?: string;
  onAdd: (value: string) => Promise<boolean> | boolean;
  onRemove: (value: string) => void;
}) {
  const [draft, setDraft] = useState('');
  const locked = isLocked(props.effective, props.field);
  const values = props.effective.settings[props.field];
  const inputId = `${props.field}-input`;
  const errorId = `${props.field}-error`;
  const submit = (e: Event) => {
    e.preventDefault();
    const result = props.onAdd(draft);
    const clear = (ok: boolean) => ok && setDraft('');
    if (typeof result === 'boolean') clear(result);
    else void result.then(clear);
  };
  return (
    <div class={`entry-list list-${props.field}`}>
      {locked && <ManagedMark effective={props.effective} />}
      {values.length > 0 ? (
        <ul>
          {values.map((v) => (
            <li key={v}>
              <code>{v}</code>
              {!locked && (
                <button type="button" class="remove" aria-label={t('options_removeLabel', v)} onClick={() => props.onRemove(v)}>
                  {t('options_remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p class="empty">{t('options_none')}</p>
      )}
      {!locked && (
        <form onSubmit={submit}>
          <label for={inputId}>{props.label}</label>{' '}
          <input
            id={inputId}
            name={props.field}
            value={draft}
            placeholder={props.placeholder}
            aria-invalid={props.error ? 'true' : undefined}
            aria-describedby={props.error ? errorId : undefined}
            onInput={(e) => setDraft(e.currentTarget.value)}
          />{' '}
          <button type="submit" class="add">
            {t('options_add')}
          </button>
          <FieldError id={errorId} message={props.error} />
        </form>
      )}
    </div>
  );
}

/**
 * Keys given on purpose (settings.namedKeys), named on their page in the popup: listed here with the
 * sites they are meant for, a link to that page, and a way to take the name back.
 */
function NamedKeys({ effective, save }: { effective: EffectiveSettings; save: (namedKeys: Settings['namedKeys']) => Promise<boolean> }) {
  const named = effective.settings.namedKeys;
  const locked = isLocked(effective, 'namedKeys');
  return (
    <div class="entry-list list-namedKeys">
      <p class="hint">{t('options_namedHint')}</p>
      {locked && <ManagedMark effective={effective} />}
      {named.length === 0 ? (
        <p class="empty">{t('options_namedNone')}</p>
      ) : (
        <ul>
          {named.map((k) => (
            <li key={k.fingerprint}>
              <strong>{k.name}</strong> <code>{k.fingerprint}</code>{' '}
              {k.sites.length > 0 && <span class="meant-for">{t('options_namedSites', k.sites.map(siteLabel).join(', '))}</span>}{' '}
              <a href={browser.runtime.getURL(`/popup.html#/key/${k.fingerprint}`)} target="_blank" rel="noopener">
                {t('options_namedOpen')}
              </a>
              {!locked && (
                <button type="button" class="remove" aria-label={t('options_removeLabel', k.name)} onClick={() => void save(named.filter((n) => n !== k))}>
                  {t('options_remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Retention({
  effective,
  error,
  fail,
  save,
}: {
  effective: EffectiveSettings;
  error?: string;
  fail: (message: string) => void;
  save: (patch: Record<string, number>) => Promise<boolean>;
}) {
  const { maxSightings, maxAgeDays } = effective.settings.retention;
  const [draft, setDraft] = useState({ maxSightings: String(maxSightings), maxAgeDays: String(maxAgeDays) });
  const field = (name: 'maxSightings' | 'maxAgeDays', label: MessageKey) => {
    const locked = isLocked(effective, `retention.${name}`);
    return (
      <p>
        <label for={`retention-${name}`}>{t(label)}</label>{' '}
        <input
          id={`retention-${name}`}
          name={`retention.${name}`}
          inputMode="numeric"
          value={locked ? String(effective.settings.retention[name]) : draft[name]}
          disabled={locked}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'retention-error' : undefined}
          onInput={(e) => setDraft({ ...draft, [name]: e.currentTarget.value })}
        />
        {locked && <ManagedMark effective={effective} />}
      </p>
    );
  };
  const submit = (e: Event) => {
    e.preventDefault();
    const patch: Record<string, number> = {};
    for (const name of ['maxSightings', 'maxAgeDays'] as const) {
      if (isLocked(effective, `retention.${name}`)) continue;
      // Digits, grouped by thousands or not ("10000", "10,000", "10.000", "10 000"); "1e4", "2.5" or "" is refused here in plain words.
      const text = draft[name].trim();
      if (!/^(\d+|\d{1,3}([ ,.'’]\d{3})+)$/.test(text)) return fail(t('options_wholeNumber', t(RETENTION_LABELS[name]), effective.settings.retention[name]));
      patch[name] = Number(text.replace(/\D/g, ''));
    }
    void save(patch);
  };
  const allLocked = isLocked(effective, 'retention.maxSightings') && isLocked(effective, 'retention.maxAgeDays');
  return (
    <form onSubmit={submit}>
      {field('maxSightings', RETENTION_LABELS.maxSightings)}
      {field('maxAgeDays', RETENTION_LABELS.maxAgeDays)}
      {!allLocked && (
        <button type="submit" class="save-retention">
          {t('options_saveRetention')}
        </button>
      )}
      <FieldError id="retention-error" message={error} />
    </form>
  );
}

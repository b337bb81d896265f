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

const ACTION_LABELS: Record<Action, string> = {
  block: 'Block (ask first)',
  warn: 'Warn (let it through)',
  redact: 'Redact automatically',
  off: 'Off',
};
const EVENT_LABELS: Record<EventKind, string> = {
  paste: 'Paste',
  drop: 'Drop (text or file)',
  typing: 'Typing or autocomplete',
  submit: 'Sending a form or chat message',
  upload: 'Choosing a file to upload',
};

type Errors = Record<string, string | undefined>;

/** The retention fields, as the page labels them (errors name a field by its label, not its path). */
const RETENTION_LABELS = { maxSightings: 'Most sightings kept', maxAgeDays: 'Days a sighting is kept' } as const;
const FIELD_LABELS: Record<string, string> = {
  'retention.maxSightings': RETENTION_LABELS.maxSightings,
  'retention.maxAgeDays': RETENTION_LABELS.maxAgeDays,
};

/** Words for the validator's errors about what the user just entered (nothing was saved). */
function describeErrors(errors: SettingError[]): string {
  return errors
    .map((e) => {
      // A new list entry: the index means nothing to the user, and the entry was refused, not "ignored".
      if (e.field.includes('[')) return `This ${e.message.replace(/; this entry is ignored$/, '')}.`.replace(/^This must/, 'It must');
      const label = FIELD_LABELS[e.field];
      return label ? `${label} ${e.message}.` : `${e.message}.`;
    })
    .join(' ');
}

/** The options page: everything a user may set, within what the policy allows. */
export function App() {
  const [effective, setEffective] = useSettings();
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<string>();

  if (!effective) return <p class="loading">Loading…</p>;
  const settings = effective.settings;
  const locked = (path: string) => isLocked(effective, path);
  const setError = (field: string, message?: string) => setErrors((current) => ({ ...current, [field]: message }));

  /** Saves one change; on refusal shows why next to `field` and keeps nothing. */
  async function save(field: string, patch: Partial<Settings>): Promise<boolean> {
    const result = await saveUserSettings(patch);
    if (!result.ok) {
      setError(field, describeErrors(result.errors));
      setStatus(undefined);
      return false;
    }
    setEffective(result.effective);
    setError(field, undefined);
    setStatus('Saved.');
    return true;
  }

  return (
    <main>
      <header>
        <h1>KeyWard settings</h1>
        <PolicyBanner effective={effective} details />
      </header>
      <p class="status" role="status">
        {status}
      </p>

      <Section title="What KeyWard does with a key" field="actions" errors={errors}>
        <table class="actions">
          <tbody>
            {EVENT_KINDS.map((kind) => (
              <tr key={kind}>
                <th scope="row">
                  <label for={`action-${kind}`}>{EVENT_LABELS[kind]}</label>
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
                        {ACTION_LABELS[a]}
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
          <dt>Block (ask first)</dt>
          <dd>The page gets nothing until you choose: cancel, insert with the key redacted, or insert anyway.</dd>
          <dt>Warn (let it through)</dt>
          <dd>The text goes in, and KeyWard tells you a key went with it.</dd>
          <dt>Redact automatically</dt>
          <dd>The key is replaced by its redacted form, without asking.</dd>
          <dt>Off</dt>
          <dd>KeyWard does nothing for that action.</dd>
        </dl>
        <Toggle
          effective={effective}
          field="allowInsertAnyway"
          label='Offer "Insert anyway" in the alert'
          onChange={(on) => void save('actions', { allowInsertAnyway: on })}
        />
        <Toggle
          effective={effective}
          field="requireJustification"
          label='Ask why before "Insert anyway"'
          onChange={(on) => void save('actions', { requireJustification: on })}
        />
      </Section>

      <Section title="Sites" field="sites" errors={errors}>
        <Toggle
          effective={effective}
          field="allSites"
          label="Guard every site"
          onChange={(on) => {
            if (!on) return void save('sites', { allSites: false });
            // Asked from the click itself: browsers only show the prompt during a user gesture.
            void browser.permissions.request({ origins: ['*://*/*'] }).then(
              (granted) => {
                if (granted) void save('sites', { allSites: true });
                else setError('sites', 'Permission to read every site was not granted.');
              },
              (e: Error) => setError('sites', e.message),
            );
          }}
        />
        <SiteList
          effective={effective}
          field="extraSites"
          label="Extra sites to guard"
          error={errors.extraSites}
          setError={(m) => setError('extraSites', m)}
          requestPermission
          save={(list) => save('extraSites', { extraSites: list })}
        />
        <SiteList
          effective={effective}
          field="excludedSites"
          label="Sites never guarded"
          error={errors.excludedSites}
          setError={(m) => setError('excludedSites', m)}
          save={(list) => save('excludedSites', { excludedSites: list })}
        />
      </Section>

      <Section title="Providers" field="providers" errors={errors}>
        <p class="hint">Keys of the providers switched off are not looked for.</p>
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
        <Section title="Your organisation's own key formats" field="customPatterns" errors={errors}>
          <p class="hint">KeyWard looks for these as well as the providers' keys. Only your organisation's policy can change them.</p>
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

      <Section title="Allowed test keys" field="allowlist" errors={errors}>
        <p class="hint">
          Fingerprints of known test keys (16 hex digits, shown on a key's page in the popup): they are recorded as allowed and raise no alert.
        </p>
        <EntryList
          effective={effective}
          field="allowlist"
          label="Fingerprint"
          placeholder="0123456789abcdef"
          error={errors.allowlist}
          onAdd={(value) => save('allowlist', { allowlist: [...settings.allowlist, fingerprintFromInput(value)] })}
          onRemove={(value) => void save('allowlist', { allowlist: settings.allowlist.filter((v) => v !== value) })}
        />
      </Section>

      <Section title="Inventory retention" field="retention" errors={errors}>
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

function Section({ title, field, errors, children }: { title: string; field: string; errors: Errors; children: ComponentChildren }) {
  return (
    <section class={`section-${field}`} aria-labelledby={`${field}-title`}>
      <h2 id={`${field}-title`}>{title}</h2>
      {children}
      {field !== 'allowlist' && field !== 'retention' && <FieldError id={`${field}-error`} message={errors[field]} />}
    </section>
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
      props.setError(`"${pattern}" ${problem}.`);
      return false;
    }
    if (list.includes(pattern)) return props.save(list);
    if (!props.requestPermission) return props.save([...list, pattern]);
    // Asked synchronously from the click: browsers only show the prompt during a user gesture.
    return browser.permissions.request({ origins: [permissionPattern(pattern)] }).then(
      (granted) => {
        if (granted) return props.save([...list, pattern]);
        props.setError(`Permission for ${pattern} was not granted, so it was not added.`);
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
        label="Match pattern"
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
                <button type="button" class="remove" aria-label={`Remove ${v}`} onClick={() => props.onRemove(v)}>
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p class="empty">None.</p>
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
            Add
          </button>
          <FieldError id={errorId} message={props.error} />
        </form>
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
  const field = (name: 'maxSightings' | 'maxAgeDays', label: string) => {
    const locked = isLocked(effective, `retention.${name}`);
    return (
      <p>
        <label for={`retention-${name}`}>{label}</label>{' '}
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
      if (!/^(\d+|\d{1,3}([ ,.'’]\d{3})+)$/.test(text)) return fail(`${RETENTION_LABELS[name]} must be a whole number, such as ${effective.settings.retention[name]}.`);
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
          Save retention
        </button>
      )}
      <FieldError id="retention-error" message={error} />
    </form>
  );
}

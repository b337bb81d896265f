import { useState } from 'preact/hooks';
import type { KeySummary } from '../../utils/inventory/summary';
import { checkOrigin } from '../../utils/sites';
import { isLocked, saveUserSettings } from '../../utils/policy/store';
import { originFromInput } from '../normalise-input';
import { useSettings } from '../use-settings';
import { siteLabel } from './view';
import { t } from '../../utils/i18n';

/**
 * A key handed over on purpose, on its page: a name and the sites it is meant for (settings.namedKeys).
 * The guard lets it through there, recorded as "given", and names it in the alert anywhere else.
 * The sites offered are those the key was seen on, and any other the user types.
 */
export function NameKey({ summary: k, onSaved }: { summary: KeySummary; onSaved: () => void }) {
  const [effective] = useSettings();
  const [note, setNote] = useState<{ text: string; error?: boolean }>();
  if (!effective) return null;
  const named = effective.settings.namedKeys;
  const mine = named.find((n) => n.fingerprint === k.fingerprint);
  const locked = isLocked(effective, 'namedKeys');
  const offered = [...new Set([...(mine?.sites ?? []), ...Object.keys(k.sites).filter((o) => !checkOrigin(o))])];

  const save = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const name = String(form.get('key-name') ?? '').trim();
    const other = String(form.get('key-site') ?? '').trim();
    const sites = form.getAll('meant-for').map(String);
    if (other) {
      const origin = originFromInput(other);
      if (checkOrigin(origin)) return setNote({ text: t('named_badSite', other), error: true });
      if (!sites.includes(origin)) sites.push(origin);
    }
    if (!name && sites.length > 0) return setNote({ text: t('named_needsName'), error: true });
    const others = named.filter((n) => n.fingerprint !== k.fingerprint);
    const result = await saveUserSettings({ namedKeys: name ? [...others, { fingerprint: k.fingerprint, name, sites }] : others });
    if (!result.ok) return setNote({ text: result.errors.map((e) => e.message).join('; '), error: true });
    setNote({ text: name ? t('named_saved') : t('named_removed') });
    onSaved();
  };

  return (
    <form class="name-key" aria-labelledby="name-key-title" onSubmit={(e) => void save(e)} key={`${k.fingerprint}:${mine?.name ?? ''}:${mine?.sites.join(' ') ?? ''}`}>
      <h3 id="name-key-title">{t('named_title')}</h3>
      <p class="hint">{locked ? t('named_locked') : t('named_hint')}</p>
      <fieldset disabled={locked}>
        <label>
          {t('named_name')}
          <input type="text" name="key-name" maxLength={60} defaultValue={mine?.name ?? ''} placeholder={t('named_namePlaceholder')} />
        </label>
        <fieldset class="meant-for">
          <legend>{t('named_sites')}</legend>
          {offered.map((origin) => (
            <label key={origin}>
              <input type="checkbox" name="meant-for" value={origin} defaultChecked={mine?.sites.includes(origin) ?? false} />
              {siteLabel(origin)}
            </label>
          ))}
          <label>
            {t('named_otherSite')}
            <input type="text" name="key-site" placeholder="vendor.example.com" />
          </label>
        </fieldset>
        <button type="submit">{t('named_save')}</button>
      </fieldset>
      <p class={note?.error ? 'named-note error' : 'named-note'} role="status">
        {note?.text}
      </p>
    </form>
  );
}

import { useState } from 'preact/hooks';
import { isLocked, saveUserSettings } from '../../utils/policy/store';
import { useSettings } from '../use-settings';
import { t } from '../../utils/i18n';

/**
 * "Allow this test key" on a key's page: adds its fingerprint to the allowlist, so the guard lets it
 * through without an alert from now on (sightings are still recorded, as "Allowed"). Undone here too.
 */
export function AllowKey({ fingerprint }: { fingerprint: string }) {
  const [effective] = useSettings();
  const [note, setNote] = useState<string>();
  if (!effective) return null;
  const allowlist = effective.settings.allowlist;
  const allowed = allowlist.includes(fingerprint);
  const locked = isLocked(effective, 'allowlist');
  const change = async (allow: boolean) => {
    const result = await saveUserSettings({ allowlist: allow ? [...allowlist, fingerprint] : allowlist.filter((f) => f !== fingerprint) });
    setNote(
      !result.ok
        ? result.errors.map((e) => e.message).join('; ')
        : allow
          ? t('allow_allowed')
          : t('allow_stopped'),
    );
  };
  return (
    <div class="allow-key">
      {allowed ? (
        <button type="button" class="disallow-key" disabled={locked} onClick={() => void change(false)}>
          {t('allow_stop')}
        </button>
      ) : (
        <button type="button" class="allow-key-button" disabled={locked} onClick={() => void change(true)}>
          {t('allow_allow')}
        </button>
      )}
      {note && (
        <p class="allow-note" role="status">
          {note}
        </p>
      )}
    </div>
  );
}

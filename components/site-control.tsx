import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { pauseEnd, pauseEnds, type PauseLength } from '../utils/pause';
import { isLocked, saveUserSettings, type EffectiveSettings } from '../utils/policy/store';
import { isDefaultSite, isGuardedUrl, matchesPattern, originPatternFor, sitePatternFor } from '../utils/sites';
import { useSettings } from './use-settings';
import { t, tNodes } from '../utils/i18n';

/** The tab the popup is about: the active tab, or (popup opened as a tab) the web tab used last. `?tab=<id>` picks one. */
async function targetTab(): Promise<{ id: number; url: string } | undefined> {
  const asked = Number(new URLSearchParams(location.search).get('tab'));
  if (asked) {
    const tab = await browser.tabs.get(asked).catch(() => undefined);
    return tab?.id !== undefined && tab.url ? { id: tab.id, url: tab.url } : undefined;
  }
  const [active] = await browser.tabs.query({ active: true, currentWindow: true });
  if (active?.id !== undefined && active.url && /^https?:/.test(active.url)) return { id: active.id, url: active.url };
  const web = (await browser.tabs.query({})).filter((t) => t.id !== undefined && t.url && /^https?:/.test(t.url));
  web.sort((a, b) => ((b as { lastAccessed?: number }).lastAccessed ?? 0) - ((a as { lastAccessed?: number }).lastAccessed ?? 0));
  const last = web[0];
  return last ? { id: last.id!, url: last.url! } : undefined;
}

/** What KeyWard does on a site, for the popup. */
export type SiteState = 'guarded' | 'paused' | 'unguarded' | 'needs-permission';

/** Whether KeyWard guards a URL now, given the settings and whether the host permission for an added site is granted. */
export function siteState(url: string, settings: EffectiveSettings['settings'], permitted: boolean): SiteState {
  if (settings.excludedSites.some((p) => matchesPattern(p, url))) return 'paused';
  if (isDefaultSite(url)) return 'guarded';
  if (!isGuardedUrl(url, settings)) return 'unguarded';
  return permitted ? 'guarded' : 'needs-permission';
}

/**
 * The popup's "current site" block: whether KeyWard guards the site of the tab, with "Pause on this
 * site" / "Resume on this site", and "Guard this site", which asks for that site's host permission
 * from the click itself (browsers grant optional permissions only from a user gesture).
 */
export function SiteControl() {
  const [effective] = useSettings();
  const [tab, setTab] = useState<{ id: number; url: string } | null>();
  // Unknown until the browser answers: the block waits for it rather than flash "needs permission".
  const [permitted, setPermitted] = useState<boolean>();
  const [note, setNote] = useState<string>();
  // Set at the click, before the settings are saved: the popup shows the new state at once.
  const [expected, setExpected] = useState<'paused' | 'guarded'>();

  useEffect(() => {
    void targetTab().then((t) => setTab(t ?? null));
  }, []);
  const pattern = tab ? sitePatternFor(tab.url) : undefined;
  const origin = tab ? originPatternFor(tab.url) : undefined;
  useEffect(() => {
    if (!origin) return;
    void browser.permissions.contains({ origins: [origin] }).then(setPermitted, () => setPermitted(false));
  }, [origin, effective]);

  if (tab === undefined || !effective || (origin !== undefined && permitted === undefined)) return null;
  if (!tab || !pattern) {
    return (
      <section class="site-control" data-site-state="none" aria-label={t('site_thisSite')}>
        <p>{t('site_notHere')}</p>
      </section>
    );
  }
  const host = new URL(tab.url).hostname;
  const { settings } = effective;
  const saved = siteState(tab.url, settings, permitted === true);
  const state = expected && (saved === 'paused' || saved === 'guarded') ? expected : saved;
  const who = effective.organization.name ?? t('yourOrganisation');

  const save = async (patch: Parameters<typeof saveUserSettings>[0], done: string) => {
    setNote(done);
    const result = await saveUserSettings(patch);
    if (!result.ok) setNote(result.errors.map((e) => e.message).join('; '));
    setExpected(undefined);
    return result.ok;
  };

  const pause = (length: PauseLength) => {
    const end = pauseEnd(length);
    setExpected('paused');
    const done = t(end === undefined ? 'site_pausedResume' : length === 'hour' ? 'site_pausedHour' : 'site_pausedTomorrow', host);
    setNote(done);
    void (async () => {
      const ends = { ...(await pauseEnds.getValue()) };
      if (end === undefined) delete ends[pattern];
      else ends[pattern] = end;
      await pauseEnds.setValue(ends);
      await save({ excludedSites: [...settings.excludedSites, pattern] }, done);
    })();
  };

  const resume = () => {
    setExpected('guarded');
    setNote(t('site_guardsAgain', host));
    const kept = settings.excludedSites.filter((p) => !matchesPattern(p, tab.url));
    void (async () => {
      const ends = { ...(await pauseEnds.getValue()) };
      for (const p of Object.keys(ends)) if (!kept.includes(p)) delete ends[p];
      await pauseEnds.setValue(ends);
      await save({ excludedSites: kept }, t('site_guardsAgain', host));
    })();
  };

  const guard = () => {
    // First thing in the click handler: the browser grants only from the user's gesture. The site is
    // saved at the same time, because Firefox closes the popup while it asks; the background then
    // registers the guard and starts it in the site's open tabs as soon as the permission arrives.
    const granted = browser.permissions.request({ origins: [pattern] });
    const extra = settings.extraSites.includes(pattern) ? settings.extraSites : [...settings.extraSites, pattern];
    // Started late in an open tab, the guard comes after any paste listener the page added before it.
    void save({ extraSites: extra }, t('site_guardsNow', host));
    granted.then(
      (ok) => {
        setPermitted(ok);
        if (!ok) setNote(t('site_needsPermission', host));
      },
      (error: unknown) => setNote(error instanceof Error ? error.message : String(error)),
    );
  };

  const locked = (field: 'excludedSites' | 'extraSites') => isLocked(effective, field);

  return (
    <section class="site-control" data-site-state={state} aria-label={t('site_thisSite')}>
      {state === 'guarded' && (
        <>
          <p>{tNodes('site_guarded', <strong>{host}</strong>)}</p>
          <div class="pause-choices" role="group" aria-label={t('site_pauseOn', host)}>
            <span>{t('site_pauseHere')}</span>
            <button type="button" class="pause-site-hour" onClick={() => pause('hour')} disabled={locked('excludedSites')}>
              {t('site_forHour')}
            </button>
            <button type="button" class="pause-site-day" onClick={() => pause('tomorrow')} disabled={locked('excludedSites')}>
              {t('site_untilTomorrow')}
            </button>
            <button type="button" class="pause-site" onClick={() => pause('resume')} disabled={locked('excludedSites')}>
              {t('site_untilResume')}
            </button>
          </div>
        </>
      )}
      {state === 'paused' && (
        <>
          <p>{tNodes('site_paused', <strong>{host}</strong>)}</p>
          <button type="button" class="resume-site" onClick={resume} disabled={locked('excludedSites')}>
            {t('site_resume')}
          </button>
        </>
      )}
      {(state === 'unguarded' || state === 'needs-permission') && (
        <>
          <p>{tNodes('site_notGuarded', <strong>{host}</strong>)}</p>
          <button type="button" class="guard-site" onClick={guard} disabled={state === 'unguarded' && locked('extraSites')}>
            {t('site_guard')}
          </button>
        </>
      )}
      {(locked('excludedSites') || (state === 'unguarded' && locked('extraSites'))) && <p class="site-locked">{t('site_setBy', who)}</p>}
      {note && (
        <p class="site-note" role="status">
          {note}
        </p>
      )}
    </section>
  );
}

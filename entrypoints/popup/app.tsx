import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ConfirmButton } from '../../components/inventory/confirm-button';
import { EmptyState } from '../../components/inventory/empty-state';
import { KeyList } from '../../components/inventory/key-list';
import { KeyPage } from '../../components/inventory/key-page';
import { ToRotate } from '../../components/inventory/to-rotate';
import { PolicyBanner } from '../../components/policy-banner';
import { SiteControl } from '../../components/site-control';
import { formatTime, NO_FILTER, siteLabel, type KeyFilter } from '../../components/inventory/view';
import { askBackground, takePrefetchedOverview, watchInventory } from '../../utils/ask';
import { SIGHTINGS_PER_TAB_PER_MINUTE } from '../../utils/inventory/limit';
import type { ResponseOf } from '../../utils/messaging';
import type { StoredSighting } from '../../utils/inventory/summary';
import { formatNumber, t, tn } from '../../utils/i18n';

type Overview = ResponseOf<'inventoryOverview'>;
type KeyDetail = ResponseOf<'inventoryKey'>;

// Asked for before the first render, to show the list sooner: by popup-prefetch.js in the page's <head>
// (before this module is even fetched), or here as the module starts if that script did not run.
let firstOverview: Promise<Overview> | undefined = takePrefetchedOverview() ?? askBackground('inventoryOverview', {});
function takeFirstOverview(): Promise<Overview> | undefined {
  const first = firstOverview;
  firstOverview = undefined;
  return first;
}

/** `#/key/<fingerprint>` shows one key; anything else the list. */
function routeFingerprint(): string | undefined {
  return /^#\/key\/([0-9a-f]{16})$/.exec(location.hash)?.[1];
}

/** Opens the options page in a tab of its own (a toolbar popup closes as the tab takes focus). */
function openSettings(e: MouseEvent): void {
  e.preventDefault();
  void browser.runtime.openOptionsPage();
}

function useRoute(): string | undefined {
  const [fingerprint, setFingerprint] = useState(routeFingerprint);
  useEffect(() => {
    const onHash = () => setFingerprint(routeFingerprint());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  return fingerprint;
}

/** A short message after an action, with a way to undo it where there is one. */
interface Notice {
  text: string;
  undo?: () => Promise<unknown>;
}

/** The popup: the keys to rotate, the inventory of keys seen, one key's page, export and clearing. */
export function App() {
  const fingerprint = useRoute();
  const [overview, setOverview] = useState<Overview>();
  const [detail, setDetail] = useState<KeyDetail>();
  const [filter, setFilter] = useState<KeyFilter>(NO_FILTER);
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<Notice>();
  // The key page last shown, so that coming back to the list puts focus back on that key.
  const [returnTo, setReturnTo] = useState<string>();
  useEffect(() => {
    if (fingerprint) setReturnTo(fingerprint);
  }, [fingerprint]);

  const reload = useCallback(async () => {
    try {
      setOverview(await (takeFirstOverview() ?? askBackground('inventoryOverview', {})));
      setDetail(fingerprint ? await askBackground('inventoryKey', { fingerprint }) : undefined);
      setError(undefined);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, [fingerprint]);

  useEffect(() => {
    void reload();
  }, [reload]);
  // A popup left open (or opened as a tab) shows what the guard records meanwhile.
  useEffect(() => watchInventory(() => void reload()), [reload]);
  useEffect(() => {
    // Opening the popup resets the toolbar badge.
    askBackground('popupOpened', {}).catch(() => {});
  }, []);

  // Export (and its CSV/JSON writers) is loaded on first use: not needed for the first screen.
  const exportInventory = async (format: 'json' | 'csv') => {
    const saved = await (await import('../../components/inventory/download')).exportInventory(format);
    setNotice({ text: t('popup_exportSaved', tn('count_sightings', saved.sightings), tn('count_keys', saved.keys), saved.name) });
  };

  const markRotated = (fp: string, rotated: boolean) =>
    act(async () => {
      await askBackground('markRotated', { fingerprint: fp, rotated });
      if (rotated) setNotice({ text: t('popup_markedRotated'), undo: () => askBackground('markRotated', { fingerprint: fp, rotated: false }) });
      else setNotice(undefined);
    })();

  const deleteSighting = (s: StoredSighting) =>
    act(async () => {
      await askBackground('deleteSighting', { id: s.id });
      // Undo records the very same sighting again; the store decides afresh whether it came after a rotation.
      const { afterRotation: _flag, ...again } = s;
      setNotice({ text: t('popup_deletedSighting', siteLabel(s.origin)), undo: () => askBackground('recordSighting', again) });
    })();

  const act = (action: () => Promise<unknown>) => async () => {
    try {
      await action();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
    await reload();
  };

  return (
    <main>
      <header>
        <h1>KeyWard</h1>
        <a class="settings-link" href={browser.runtime.getURL('/options.html')} target="_blank" rel="noopener" onClick={openSettings}>
          {t('popup_settings')}
        </a>
        <PolicyBanner />
        <SiteControl />
      </header>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {notice && (
        <p class="notice" role="status">
          {notice.text}{' '}
          {notice.undo && (
            <button type="button" class="undo" onClick={act(async () => (await notice.undo!(), setNotice(undefined)))}>
              {t('popup_undo')}
            </button>
          )}
        </p>
      )}
      {overview?.saveFailure && (
        <section class="save-failure" role="alert">
          <p>
            <strong>{t('popup_saveFailureTitle')}</strong>
          </p>
          <p>
            {t('popup_saveFailureBody', formatTime(overview.saveFailure.since), overview.saveFailure.reason)}
          </p>
        </section>
      )}
      {overview?.overLimit && (
        <p class="over-limit" role="status">
          {tn(
            'popup_overLimit',
            overview.overLimit.count,
            formatTime(overview.overLimit.since),
            formatNumber(SIGHTINGS_PER_TAB_PER_MINUTE),
            overview.overLimit.lastOrigin,
          )}
        </p>
      )}
      {!overview ? (
        <p class="loading">{t('loading')}</p>
      ) : fingerprint ? (
        detail?.key ? (
          <KeyPage
            summary={detail.key}
            sightings={detail.sightings}
            onRotated={(rotated) => void markRotated(fingerprint, rotated)}
            onDeleteSighting={(id) => {
              const s = detail.sightings.find((x) => x.id === id);
              if (s) void deleteSighting(s);
            }}
            onDeleteKey={act(async () => {
              await askBackground('deleteKey', { fingerprint });
              location.hash = '#/';
            })}
            onNamed={() => void reload()}
          />
        ) : detail ? (
          <section>
            <p>{t('popup_keyGone')}</p>
            <a href="#/">{t('popup_allKeys')}</a>
          </section>
        ) : null
      ) : overview.keys.length === 0 ? (
        <EmptyState />
      ) : (
        <>
          <ToRotate
            keys={overview.keys}
            onRotated={(fp) => {
              void markRotated(fp, true);
              document.getElementById('to-rotate-title')?.focus();
            }}
            onShowAll={() => {
              setFilter({ ...NO_FILTER, status: 'to-rotate', sort: filter.sort });
              document.getElementById('keys-title')?.focus();
            }}
          />
          <KeyList keys={overview.keys} sites={overview.sites} filter={filter} onFilter={setFilter} returnTo={returnTo} />
          <footer class="actions">
            <button type="button" class="export-json" onClick={act(() => exportInventory('json'))}>
              {t('popup_exportJson')}
            </button>
            <button type="button" class="export-csv" onClick={act(() => exportInventory('csv'))}>
              {t('popup_exportCsv')}
            </button>
            <ConfirmButton
              label={t('popup_clearAll')}
              question={t('popup_clearAllQuestion', tn('count_sightings', overview.total), tn('count_keys', overview.keys.length))}
              confirmLabel={t('popup_clearAllConfirm')}
              onConfirm={act(() => askBackground('clearInventory', { confirm: true }))}
            />
          </footer>
        </>
      )}
    </main>
  );
}

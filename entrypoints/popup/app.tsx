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
import { askBackground, takePrefetchedOverview } from '../../utils/ask';
import { SIGHTINGS_PER_TAB_PER_MINUTE } from '../../utils/inventory/limit';
import type { ResponseOf } from '../../utils/messaging';
import type { StoredSighting } from '../../utils/inventory/summary';

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
  useEffect(() => {
    // Opening the popup resets the toolbar badge.
    askBackground('popupOpened', {}).catch(() => {});
  }, []);

  // Export (and its CSV/JSON writers) is loaded on first use: not needed for the first screen.
  const exportInventory = async (format: 'json' | 'csv') => {
    const saved = await (await import('../../components/inventory/download')).exportInventory(format);
    setNotice({ text: `Saved ${saved.sightings} ${saved.sightings === 1 ? 'sighting' : 'sightings'} of ${saved.keys} ${saved.keys === 1 ? 'key' : 'keys'} as ${saved.name} (redacted forms and fingerprints only).` });
  };

  const markRotated = (fp: string, rotated: boolean) =>
    act(async () => {
      await askBackground('markRotated', { fingerprint: fp, rotated });
      if (rotated) setNotice({ text: 'Marked rotated.', undo: () => askBackground('markRotated', { fingerprint: fp, rotated: false }) });
      else setNotice(undefined);
    })();

  const deleteSighting = (s: StoredSighting) =>
    act(async () => {
      await askBackground('deleteSighting', { id: s.id });
      // Undo records the very same sighting again; the store decides afresh whether it came after a rotation.
      const { afterRotation: _flag, ...again } = s;
      setNotice({ text: `Deleted the sighting on ${siteLabel(s.origin)}.`, undo: () => askBackground('recordSighting', again) });
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
          Settings
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
              Undo
            </button>
          )}
        </p>
      )}
      {overview?.saveFailure && (
        <section class="save-failure" role="alert">
          <p>
            <strong>New sightings are not being saved.</strong>
          </p>
          <p>
            Since {formatTime(overview.saveFailure.since)} the browser refuses to store them ({overview.saveFailure.reason}). Open
            tabs keep theirs and send them again: free some disk space and leave those tabs open.
          </p>
        </section>
      )}
      {overview?.overLimit && (
        <p class="over-limit" role="status">
          {overview.overLimit.count.toLocaleString()} {overview.overLimit.count === 1 ? 'sighting was' : 'sightings were'} not recorded since{' '}
          {formatTime(overview.overLimit.since)}: a tab sent more than {SIGHTINGS_PER_TAB_PER_MINUTE} a minute (last from{' '}
          {overview.overLimit.lastOrigin}).
        </p>
      )}
      {!overview ? (
        <p class="loading">Loading…</p>
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
          />
        ) : detail ? (
          <section>
            <p>This key is no longer in the inventory.</p>
            <a href="#/">← All keys</a>
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
              Export JSON
            </button>
            <button type="button" class="export-csv" onClick={act(() => exportInventory('csv'))}>
              Export CSV
            </button>
            <ConfirmButton
              label="Clear everything"
              question={`Delete all ${overview.total} sightings of ${overview.keys.length} keys? This cannot be undone.`}
              confirmLabel="Yes, clear everything"
              onConfirm={act(() => askBackground('clearInventory', { confirm: true }))}
            />
          </footer>
        </>
      )}
    </main>
  );
}

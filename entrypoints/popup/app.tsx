import { useCallback, useEffect, useState } from 'preact/hooks';
import { ConfirmButton } from '../../components/inventory/confirm-button';
import { EmptyState } from '../../components/inventory/empty-state';
import { KeyList } from '../../components/inventory/key-list';
import { KeyPage } from '../../components/inventory/key-page';
import { PolicyBanner } from '../../components/policy-banner';
import { SiteControl } from '../../components/site-control';
import { formatTime, NO_FILTER, type KeyFilter } from '../../components/inventory/view';
import { askBackground, takePrefetchedOverview } from '../../utils/ask';
import { SIGHTINGS_PER_TAB_PER_MINUTE } from '../../utils/inventory/limit';
import type { ResponseOf } from '../../utils/messaging';

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

function useRoute(): string | undefined {
  const [fingerprint, setFingerprint] = useState(routeFingerprint);
  useEffect(() => {
    const onHash = () => setFingerprint(routeFingerprint());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  return fingerprint;
}

/** The popup: the inventory of keys seen, one key's page, export and clearing. */
export function App() {
  const fingerprint = useRoute();
  const [overview, setOverview] = useState<Overview>();
  const [detail, setDetail] = useState<KeyDetail>();
  const [filter, setFilter] = useState<KeyFilter>(NO_FILTER);
  const [error, setError] = useState<string>();
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
  const exportInventory = async (format: 'json' | 'csv') => (await import('../../components/inventory/download')).exportInventory(format);

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
        <PolicyBanner />
        <SiteControl />
      </header>
      {error && (
        <p class="error" role="alert">
          {error}
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
            onRotated={(rotated) => void act(() => askBackground('markRotated', { fingerprint, rotated }))()}
            onDeleteSighting={(id) => void act(() => askBackground('deleteSighting', { id }))()}
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

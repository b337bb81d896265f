import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { onMessages } from '../../utils/messaging';
import { currentSaveFailure, inventoryStore, onInventoryChange } from './inventory';

/** When the popup was last opened; kept in storage so a service worker restart keeps the count. */
const popupOpenedAt = storage.defineItem<number>('local:keyward:popup-opened-at', { fallback: 0 });

/** MV3 has `action`, Firefox MV2 `browserAction`; the same calls on both. */
function toolbarAction() {
  return browser.action ?? browser.browserAction;
}

async function refresh(): Promise<void> {
  const action = toolbarAction();
  await action.setBadgeBackgroundColor({ color: '#b3261e' });
  // Sightings that cannot be saved are not counted: "!" says so until saving works again.
  const failure = currentSaveFailure();
  if (failure) {
    await action.setBadgeText({ text: '!' });
    await action.setTitle({ title: `KeyWard cannot save new sightings (${failure.reason}). Open it for details.` });
    return;
  }
  const since = await popupOpenedAt.getValue();
  const count = await (await inventoryStore()).countSince(since);
  await action.setBadgeText({ text: count === 0 ? '' : count > 999 ? '999+' : String(count) });
  await action.setTitle({ title: 'KeyWard' });
}

let pending: ReturnType<typeof setTimeout> | undefined;

function scheduleRefresh(): void {
  clearTimeout(pending);
  pending = setTimeout(() => void refresh().catch(() => {}), 50);
}

/** The toolbar badge: how many sightings since the popup was last opened, or "!" while sightings cannot be saved. */
export function startBadge(): void {
  onMessages({
    async popupOpened() {
      await popupOpenedAt.setValue(Date.now());
      await refresh();
      return { ok: true as const };
    },
  });
  onInventoryChange(scheduleRefresh);
  scheduleRefresh();
}

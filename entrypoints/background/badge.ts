import { browser } from 'wxt/browser';
import { needsRotation } from '../../utils/inventory/status';
import { onMessages } from '../../utils/messaging';
import { currentSaveFailure, inventoryStore, onInventoryChange } from './inventory';
import { t, tn } from '../../utils/i18n';

/** MV3 has `action`, Firefox MV2 `browserAction`; the same calls on both. */
function toolbarAction() {
  return browser.action ?? browser.browserAction;
}

/** The badge's colours: red while keys need rotating, amber while sightings cannot be saved. */
const TO_ROTATE_COLOUR = '#b3261e';
const SAVE_FAILURE_COLOUR = '#8a5a00';

async function refresh(): Promise<void> {
  const action = toolbarAction();
  // Sightings that cannot be saved are not counted: "!" says so until saving works again.
  const failure = currentSaveFailure();
  if (failure) {
    // The tooltip first: whoever sees the new badge finds the tooltip that explains it.
    await action.setTitle({ title: t('badge_saveFailure', failure.reason) });
    await action.setBadgeBackgroundColor({ color: SAVE_FAILURE_COLOUR });
    await action.setBadgeText({ text: '!' });
    return;
  }
  // The overview is cached by the store until the next write, and the popup reads the same one.
  const { keys } = await (await inventoryStore()).overview();
  const count = keys.filter(needsRotation).length;
  await action.setTitle({ title: count === 0 ? t('extName') : tn('badge_toRotate', count) });
  await action.setBadgeBackgroundColor({ color: TO_ROTATE_COLOUR });
  await action.setBadgeText({ text: count === 0 ? '' : count > 999 ? '999+' : String(count) });
}

let pending: ReturnType<typeof setTimeout> | undefined;

function scheduleRefresh(): void {
  clearTimeout(pending);
  pending = setTimeout(() => void refresh().catch(() => {}), 50);
}

/** The toolbar badge: how many keys reached a page and need rotating, or "!" while sightings cannot be saved. */
export function startBadge(): void {
  onMessages({
    async popupOpened() {
      await refresh();
      return { ok: true as const };
    },
  });
  onInventoryChange(scheduleRefresh);
  scheduleRefresh();
}

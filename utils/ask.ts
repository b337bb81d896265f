import { browser } from 'wxt/browser';
import { replyData, sendEnvelope, type Reply } from './envelope';
import type { MessageName, RequestOf, ResponseOf } from './messaging';

/**
 * Sends a message from one of KeyWard's own pages (popup, options) to its own background and returns
 * the response unchecked: the background validates every request on arrival (utils/messaging.ts, the
 * security boundary) and its answers come from its own handlers, so re-parsing them here would only
 * cost time and bring zod into the page. Only the types come from the protocol. Callers that want
 * the response checked use `sendMessage` from utils/messaging.ts.
 */
export async function askBackground<N extends MessageName>(name: N, data: RequestOf<N>): Promise<ResponseOf<N>> {
  return (await sendEnvelope(name, data)) as ResponseOf<N>;
}

/**
 * The popup's first inventory overview, asked for by entrypoints/popup-prefetch.ts before the page's
 * modules loaded, checked like `askBackground`'s replies; undefined once taken or when that script did not run.
 */
export function takePrefetchedOverview(): Promise<ResponseOf<'inventoryOverview'>> | undefined {
  const sent = globalThis.keywardPrefetchedOverview;
  globalThis.keywardPrefetchedOverview = undefined;
  return sent?.then((reply) => replyData('inventoryOverview', reply as Reply | undefined) as ResponseOf<'inventoryOverview'>);
}

/** The name of the port a KeyWard page opens to hear of inventory changes (entrypoints/background/inventory.ts). */
export const INVENTORY_WATCH_PORT = 'inventory-watch';

/**
 * Calls `onChange` when the inventory changes (a sighting recorded, deleted, pruned; a key renamed),
 * a burst of changes at most once per `settleMs`; returns the function that stops listening.
 */
export function watchInventory(onChange: () => void, settleMs = 150): () => void {
  const port = browser.runtime.connect({ name: INVENTORY_WATCH_PORT });
  let timer: ReturnType<typeof setTimeout> | undefined;
  port.onMessage.addListener(() => {
    timer ??= setTimeout(() => {
      timer = undefined;
      onChange();
    }, settleMs);
  });
  return () => {
    clearTimeout(timer);
    port.disconnect();
  };
}

import { browser } from 'wxt/browser';
import { z } from 'zod';
import { sendEnvelope, type Envelope, type Reply } from './envelope';
import { InventoryMessages } from './inventory/protocol';
import { ReportingMessages } from './reporting/protocol';

/**
 * The one message protocol between content scripts, popup, options and background: each message
 * name maps to a zod schema for its request and its response. Every message is validated on arrival;
 * messages from anywhere but this extension's own pages and content scripts are refused.
 *
 * Features add their messages here, next to each other, so the whole protocol reads in one place.
 */
export const PROTOCOL = {
  /** Guard → background: record one sighting. Resent until acknowledged; recorded once per id. */
  recordSighting: InventoryMessages.recordSighting,
  /** Guard → background: record a batch of sightings (how the guard sends them). Resent until acknowledged. */
  recordSightings: InventoryMessages.recordSightings,
  /** Popup → background: the inventory (schemas in utils/inventory/protocol.ts). */
  inventoryOverview: InventoryMessages.inventoryOverview,
  inventoryKey: InventoryMessages.inventoryKey,
  markRotated: InventoryMessages.markRotated,
  deleteSighting: InventoryMessages.deleteSighting,
  deleteKey: InventoryMessages.deleteKey,
  clearInventory: InventoryMessages.clearInventory,
  exportInventory: InventoryMessages.exportInventory,
  popupOpened: InventoryMessages.popupOpened,
  /** Popup, options → background: whether team reporting is on, and how its delivery goes. */
  reportingStatus: ReportingMessages.reportingStatus,
} as const;

export type MessageName = keyof typeof PROTOCOL;
export type RequestOf<N extends MessageName> = z.input<(typeof PROTOCOL)[N]['request']>;
export type ResponseOf<N extends MessageName> = z.output<(typeof PROTOCOL)[N]['response']>;
/** Who sent a message: this extension's id, its tab (a content script's, or an extension page's in a tab) and its URL. */
export interface Sender {
  id?: string;
  tab?: { id?: number };
  url?: string;
}
export type Handlers = { [N in MessageName]?: (request: z.output<(typeof PROTOCOL)[N]['request']>, sender: Sender) => Promise<ResponseOf<N>> };

/** Sends a message to the background and returns its validated response; throws on refusal. */
export async function sendMessage<N extends MessageName>(name: N, data: RequestOf<N>): Promise<ResponseOf<N>> {
  return PROTOCOL[name].response.parse(await sendEnvelope(name, data)) as ResponseOf<N>;
}

/** Whether a sender is this extension itself (its pages or its content scripts). */
export function isOwnSender(sender: { id?: string }, ownId: string): boolean {
  return sender.id === ownId;
}

/**
 * Registers the background's handlers. Unknown names, foreign senders and invalid requests get
 * an error reply and never reach a handler.
 */
export function onMessages(handlers: Handlers): void {
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    // Each feature registers its own handlers: leave messages this registration does not handle to the others.
    if (!isEnvelope(message) || !(message.keyward in handlers)) return undefined;
    return handle(handlers, message, sender);
  });
}

async function handle(handlers: Handlers, message: Envelope, sender: Sender): Promise<Reply> {
  if (!isOwnSender(sender, browser.runtime.id)) return { ok: false, error: 'refused: not from KeyWard' };
  const name = message.keyward as MessageName;
  const handler = handlers[name] as ((request: unknown, sender: Sender) => Promise<unknown>) | undefined;
  if (!handler) return { ok: false, error: `unknown message ${name}` };
  const parsed = PROTOCOL[name].request.safeParse(message.data);
  if (!parsed.success) return { ok: false, error: `invalid ${name}: ${z.prettifyError(parsed.error)}` };
  try {
    return { ok: true, data: await handler(parsed.data, sender) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

function isEnvelope(message: unknown): message is Envelope & { keyward: MessageName } {
  return typeof message === 'object' && message !== null && typeof (message as Envelope).keyward === 'string' && (message as Envelope).keyward in PROTOCOL;
}

import { browser } from 'wxt/browser';

/**
 * The wire format of KeyWard's messages, without the protocol's zod schemas, so a content script
 * can send with a few hundred bytes instead of zod's size (its budget is 80 KiB). The background
 * validates every request on arrival (utils/messaging.ts); callers that want the response checked
 * too use `sendMessage` there.
 */
export interface Envelope {
  keyward: string;
  data: unknown;
}

/** What the background answers to every envelope. */
export type Reply = { ok: true; data: unknown } | { ok: false; error: string };

/** Sends one message and returns the unchecked response data; throws on no answer or a refusal. */
export async function sendEnvelope(name: string, data: unknown): Promise<unknown> {
  return replyData(name, (await browser.runtime.sendMessage({ keyward: name, data } satisfies Envelope)) as Reply | undefined);
}

/** The data of a reply to the message `name`; throws on no answer or a refusal. */
export function replyData(name: string, reply: Reply | undefined): unknown {
  if (!reply) throw new Error(`No answer to ${name}`);
  if (!reply.ok) throw new Error(reply.error);
  return reply.data;
}

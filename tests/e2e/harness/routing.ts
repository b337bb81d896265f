import type { RouteHandler, RoutedResponse } from './types';

/** A routed site: a URL prefix and what answers it. */
export interface Route {
  prefix: string;
  handler: RouteHandler;
}

/** Turns a path → response table into a handler (paths compared without query or fragment). */
export function toHandler(handler: RouteHandler | Record<string, RoutedResponse>): RouteHandler {
  if (typeof handler === 'function') return handler;
  return (url) => handler[url.pathname];
}

/** The response for a URL, or undefined when no route covers it. */
export function answer(routes: readonly Route[], rawUrl: string): { status: number; contentType: string; body: string | Buffer } | undefined {
  const route = routes.find((r) => rawUrl.startsWith(r.prefix));
  if (!route) return undefined;
  const found = route.handler(new URL(rawUrl));
  if (found === undefined) return { status: 404, contentType: 'text/plain', body: 'not found' };
  if (typeof found === 'string') return { status: 200, contentType: 'text/html; charset=utf-8', body: found };
  return { status: found.status ?? 200, contentType: found.contentType, body: found.body };
}

/** Polls `check` until it returns a truthy value or the time runs out. */
export async function poll<R>(check: () => Promise<R>, timeoutMs: number, what: string): Promise<R> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

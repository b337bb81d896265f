import { checkMatchPattern } from '../utils/sites';

/** A bare host, with or without a port: `pastebin.com`, `intranet.example.com:8443`. */
const BARE_HOST = /^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d{1,5})?$/i;

/** The site a bare host (taken as https) or an http(s) page address names, as an origin; undefined for anything else. */
function originOf(text: string): string | undefined {
  if (BARE_HOST.test(text)) return `https://${text.toLowerCase()}`;
  try {
    const url = new URL(text);
    if (url.protocol === 'https:' || url.protocol === 'http:') return url.origin;
  } catch {
    // not an address
  }
  return undefined;
}

/**
 * What the user meant, where it is clear: a bare host or a page address becomes the site's match
 * pattern (`pastebin.com` → `https://pastebin.com/*`); a pattern with a wildcard is kept; anything
 * else is left for the validator to explain.
 */
export function sitePatternFromInput(value: string): string {
  const text = value.trim();
  // A valid pattern is kept, but a page address (no wildcard) means its site, not that one page.
  if (!BARE_HOST.test(text) && !checkMatchPattern(text) && text.includes('*')) return text;
  const origin = originOf(text);
  return origin ? `${origin}/*` : text;
}

/** A site as an origin (`vendor.example.com` or a page address → `https://vendor.example.com`); anything else is left for the validator. */
export function originFromInput(value: string): string {
  const text = value.trim();
  return originOf(text) ?? text;
}

/** A fingerprint as the inventory shows it: 16 lower-case hex digits, spaces dropped. */
export function fingerprintFromInput(value: string): string {
  return value.replace(/\s+/g, '').toLowerCase();
}

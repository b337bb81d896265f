import { checkMatchPattern } from '../utils/sites';

/**
 * What the user meant, where it is clear: a bare host or a page address becomes the site's match
 * pattern (`pastebin.com` → `https://pastebin.com/*`); a pattern with a wildcard is kept; anything
 * else is left for the validator to explain.
 */
export function sitePatternFromInput(value: string): string {
  const text = value.trim();
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d{1,5})?$/i.test(text)) return `https://${text.toLowerCase()}/*`;
  // A valid pattern is kept, but a page address (no wildcard) means its site, not that one page.
  if (!checkMatchPattern(text) && text.includes('*')) return text;
  try {
    const url = new URL(text);
    if (url.protocol === 'https:' || url.protocol === 'http:') return `${url.protocol}//${url.host}/*`;
  } catch {
    // not an address: the validator says why
  }
  return text;
}

/** A site as an origin (`vendor.example.com` or a page address → `https://vendor.example.com`); anything else is left for the validator. */
export function originFromInput(value: string): string {
  const text = value.trim();
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d{1,5})?$/i.test(text)) return `https://${text.toLowerCase()}`;
  try {
    const url = new URL(text);
    if (url.protocol === 'https:' || url.protocol === 'http:') return url.origin;
  } catch {
    // not an address: the validator says why
  }
  return text;
}

/** A fingerprint as the inventory shows it: 16 lower-case hex digits, spaces dropped. */
export function fingerprintFromInput(value: string): string {
  return value.replace(/\s+/g, '').toLowerCase();
}

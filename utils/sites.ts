/**
 * The one list of sites KeyWard guards, and the match-pattern logic every part of the extension
 * (content script manifest entry, background registration, popup) uses to decide about a URL.
 */

import { t } from './i18n';

/** Chat sites, where a key pasted into a prompt leaves the browser at once. */
export const CHAT_SITES = [
  '*://chatgpt.com/*',
  '*://chat.openai.com/*',
  '*://claude.ai/*',
  '*://gemini.google.com/*',
  '*://copilot.microsoft.com/*',
  '*://perplexity.ai/*',
  '*://www.perplexity.ai/*',
  '*://poe.com/*',
  '*://chat.mistral.ai/*',
  '*://chat.deepseek.com/*',
  '*://grok.com/*',
  '*://huggingface.co/*',
  '*://discord.com/*',
  '*://app.slack.com/*',
  '*://teams.microsoft.com/*',
  '*://web.whatsapp.com/*',
  '*://web.telegram.org/*',
  '*://www.messenger.com/*',
] as const;

/** Code-sharing and Q&A sites, where a pasted key is published. */
export const CODE_SITES = [
  '*://github.com/*',
  '*://gist.github.com/*',
  '*://gitlab.com/*',
  '*://bitbucket.org/*',
  '*://pastebin.com/*',
  '*://paste.ee/*',
  '*://dpaste.org/*',
  '*://codepen.io/*',
  '*://jsfiddle.net/*',
  '*://codesandbox.io/*',
  '*://stackblitz.com/*',
  '*://replit.com/*',
  '*://stackoverflow.com/*',
  '*://*.stackexchange.com/*',
  '*://*.reddit.com/*',
  'https://www.toptal.com/developers/hastebin*',
] as const;

/** Every site guarded out of the box, as WebExtension match patterns. */
export const DEFAULT_SITES: readonly string[] = [...CHAT_SITES, ...CODE_SITES];

/** The settings that decide where the guard runs. */
export interface SiteSettings {
  extraSites: readonly string[];
  excludedSites: readonly string[];
  allSites: boolean;
}

/** scheme://host[:port]/path, as Chrome documents match patterns (Firefox's have no port; see `permissionPattern`). */
const PATTERN = /^(\*|https?|wss?|file|ftp):\/\/(\*|\*\.[^/*:]+|[^/*:]*)(?::(\d{1,5}|\*))?(\/.*)$/;

interface ParsedPattern {
  scheme: string;
  host: string;
  /** A port number, or undefined for any port (none given, or `:*`). */
  port: string | undefined;
  path: string;
}

/** The one parser of match patterns: the validator, the guard, the popup and the background all read them through it. */
function parse(pattern: string): ParsedPattern | undefined {
  const m = PATTERN.exec(pattern);
  if (!m) return undefined;
  const [, scheme = '', host = '', port, path = '/'] = m;
  if (port !== undefined && port !== '*' && Number(port) > 65535) return undefined;
  return { scheme, host: host.toLowerCase(), port: port === '*' ? undefined : port, path };
}

/** Why a text is not a match pattern KeyWard can use, in words for the options page and policy errors; undefined when it is one. */
export function checkMatchPattern(pattern: string): string | undefined {
  if (pattern === '<all_urls>') return undefined;
  const parsed = parse(pattern);
  if (!parsed) return t('site_notPattern');
  if (parsed.scheme !== 'file' && !parsed.host) return t('site_noHost');
  return undefined;
}

/** Whether a string is a match pattern KeyWard accepts (`<all_urls>` or scheme://host[:port]/path). */
export function isMatchPattern(pattern: string): boolean {
  return checkMatchPattern(pattern) === undefined;
}

/**
 * Whether a match pattern covers whole sites (its path is `/*`): only such patterns may carry
 * `match_origin_as_fallback`, which guards the about:blank, srcdoc, blob: and data: documents and the
 * window.open('') popups a matching page makes.
 */
export function isWholeSitePattern(pattern: string): boolean {
  return parse(pattern)?.path === '/*';
}

const DEFAULT_PORTS: Record<string, string> = { http: '80', https: '443', ws: '80', wss: '443', ftp: '21' };

/**
 * Whether a URL matches a WebExtension match pattern (`<all_urls>`, `*://*.host/*`, `https://host:8443/path*`).
 * Invalid patterns and unparsable URLs match nothing.
 */
export function matchesPattern(pattern: string, url: string | URL): boolean {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return false;
  }
  const scheme = parsed.protocol.slice(0, -1);
  if (pattern === '<all_urls>') return ['http', 'https', 'ws', 'wss', 'file', 'ftp'].includes(scheme);
  const p = parse(pattern);
  if (!p) return false;
  if (p.scheme === '*' ? scheme !== 'http' && scheme !== 'https' : scheme !== p.scheme) return false;
  const host = parsed.hostname.toLowerCase();
  if (p.host !== '*') {
    if (p.host.startsWith('*.')) {
      const base = p.host.slice(2);
      if (host !== base && !host.endsWith(`.${base}`)) return false;
    } else if (host !== p.host) return false;
  }
  if (p.port !== undefined && (parsed.port || DEFAULT_PORTS[scheme]) !== p.port) return false;
  return globMatches(p.path, parsed.pathname + parsed.search);
}

/**
 * The pattern to register the guard and ask host permission with: the same without its port.
 * Firefox refuses a port in a match pattern, and Chrome's host permissions ignore it anyway; the
 * guard itself then checks the port (`isGuardedUrl`), so other ports of the host stay unguarded.
 */
export function permissionPattern(pattern: string): string {
  const p = parse(pattern);
  return p ? `${p.scheme}://${p.host}${p.path}` : pattern;
}

function globMatches(glob: string, path: string): boolean {
  const source = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, 's').test(path);
}

/** Whether KeyWard guards this URL by default (before extra or excluded sites). */
export function isDefaultSite(url: string | URL): boolean {
  return DEFAULT_SITES.some((p) => matchesPattern(p, url));
}

/**
 * Whether the guard runs on a URL: excluded (paused) sites never; then every site when `allSites`,
 * default sites and the user's or policy's extra sites.
 */
export function isGuardedUrl(url: string | URL, settings: SiteSettings): boolean {
  if (settings.excludedSites.some((p) => matchesPattern(p, url))) return false;
  if (settings.allSites && matchesPattern('<all_urls>', url)) return true;
  return isDefaultSite(url) || settings.extraSites.some((p) => matchesPattern(p, url));
}

/** The match pattern that stands for a page's whole site, e.g. `*://chat.example.com/*`; undefined for non-web URLs. */
export function sitePatternFor(url: string | URL): string | undefined {
  try {
    const parsed = typeof url === 'string' ? new URL(url) : url;
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
    return `*://${parsed.hostname}/*`;
  } catch {
    return undefined;
  }
}

/**
 * The host permission a page needs for the guard to run there: its own scheme and host, any port
 * (`https://intranet.example.com/*`), which "Guard this site" (`*://host/*`) and an added site with
 * a port (`permissionPattern`) both grant.
 */
export function originPatternFor(url: string): string | undefined {
  const site = sitePatternFor(url);
  return site && site.replace('*:', new URL(url).protocol);
}

/** Why a named key's site is refused (it must be an origin such as `https://vendor.example.com`), or undefined. */
export function checkOrigin(site: string): string | undefined {
  let url: URL;
  try {
    url = new URL(site);
  } catch {
    return t('site_notOrigin', JSON.stringify(site));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return t('site_notHttpOrigin', JSON.stringify(site));
  if (url.origin !== site) return t('site_notOnlyOrigin', JSON.stringify(site), JSON.stringify(url.origin));
  return undefined;
}

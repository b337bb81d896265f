/**
 * The one list of sites KeyWard guards, and the match-pattern logic every part of the extension
 * (content script manifest entry, background registration, popup) uses to decide about a URL.
 */

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

const PATTERN = /^(\*|https?|wss?|file|ftp):\/\/(\*|\*\.[^/*]+|[^/*]*)(\/.*)$/;

/**
 * Whether a match pattern covers whole sites (its path is `/*`): only such patterns may carry
 * `match_origin_as_fallback`, which guards the about:blank, srcdoc, blob: and data: documents and the
 * window.open('') popups a matching page makes.
 */
export function isWholeSitePattern(pattern: string): boolean {
  return /^[^:]+:\/\/[^/]*\/\*$/.test(pattern);
}

/** Whether a string is a match pattern KeyWard accepts (`<all_urls>` or scheme://host/path). */
export function isMatchPattern(pattern: string): boolean {
  return pattern === '<all_urls>' || PATTERN.test(pattern);
}

/**
 * Whether a URL matches a WebExtension match pattern (`<all_urls>`, `*://*.host/*`, `https://host/path*`).
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
  const m = PATTERN.exec(pattern);
  if (!m) return false;
  const [, patternScheme, patternHost = '', patternPath = '/'] = m;
  if (patternScheme === '*' ? scheme !== 'http' && scheme !== 'https' : scheme !== patternScheme) return false;
  const host = parsed.hostname.toLowerCase();
  if (patternHost !== '*') {
    if (patternHost.startsWith('*.')) {
      const base = patternHost.slice(2).toLowerCase();
      if (host !== base && !host.endsWith(`.${base}`)) return false;
    } else if (host !== patternHost.toLowerCase()) return false;
  }
  return globMatches(patternPath, parsed.pathname + parsed.search);
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

/** The host permission origin pattern for a page, as `permissions.request` wants it: `*://host/*`. */
export const originPatternFor = sitePatternFor;

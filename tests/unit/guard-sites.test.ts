import { describe, expect, it } from 'vitest';
import {
  checkMatchPattern,
  DEFAULT_SITES,
  isDefaultSite,
  isGuardedUrl,
  isMatchPattern,
  isWholeSitePattern,
  matchesPattern,
  originPatternFor,
  permissionPattern,
  sitePatternFor,
} from '../../utils/sites';

const none = { extraSites: [], excludedSites: [], allSites: false };

describe('the site list', () => {
  it('guards the chat and code-sharing sites of the issue, in any path', () => {
    for (const url of [
      'https://chatgpt.com/c/123',
      'https://chat.openai.com/',
      'https://claude.ai/new',
      'https://gemini.google.com/app',
      'https://copilot.microsoft.com/',
      'https://www.perplexity.ai/search',
      'https://poe.com/',
      'https://chat.mistral.ai/chat',
      'https://chat.deepseek.com/',
      'https://grok.com/',
      'https://huggingface.co/chat/',
      'https://discord.com/channels/1/2',
      'https://app.slack.com/client/T1/C1',
      'https://teams.microsoft.com/_#/conversations',
      'https://web.whatsapp.com/',
      'https://web.telegram.org/k/',
      'https://www.messenger.com/t/1',
      'https://github.com/o/r/issues/new',
      'https://gist.github.com/',
      'https://gitlab.com/o/r/-/issues/new',
      'https://bitbucket.org/o/r',
      'https://pastebin.com/',
      'https://paste.ee/',
      'https://dpaste.org/',
      'https://codepen.io/pen/',
      'https://jsfiddle.net/',
      'https://codesandbox.io/s/x',
      'https://stackblitz.com/edit/x',
      'https://replit.com/@u/x',
      'https://stackoverflow.com/questions/ask',
      'https://superuser.stackexchange.com/questions/ask',
      'https://security.stackexchange.com/',
      'https://www.reddit.com/r/x/submit',
      'https://old.reddit.com/',
      'https://www.toptal.com/developers/hastebin',
      'https://www.toptal.com/developers/hastebin/abc.js',
    ]) {
      expect(isDefaultSite(url), url).toBe(true);
    }
  });

  it('does not guard look-alikes or other paths of a listed host', () => {
    for (const url of [
      'https://example.org/',
      'https://github.com.evil.example/',
      'https://notgithub.com/',
      'https://www.toptal.com/developers/other',
      'https://stackexchange.com.evil.example/',
      'file:///tmp/x.html',
      'chrome://settings',
    ]) {
      expect(isDefaultSite(url), url).toBe(false);
    }
  });

  it('has only valid match patterns', () => {
    for (const p of DEFAULT_SITES) expect(isMatchPattern(p), p).toBe(true);
    expect(DEFAULT_SITES).toContain('*://*.stackexchange.com/*');
    expect(DEFAULT_SITES).toContain('https://www.toptal.com/developers/hastebin*');
  });
});

describe('isWholeSitePattern (the patterns that may match by the origin a frame or popup was made from)', () => {
  it('is true only for a path of /*', () => {
    expect(isWholeSitePattern('*://forum.example.org/*')).toBe(true);
    expect(isWholeSitePattern('https://*.example.org/*')).toBe(true);
    expect(isWholeSitePattern('*://*/*')).toBe(true);
    expect(isWholeSitePattern('https://www.toptal.com/developers/hastebin*')).toBe(false);
    expect(isWholeSitePattern('https://example.org/app/*')).toBe(false);
    expect(isWholeSitePattern('<all_urls>')).toBe(false);
  });
});

describe('isGuardedUrl', () => {
  it('adds extra sites and every site with allSites', () => {
    expect(isGuardedUrl('https://chat.example.com/x', none)).toBe(false);
    expect(isGuardedUrl('https://chat.example.com/x', { ...none, extraSites: ['*://chat.example.com/*'] })).toBe(true);
    expect(isGuardedUrl('https://any.example/', { ...none, allSites: true })).toBe(true);
  });

  it('lets a paused (excluded) site win over the default list, extra sites and allSites', () => {
    const paused = { extraSites: ['*://chat.example.com/*'], excludedSites: ['*://github.com/*', '*://chat.example.com/*'], allSites: true };
    expect(isGuardedUrl('https://github.com/o/r', paused)).toBe(false);
    expect(isGuardedUrl('https://chat.example.com/', paused)).toBe(false);
    expect(isGuardedUrl('https://gist.github.com/', paused)).toBe(true);
  });
});

describe('matchesPattern', () => {
  it('follows WebExtension match pattern rules', () => {
    expect(matchesPattern('*://*.example.com/*', 'http://example.com/')).toBe(true);
    expect(matchesPattern('*://*.example.com/*', 'https://a.b.example.com/x?q=1')).toBe(true);
    expect(matchesPattern('https://example.com/a*', 'http://example.com/a')).toBe(false);
    expect(matchesPattern('https://example.com/a*', 'https://example.com/b')).toBe(false);
    expect(matchesPattern('<all_urls>', 'https://x.y/')).toBe(true);
    expect(matchesPattern('not a pattern', 'https://x.y/')).toBe(false);
    expect(matchesPattern('*://*/*', 'not a url')).toBe(false);
  });

  it('matches a port as Chrome documents it: the one given, or any when none is', () => {
    const intranet = 'https://intranet.example.com:8443/*';
    expect(matchesPattern(intranet, 'https://intranet.example.com:8443/chat')).toBe(true);
    expect(matchesPattern(intranet, 'https://intranet.example.com/chat')).toBe(false);
    expect(matchesPattern(intranet, 'https://intranet.example.com:9443/chat')).toBe(false);
    expect(matchesPattern('https://intranet.example.com:443/*', 'https://intranet.example.com/')).toBe(true);
    expect(matchesPattern('*://intranet.example.com:*/*', 'http://intranet.example.com:8080/')).toBe(true);
    expect(matchesPattern('*://intranet.example.com/*', 'http://intranet.example.com:8080/')).toBe(true);
    expect(isGuardedUrl('https://intranet.example.com:8443/x', { extraSites: [intranet], excludedSites: [], allSites: false })).toBe(true);
  });

  it('accepts what it can match, and says why it refuses the rest', () => {
    for (const p of ['https://intranet.example.com:8443/*', '*://*.example.com:*/*', 'file:///tmp/*', '<all_urls>']) expect(checkMatchPattern(p), p).toBeUndefined();
    expect(checkMatchPattern('https://intranet.example.com:99999/*')).toMatch(/not a match pattern/);
    expect(checkMatchPattern('intranet.example.com')).toMatch(/not a match pattern/);
    expect(checkMatchPattern('https:///*')).toBe('has no host');
  });

  it('registers and asks permission without the port (Firefox refuses one; the guard checks it)', () => {
    expect(permissionPattern('https://intranet.example.com:8443/*')).toBe('https://intranet.example.com/*');
    expect(permissionPattern('*://*.example.com:*/app*')).toBe('*://*.example.com/app*');
    expect(permissionPattern('*://chat.example.com/*')).toBe('*://chat.example.com/*');
  });

  it('gives the whole-site pattern for a page', () => {
    expect(sitePatternFor('https://chat.example.com/a/b?c#d')).toBe('*://chat.example.com/*');
    expect(sitePatternFor('chrome-extension://abc/popup.html')).toBeUndefined();
    expect(originPatternFor('https://intranet.example.com:8443/chat')).toBe('https://intranet.example.com/*');
    expect(originPatternFor('chrome-extension://abc/popup.html')).toBeUndefined();
  });
});

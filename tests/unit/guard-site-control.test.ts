import { describe, expect, it } from 'vitest';
import { siteState } from '../../components/site-control';
import { wantedPatterns } from '../../entrypoints/background/sites';
import { DEFAULTS } from '../../utils/policy/defaults';
import type { Settings } from '../../utils/policy/schema';

const settings = (patch: Partial<Settings> = {}): Settings => ({ ...(structuredClone(DEFAULTS) as unknown as Settings), ...patch });

describe("the popup's site state", () => {
  it('guards default sites, and a paused one is paused', () => {
    expect(siteState('https://chatgpt.com/c/1', settings(), false)).toBe('guarded');
    expect(siteState('https://chatgpt.com/c/1', settings({ excludedSites: ['*://chatgpt.com/*'] }), false)).toBe('paused');
  });

  it('an added site needs its host permission before it is guarded', () => {
    const added = settings({ extraSites: ['*://chat.example.com/*'] });
    expect(siteState('https://chat.example.com/', added, false)).toBe('needs-permission');
    expect(siteState('https://chat.example.com/', added, true)).toBe('guarded');
    expect(siteState('https://other.example.com/', added, true)).toBe('unguarded');
  });
});

describe('run-time registration', () => {
  it('registers extra sites, or every site with allSites, and never invalid patterns', () => {
    expect(wantedPatterns(settings({ extraSites: ['*://a.example/*', 'nonsense', '*://a.example/*'] }))).toEqual(['*://a.example/*']);
    expect(wantedPatterns(settings({ allSites: true, extraSites: ['*://a.example/*'] }))).toEqual(['*://*/*']);
    expect(wantedPatterns(settings({ extraSites: ['https://intranet.example.com:8443/*'] }))).toEqual(['https://intranet.example.com/*']);
    expect(wantedPatterns(settings())).toEqual([]);
  });
});

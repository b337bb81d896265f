import { describe, expect, it } from 'vitest';
import { fingerprintFromInput, originFromInput, sitePatternFromInput } from '../../components/normalise-input';

describe('options input, normalised where the intent is clear', () => {
  it('a bare host or a page address becomes the site pattern', () => {
    expect(sitePatternFromInput(' pastebin.com ')).toBe('https://pastebin.com/*');
    expect(sitePatternFromInput('Chat.Example.ORG')).toBe('https://chat.example.org/*');
    expect(sitePatternFromInput('https://gitlab.example.com/group/project?x=1')).toBe('https://gitlab.example.com/*');
    expect(sitePatternFromInput('intranet.example.com:8443')).toBe('https://intranet.example.com:8443/*');
    expect(sitePatternFromInput('https://intranet.example.com:8443/chat')).toBe('https://intranet.example.com:8443/*');
  });

  it('a valid pattern is kept, and nonsense is left for the validator to explain', () => {
    expect(sitePatternFromInput('*://*.example.com/*')).toBe('*://*.example.com/*');
    expect(sitePatternFromInput('not a site')).toBe('not a site');
  });

  it("a named key's site: a bare host or a page address becomes its origin", () => {
    expect(originFromInput(' Vendor.Example.com ')).toBe('https://vendor.example.com');
    expect(originFromInput('http://vendor.example.com:8080/keys?x=1')).toBe('http://vendor.example.com:8080');
    expect(originFromInput('*://*.example.com/*')).toBe('*://*.example.com/*');
    expect(originFromInput('not a site')).toBe('not a site');
  });

  it('fingerprints are lower case without spaces', () => {
    expect(fingerprintFromInput(' 0123 4567 89AB CDEF ')).toBe('0123456789abcdef');
  });
});

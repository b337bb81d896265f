import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { startPolicy } from '../../entrypoints/background/policy';
import { EFFECTIVE_SETTINGS_KEY, USER_SETTINGS_KEY } from '../../utils/policy/defaults';
import { DEFAULT_SETTINGS } from '../../utils/policy/schema';
import { loadDetector } from '../../utils/detect/detector';
import { detectorFor } from '../../utils/policy/compute';
import { loadSettings, saveUserSettings, watchSettings, type EffectiveSettings } from '../../utils/policy/store';

beforeEach(() => {
  fakeBrowser.reset();
});

/** Starts the background's policy module and collects what a content script's watcher sees. */
function startWithWatcher() {
  const seen: EffectiveSettings[] = [];
  watchSettings((s) => seen.push(s));
  startPolicy();
  return seen;
}

describe('loadSettings / watchSettings', () => {
  it('before the background has computed anything, gives the defaults (which block)', async () => {
    const eff = await loadSettings();
    expect(eff.settings).toEqual(DEFAULT_SETTINGS);
    expect(eff.settings.actions.paste).toBe('block');
  });

  it('a policy change reaches watchers at once, with what it locks', async () => {
    const seen = startWithWatcher();
    await vi.waitFor(async () => expect((await loadSettings()).settings).toEqual(DEFAULT_SETTINGS));
    await fakeBrowser.storage.managed.set({ actions: { paste: 'warn' }, organization: { name: 'Acme' } });
    await vi.waitFor(() => expect(seen.at(-1)?.settings.actions.paste).toBe('warn'));
    expect(seen.at(-1)!.managed).toEqual(['actions', 'actions.paste', 'organization', 'organization.name']);
    expect(seen.at(-1)!.organization).toEqual({ name: 'Acme' });
    expect((await loadSettings()).settings.actions.paste).toBe('warn');
  });

  it('a bad policy field is reported with the field, and the rest of the policy applies', async () => {
    await fakeBrowser.storage.managed.set({ allowInsertAnyway: false, customPatterns: [{ name: 'slow', pattern: '(a+)+' }] });
    const seen = startWithWatcher();
    await vi.waitFor(() => expect(seen.at(-1)?.errors).toEqual([{ field: 'customPatterns[0]', message: expect.stringContaining('"slow" is refused') }]));
    expect(seen.at(-1)!.settings.allowInsertAnyway).toBe(false);
    expect(seen.at(-1)!.settings.customPatterns).toEqual([]);
  });

  it('a cached copy from another settings version is not trusted', async () => {
    await fakeBrowser.storage.local.set({ [EFFECTIVE_SETTINGS_KEY]: { v: 0, effective: { settings: { ...DEFAULT_SETTINGS, allowInsertAnyway: false } } } });
    expect((await loadSettings()).settings.allowInsertAnyway).toBe(true);
  });

  it('stops calling back once unsubscribed', async () => {
    const seen: EffectiveSettings[] = [];
    const stop = watchSettings((s) => seen.push(s));
    startPolicy();
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    stop();
    await fakeBrowser.storage.managed.set({ allSites: true });
    await vi.waitFor(async () => expect((await loadSettings()).settings.allSites).toBe(true));
    expect(seen).toHaveLength(1);
  });
});

describe('saveUserSettings', () => {
  it('saves valid changes, which every watcher then sees', async () => {
    const seen = startWithWatcher();
    const result = await saveUserSettings({ extraSites: ['https://chat.example.com/*'], actions: { typing: 'block' } as never });
    expect(result.ok).toBe(true);
    expect((await loadSettings()).settings.extraSites).toEqual(['https://chat.example.com/*']);
    expect((await loadSettings()).settings.actions).toEqual({ ...DEFAULT_SETTINGS.actions, typing: 'block' });
    await vi.waitFor(() => expect(seen.at(-1)?.settings.extraSites).toEqual(['https://chat.example.com/*']));
    // A later partial change of actions keeps the earlier one.
    await saveUserSettings({ actions: { paste: 'warn' } as never });
    expect((await loadSettings()).settings.actions).toMatchObject({ paste: 'warn', typing: 'block' });
  });

  it('refuses invalid input as a whole, naming the field, and saves nothing', async () => {
    const result = await saveUserSettings({ allowlist: ['not-a-fingerprint'], allowInsertAnyway: false });
    expect(result).toEqual({ ok: false, errors: [{ field: 'allowlist[0]', message: expect.stringContaining('16 lowercase hex digits') }] });
    expect((await fakeBrowser.storage.local.get(USER_SETTINGS_KEY))[USER_SETTINGS_KEY]).toBeUndefined();
    expect((await loadSettings()).settings.allowInsertAnyway).toBe(true);
  });

  it('refuses to change a field the policy sets, naming the organisation', async () => {
    await fakeBrowser.storage.managed.set({ actions: { paste: 'block' }, allowInsertAnyway: false, organization: { name: 'Acme' } });
    const result = await saveUserSettings({ actions: { paste: 'off' } as never, allowInsertAnyway: true });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([
      { field: 'actions.paste', message: 'is set by Acme and cannot be changed' },
      { field: 'allowInsertAnyway', message: 'is set by Acme and cannot be changed' },
    ]);
    expect((await saveUserSettings({ actions: { typing: 'off' } as never })).ok).toBe(true);
    const eff = await loadSettings();
    expect(eff.settings.actions).toMatchObject({ paste: 'block', typing: 'off' });
    expect(eff.settings.allowInsertAnyway).toBe(false);
  });

  it('refuses everything when users may not change settings', async () => {
    await fakeBrowser.storage.managed.set({ userMayChange: false });
    const result = await saveUserSettings({ retention: { maxAgeDays: 30 } as never });
    expect(result).toEqual({ ok: false, errors: [{ field: '(all)', message: 'your organisation does not allow changing settings' }] });
  });

  it('refuses organisation settings from a user', async () => {
    const result = await saveUserSettings({ organization: { name: 'Me' } });
    expect(!result.ok && result.errors[0]!.field).toBe('organization');
  });
});

describe('the detector the settings call for', () => {
  it('switches providers off and carries the custom patterns, checked, with their flags', () => {
    const spec = detectorFor({ ...DEFAULT_SETTINGS, providers: { aws: false }, customPatterns: [{ name: 'Acme', pattern: 'acme_[a-z]{6}', flags: 'i' }] });
    expect(spec).toEqual({ off: ['aws'], custom: [{ name: 'Acme', source: 'acme_[a-z]{6}', flags: 'gi', literal: null }] });
    expect(loadDetector(spec).findKeys('x ACME_abcdef y').map((f) => f.key)).toEqual(['ACME_abcdef']);
  });

  it('is computed with the settings and reaches content scripts through the cache', async () => {
    await fakeBrowser.storage.managed.set({ customPatterns: [{ name: 'Acme', pattern: 'acme_[a-z]{6}' }] });
    startPolicy();
    await vi.waitFor(async () => expect((await loadSettings()).detector?.custom).toEqual([{ name: 'Acme', source: 'acme_[a-z]{6}', flags: 'g', literal: 'acme_' }]));
    const detector = loadDetector((await loadSettings()).detector);
    expect(detector.findKeys('a acme_abcdef b').map((f) => f.rule)).toEqual(['custom:Acme']);
  });
});

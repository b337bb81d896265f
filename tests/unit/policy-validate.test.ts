import { describe, expect, it } from 'vitest';
import { checkCustomPattern } from '../../utils/detect/custom-check';
import { isLocked } from '../../utils/policy/locked';
import { mergeSettings } from '../../utils/policy/merge';
import { DEFAULT_SETTINGS } from '../../utils/policy/schema';
import { validateSettings } from '../../utils/policy/validate';

const none = validateSettings({}, 'user');
/** The settings in force for a policy alone (no user settings). */
const underPolicy = (policy: unknown) => mergeSettings(none, validateSettings(policy, 'policy', checkCustomPattern));
const errorFor = (policy: unknown, field: string) => underPolicy(policy).errors.find((e) => e.field === field);

describe('a valid policy', () => {
  it('applies every field it sets and reports nothing', () => {
    const policy = {
      actions: { paste: 'warn', typing: 'off' },
      allowInsertAnyway: false,
      requireJustification: true,
      extraSites: ['https://chat.example.com/*'],
      excludedSites: ['https://*.internal.example/*'],
      providers: { aws: false },
      allowlist: ['0123456789abcdef'],
      customPatterns: [{ name: 'Acme token', pattern: 'acme_[a-z0-9]{24}' }],
      retention: { maxAgeDays: 30 },
      organization: { name: 'Acme', helpUrl: 'https://help.acme.example/keys' },
      userMayChange: false,
    };
    const { settings, errors, organization } = underPolicy(policy);
    expect(errors).toEqual([]);
    expect(settings.actions).toEqual({ ...DEFAULT_SETTINGS.actions, paste: 'warn', typing: 'off' });
    expect(settings.allowInsertAnyway).toBe(false);
    expect(settings.requireJustification).toBe(true);
    expect(settings.extraSites).toEqual(['https://chat.example.com/*']);
    expect(settings.providers).toEqual({ aws: false });
    expect(settings.allowlist).toEqual(['0123456789abcdef']);
    expect(settings.customPatterns).toEqual([{ name: 'Acme token', pattern: 'acme_[a-z0-9]{24}' }]);
    expect(settings.retention).toEqual({ maxSightings: 10_000, maxAgeDays: 30 });
    expect(organization).toEqual({ name: 'Acme', helpUrl: 'https://help.acme.example/keys' });
    expect(settings.userMayChange).toBe(false);
  });

  it('with nothing set gives the defaults, nothing locked', () => {
    expect(underPolicy({})).toEqual({ settings: DEFAULT_SETTINGS, managed: [], errors: [], organization: {} });
    expect(underPolicy(undefined).settings).toEqual(DEFAULT_SETTINGS);
  });
});

describe('an invalid policy field', () => {
  it('an unknown action falls back to block, names the field, and the rest still applies', () => {
    const eff = underPolicy({ actions: { paste: 'explode', drop: 'warn' }, allowInsertAnyway: false });
    expect(eff.settings.actions.paste).toBe('block');
    expect(eff.settings.actions.drop).toBe('warn');
    expect(eff.settings.allowInsertAnyway).toBe(false);
    expect(eff.errors).toEqual([{ field: 'actions.paste', message: expect.stringContaining('"block", "warn", "redact", "off"') }]);
    expect(eff.errors[0]!.message).toContain('explode');
    expect(isLocked(eff, 'actions.paste')).toBe(true);
  });

  it('a mistyped action object locks every action at block', () => {
    const eff = underPolicy({ actions: 'warn' });
    expect(Object.values(eff.settings.actions)).toEqual(['block', 'block', 'block', 'block', 'block']);
    expect(eff.errors[0]).toEqual({ field: 'actions', message: expect.stringContaining('must be an object') });
    expect(isLocked(eff, 'actions.typing')).toBe(true);
  });

  it.each([
    ['allowInsertAnyway', 'yes', false],
    ['requireJustification', 1, true],
    ['allSites', 'true', true],
    ['userMayChange', null, false],
  ] as const)('wrong type for %s falls back to its most protective value', (field, value, fallback) => {
    const eff = underPolicy({ [field]: value, providers: { aws: false } });
    expect(eff.settings[field]).toBe(fallback);
    expect(eff.errors).toEqual([{ field, message: expect.stringContaining('must be true or false') }]);
    expect(eff.settings.providers).toEqual({ aws: false });
    expect(eff.managed).toContain(field);
  });

  it('a custom pattern that does not compile is dropped and reported; valid ones stay', () => {
    const eff = underPolicy({
      customPatterns: [
        { name: 'broken', pattern: 'acme_[a-z' },
        { name: 'ok', pattern: 'acme_[a-z0-9]{24}' },
      ],
    });
    expect(eff.settings.customPatterns.map((p) => p.name)).toEqual(['ok']);
    expect(eff.errors).toEqual([{ field: 'customPatterns[0]', message: expect.stringMatching(/"broken" is refused: pattern does not compile/) }]);
  });

  it('a custom pattern that can backtrack catastrophically is dropped and reported', () => {
    const eff = underPolicy({ customPatterns: [{ name: 'slow', pattern: '(a+)+b' }] });
    expect(eff.settings.customPatterns).toEqual([]);
    expect(eff.errors[0]).toEqual({ field: 'customPatterns[0]', message: expect.stringContaining('repeated group') });
  });

  it('a custom pattern without a name or with bad flags is dropped and reported', () => {
    const eff = underPolicy({ customPatterns: [{ pattern: 'x_[0-9]{8}' }, { name: 'f', pattern: 'x_[0-9]{8}', flags: 'gx' }] });
    expect(eff.settings.customPatterns).toEqual([]);
    expect(eff.errors.map((e) => e.field)).toEqual(['customPatterns[0]', 'customPatterns[1]']);
    expect(eff.errors[0]!.message).toMatch(/^name /);
    expect(eff.errors[1]!.message).toMatch(/^flags /);
  });

  it('oversized lists: protective lists are truncated, loosening lists are dropped whole', () => {
    const sites = Array.from({ length: 501 }, (_, i) => `https://s${i}.example.com/*`);
    const fps = Array.from({ length: 1001 }, (_, i) => i.toString(16).padStart(16, '0'));
    const patterns = Array.from({ length: 51 }, (_, i) => ({ name: `p${i}`, pattern: `p${i}_[0-9]{10}` }));
    const eff = underPolicy({ extraSites: sites, excludedSites: sites, allowlist: fps, customPatterns: patterns });
    expect(eff.settings.extraSites).toHaveLength(500);
    expect(eff.settings.customPatterns).toHaveLength(50);
    expect(eff.settings.excludedSites).toEqual([]);
    expect(eff.settings.allowlist).toEqual([]);
    const byField = Object.fromEntries(eff.errors.map((e) => [e.field, e.message]));
    expect(byField.extraSites).toMatch(/501 entries, more than the 500 allowed; only the first 500 apply/);
    expect(byField.customPatterns).toMatch(/only the first 50 apply/);
    expect(byField.excludedSites).toMatch(/whole list is ignored/);
    expect(byField.allowlist).toMatch(/1001 entries.*whole list is ignored/);
  });

  it('bad list entries are dropped one by one, naming their index', () => {
    const eff = underPolicy({
      extraSites: ['https://ok.example/*', 'not a pattern', 42],
      allowlist: ['0123456789abcdef', 'ABCDEF0123456789', 'short'],
      providers: { aws: false, openai: 'no', 'Bad Id!': false },
    });
    expect(eff.settings.extraSites).toEqual(['https://ok.example/*']);
    expect(eff.settings.allowlist).toEqual(['0123456789abcdef']);
    expect(eff.settings.providers).toEqual({ aws: false });
    expect(eff.errors.map((e) => e.field)).toEqual([
      'extraSites[1]',
      'extraSites[2]',
      'allowlist[1]',
      'allowlist[2]',
      'providers.openai',
      'providers.Bad Id!',
    ]);
    expect(eff.errors.find((e) => e.field === 'providers.openai')!.message).toMatch(/stays on/);
  });

  it('a named key needs a fingerprint, a name and sites that are origins', () => {
    const good = { fingerprint: '0123456789abcdef', name: 'Acme vendor key', sites: ['https://vendor.example.com'] };
    const policy = {
      namedKeys: [good, { ...good, fingerprint: 'ABC' }, { ...good, name: '' }, { ...good, sites: ['https://vendor.example.com/keys'] }, { ...good, sites: ['vendor.example.com'] }],
    };
    const eff = underPolicy(policy);
    expect(eff.settings.namedKeys).toEqual([good]);
    const messages = Object.fromEntries(eff.errors.map((e) => [e.field, e.message]));
    expect(messages['namedKeys[1]']).toMatch(/^fingerprint /);
    expect(messages['namedKeys[2]']).toMatch(/^name must not be empty/);
    expect(messages['namedKeys[3]']).toContain('write it as "https://vendor.example.com"');
    expect(messages['namedKeys[4]']).toContain('is not a site like');
  });

  it('a list given as something else becomes its most protective empty value', () => {
    const eff = underPolicy({ excludedSites: 'https://x.example/*', allowlist: { a: 1 } });
    expect(eff.settings.excludedSites).toEqual([]);
    expect(eff.settings.allowlist).toEqual([]);
    expect(errorFor({ allowlist: 5 }, 'allowlist')!.message).toMatch(/must be a list/);
  });

  it('retention out of range keeps its default; an organisation link that is not http(s) is not shown', () => {
    const eff = underPolicy({ retention: { maxSightings: 5, maxAgeDays: 2.5 }, organization: { name: 'Acme', helpUrl: 'javascript:alert(1)' } });
    expect(eff.settings.retention).toEqual(DEFAULT_SETTINGS.retention);
    expect(eff.organization).toEqual({ name: 'Acme' });
    expect(eff.errors.map((e) => e.field)).toEqual(['retention.maxSightings', 'retention.maxAgeDays', 'organization.helpUrl']);
    expect(eff.errors[0]!.message).toBe('must be at least 100');
    expect(eff.errors[1]!.message).toMatch(/whole number/);
  });

  it('unknown settings are reported and ignored', () => {
    const eff = underPolicy({ allowInsertAnyWay: false, actions: { chat: 'off' } });
    expect(eff.errors).toEqual([
      { field: 'allowInsertAnyWay', message: expect.stringContaining('not a KeyWard setting') },
      { field: 'actions.chat', message: expect.stringContaining('event kinds: paste, drop, typing, submit, upload') },
    ]);
    expect(eff.settings).toEqual(DEFAULT_SETTINGS);
  });

  it('a policy that is not an object is reported and the defaults apply', () => {
    const eff = underPolicy(['block']);
    expect(eff.errors).toEqual([{ field: '(policy)', message: expect.stringContaining('must be an object') }]);
    expect(eff.settings).toEqual(DEFAULT_SETTINGS);
  });
});

describe('precedence: policy, then user, then defaults', () => {
  const user = validateSettings(
    { actions: { paste: 'off', typing: 'block' }, allowInsertAnyway: false, extraSites: ['https://mine.example/*'], retention: { maxAgeDays: 7 } },
    'user',
  );

  it('user settings apply where the policy is silent', () => {
    const eff = mergeSettings(user, validateSettings({}, 'policy'));
    expect(eff.settings.actions).toEqual({ ...DEFAULT_SETTINGS.actions, paste: 'off', typing: 'block' });
    expect(eff.settings.allowInsertAnyway).toBe(false);
    expect(eff.settings.extraSites).toEqual(['https://mine.example/*']);
    expect(eff.settings.retention.maxAgeDays).toBe(7);
  });

  it('policy beats user field by field, inside objects too', () => {
    const eff = mergeSettings(user, validateSettings({ actions: { paste: 'block' }, allowInsertAnyway: true }, 'policy'));
    expect(eff.settings.actions.paste).toBe('block');
    expect(eff.settings.actions.typing).toBe('block'); // the user's, not locked
    expect(eff.settings.allowInsertAnyway).toBe(true);
    expect(eff.settings.extraSites).toEqual(['https://mine.example/*']);
    expect(isLocked(eff, 'actions.paste')).toBe(true);
    expect(isLocked(eff, 'actions.typing')).toBe(false);
    expect(isLocked(eff, 'actions')).toBe(true);
    expect(isLocked(eff, 'extraSites')).toBe(false);
  });

  it('userMayChange: false ignores every user setting and locks everything', () => {
    const eff = mergeSettings(user, validateSettings({ userMayChange: false }, 'policy'));
    expect(eff.settings).toEqual({ ...DEFAULT_SETTINGS, userMayChange: false });
    expect(isLocked(eff, 'extraSites')).toBe(true);
    expect(isLocked(eff, 'actions.typing')).toBe(true);
  });

  it('a user cannot name an organisation or unlock settings', () => {
    const sneaky = validateSettings({ organization: { name: 'Me' }, userMayChange: true }, 'user');
    const eff = mergeSettings(sneaky, validateSettings({ userMayChange: false }, 'policy'));
    expect(eff.organization).toEqual({});
    expect(eff.settings.userMayChange).toBe(false);
    expect(mergeSettings(sneaky, validateSettings({}, 'policy')).organization).toEqual({});
  });

  it('invalid user settings are left out, so defaults apply', () => {
    const bad = validateSettings({ actions: { paste: 'nope' }, allowInsertAnyway: 'x', excludedSites: Array(600).fill('https://a.example/*') }, 'user');
    const eff = mergeSettings(bad, validateSettings({}, 'policy'));
    expect(eff.settings).toEqual(DEFAULT_SETTINGS);
  });
});

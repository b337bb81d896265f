import { fingerprint, redact } from '../../utils/detect';
import { EXAMPLE_POLICY } from '../../utils/policy/admin-docs';
import { randomString, seededRng } from '../helpers/keys';
import { expect, launch, test, type KwBrowser, type KwPage } from './fixtures';
import { GuardPage, testKey } from './guard-helpers';
import { addEntry, errorNextTo, savedIn, setRetention } from './options-page';

/**
 * Team policy through the browsers' real managed-policy mechanisms: Chromium reads
 * /etc/chromium/policies/managed/*.json, Firefox a managed-storage manifest (see harness/).
 * One file, serial: Chromium's policy directory is machine-wide (the harness gives each policy
 * launch its own extension id, so other tests running at the same time are not affected).
 */
test.describe.configure({ mode: 'serial' });

/**
 * Launches a browser with `policy`, waits until KeyWard has applied it, runs `body`, and always
 * closes (which removes the policy file). Chromium loads extension policy a few seconds after start.
 */
async function withPolicy(engine: 'chromium' | 'firefox', policy: Record<string, unknown>, body: (kw: KwBrowser) => Promise<void>) {
  const kw = await launch(engine, { policy });
  try {
    await waitForEffective(kw, (e) => e.managed.length > 0 || e.errors.length > 0);
    await body(kw);
  } finally {
    await kw.close();
  }
}

interface CachedEffective {
  settings: { actions: Record<string, string>; allowInsertAnyway: boolean };
  managed: string[];
  errors: unknown[];
}

/** Waits until the settings KeyWard applies (its cache in storage.local, see utils/policy/store.ts) satisfy `ready`. */
async function waitForEffective(kw: KwBrowser, ready: (e: CachedEffective) => boolean, timeout = 20_000): Promise<void> {
  const page = await kw.openExtensionPage('popup.html');
  const read = () =>
    page.evaluate(async () => {
      type StorageApi = { storage: { local: { get(key: string): Promise<Record<string, { effective: unknown } | undefined>> } } };
      const scope = globalThis as unknown as { browser?: StorageApi; chrome: StorageApi };
      return (await (scope.browser ?? scope.chrome).storage.local.get('keyward:effective'))['keyward:effective']?.effective ?? null;
    });
  await expect.poll(async () => {
    const effective = (await read()) as CachedEffective | null;
    return effective !== null && ready(effective);
  }, { timeout, message: 'KeyWard applies the policy' }).toBe(true);
  await page.close();
}

/** The popup's policy banner text, once it shows `needle`. */
async function bannerText(kw: KwBrowser, needle: string): Promise<string> {
  const popup = await kw.openExtensionPage('popup.html');
  return popup.waitFor((n) => {
    const text = document.querySelector<HTMLElement>('[data-policy-banner]')?.innerText ?? '';
    return text.includes(n) ? text : '';
  }, needle);
}

test.describe('a managed policy', () => {
  test('that sets warn lets a paste through, with the alert', async ({ engine }) => {
    await withPolicy(engine, { actions: { paste: 'warn' }, organization: { name: 'Acme Corp' } }, async (kw) => {
      const { key, redacted } = testKey(501);
      const g = await GuardPage.open(kw, 'chatgpt');
      await g.paste('composer', `config ${key} end`);
      const alert = await g.waitAlert('warn');
      expect(alert.buttons).toEqual(expect.arrayContaining(['Remove key', 'Dismiss']));
      expect(alert.text).toContain(redacted);
      await expect.poll(() => g.text('composer')).toContain(key);
      expect(await bannerText(kw, 'Acme Corp')).toMatch(/Managed by Acme Corp/);
    });
  });

  test('that forbids override shows no "Insert anyway"', async ({ engine }) => {
    await withPolicy(engine, { allowInsertAnyway: false }, async (kw) => {
      const { key } = testKey(502);
      const g = await GuardPage.open(kw, 'issue');
      await g.paste('body', key);
      const alert = await g.waitAlert('block');
      expect(alert.buttons).toEqual(expect.arrayContaining(['Insert with key redacted', 'Cancel']));
      expect(alert.buttons).not.toContain('Insert anyway');
      expect(await g.text('body')).not.toContain(key);
    });
  });

  test("with a custom pattern catches an organisation's internal token format", async ({ engine }) => {
    const token = `acmetok_${randomString(seededRng(503), 'abcdefghijklmnopqrstuvwxyz0123456789', 24)}`;
    await withPolicy(engine, { customPatterns: [{ name: 'Acme internal token', pattern: 'acmetok_[a-z0-9]{24}' }] }, async (kw) => {
      const g = await GuardPage.open(kw, 'issue');
      await g.paste('body', `token: ${token}`);
      const alert = await g.waitAlert('block');
      expect(alert.text).toContain(redact(token));
      expect(alert.text).not.toContain(token);
      expect(await g.text('body')).not.toContain(token);
      expect(await g.pageSaw(token)).toBe(false);
    });
  });

  test('with an allowlisted fingerprint lets that key pass without an alert', async ({ engine }) => {
    const { key } = testKey(504);
    const other = testKey(505);
    await withPolicy(engine, { allowlist: [await fingerprint(key)] }, async (kw) => {
      const g = await GuardPage.open(kw, 'issue');
      await g.paste('body', `allowed ${key}`);
      await expect.poll(() => g.text('body')).toContain(key);
      expect(await g.alert()).toBeNull();
      // A key not on the list is still blocked, so the guard was on all along.
      await g.paste('body', other.key);
      await g.waitAlert('block');
      expect(await g.text('body')).not.toContain(other.key);
    });
  });

  test('that is invalid shows its errors, and the guard still blocks', async ({ engine }) => {
    const policy = {
      actions: { paste: 'explode' },
      customPatterns: [{ name: 'slow', pattern: '(a+)+$' }],
      allowlist: 'everything',
      organization: { name: 'Acme Corp' },
    };
    await withPolicy(engine, policy, async (kw) => {
      // The popup: one plain line, the details in the settings.
      const problems = engine === 'firefox' ? 3 : 2;
      const banner = await bannerText(kw, 'problems');
      expect(banner).toContain(`Your organisation's settings have ${problems} problems; KeyWard uses its safest choice for each.`);
      expect(banner).not.toContain('explode');

      // The options page: the same line, and the details for admins behind a disclosure.
      const options = await kw.openExtensionPage('options.html');
      await options.waitFor(() => !!document.querySelector('[data-policy-banner] details summary'));
      await options.click('[data-policy-banner] details summary');
      const optionsText = await options.waitFor(() => {
        const t = document.querySelector<HTMLElement>('[data-policy-banner]')?.innerText ?? '';
        return t.includes('customPatterns[0]') ? t : '';
      });
      expect(optionsText).toContain('actions.paste');
      expect(optionsText).toContain('explode');
      expect(optionsText).toMatch(/customPatterns\[0\][^\n]*"slow" is refused/);
      // Chromium checks types against managed_schema.json itself and drops a mistyped value before
      // KeyWard sees it (chrome://policy shows that error); Firefox hands it over for KeyWard to report.
      if (engine === 'firefox') expect(optionsText).toMatch(/allowlist must be a list/);

      const { key } = testKey(506);
      const g = await GuardPage.open(kw, 'issue');
      await g.paste('body', key);
      await g.waitAlert('block');
      expect(await g.text('body')).not.toContain(key);
    });
  });
});

test.describe('the example policy in docs/admin.md', () => {
  test('applies with no errors, names the organisation, and catches its custom token', async ({ engine }) => {
    const token = `excorp_${randomString(seededRng(509), 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 32)}`;
    await withPolicy(engine, EXAMPLE_POLICY, async (kw) => {
      const banner = await bannerText(kw, 'Example Corp');
      expect(banner).toContain('Managed by Example Corp');
      expect(banner).not.toMatch(/invalid/);
      const g = await GuardPage.open(kw, 'issue');
      await g.paste('body', token);
      const alert = await g.waitAlert('block');
      expect(alert.text).toContain(redact(token));
    });
  });
});

test.describe('the options page under a policy', () => {
  test('marks and disables managed settings, leaves the rest editable', async ({ engine }) => {
    const customPatterns = [{ name: 'Acme build token', pattern: 'acmebuild_[a-z0-9]{32}' }];
    await withPolicy(engine, { actions: { paste: 'block' }, allowInsertAnyway: false, organization: { name: 'Acme Corp' }, customPatterns }, async (kw) => {
      const options = await kw.openExtensionPage('options.html');
      await options.waitFor(() => document.querySelector('#action-paste') !== null);
      // The organisation's own key formats are listed, read-only, with who set them.
      expect(
        await options.evaluate(() => {
          const section = document.querySelector('.section-customPatterns');
          return {
            items: [...(section?.querySelectorAll('.custom-patterns li') ?? [])].map((li) => li.textContent),
            mark: section?.querySelector('.managed-mark')?.textContent,
            editable: section?.querySelectorAll('input, button').length,
          };
        }),
      ).toEqual({ items: ['Acme build token: acmebuild_[a-z0-9]{32}'], mark: 'Set by Acme Corp', editable: 0 });
      const state = await options.evaluate(() => {
        const row = (id: string) => document.querySelector(`#${id}`)!.closest('td, p')!;
        return {
          pasteDisabled: document.querySelector<HTMLSelectElement>('#action-paste')!.disabled,
          pasteMark: row('action-paste').querySelector('.managed-mark')?.textContent ?? null,
          typingDisabled: document.querySelector<HTMLSelectElement>('#action-typing')!.disabled,
          typingMarked: row('action-typing').querySelector('.managed-mark') !== null,
          anywayDisabled: document.querySelector<HTMLInputElement>('input[name="allowInsertAnyway"]')!.disabled,
          anywayMark: document.querySelector('input[name="allowInsertAnyway"]')!.closest('p')!.querySelector('.managed-mark')?.textContent ?? null,
          banner: document.querySelector<HTMLElement>('[data-policy-banner]')?.innerText ?? '',
        };
      });
      expect(state).toEqual({
        pasteDisabled: true,
        pasteMark: 'Set by Acme Corp',
        typingDisabled: false,
        typingMarked: false,
        anywayDisabled: true,
        anywayMark: 'Set by Acme Corp',
        banner: expect.stringContaining('Managed by Acme Corp'),
      });
    });
  });

  test('refuses invalid input with a message next to the field, and saves nothing', async ({ engine }) => {
    await withPolicy(engine, { organization: { name: 'Acme Corp' } }, async (kw) => {
      const options = await kw.openExtensionPage('options.html');
      await options.waitFor(() => document.querySelector('#allowlist-input') !== null);
      await addEntry(options, 'allowlist', 'not-a-fingerprint');
      expect(await errorNextTo(options, 'allowlist-input')).toMatch(/16 lowercase hex digits/);
      await addEntry(options, 'excludedSites', 'intranet without scheme');
      expect(await errorNextTo(options, 'excludedSites-input')).toMatch(/is not a match pattern/);
      expect(await storedUserSettings(options)).toBeUndefined();

      // The same fields accept valid input, so the refusals above were about the values.
      await addEntry(options, 'excludedSites', 'https://intranet.example/*');
      await options.waitFor(() => document.querySelector('.list-excludedSites li code')?.textContent === 'https://intranet.example/*');
      expect(await storedUserSettings(options)).toEqual({ excludedSites: ['https://intranet.example/*'] });
      expect(await options.evaluate(() => document.querySelector('#excludedSites-error') !== null)).toBe(false);
      // Where the intent is clear, input is normalised: a bare host means that site.
      await addEntry(options, 'excludedSites', 'Pastebin.com');
      expect(
        await options.waitFor(() => [...document.querySelectorAll('.list-excludedSites li code')].some((c) => c.textContent === 'https://pastebin.com/*') || undefined),
      ).toBe(true);

      // Retention: plain words naming the field as the page labels it, and nothing saved; then a grouped number is taken.
      const before = await storedUserSettings(options);
      await setRetention(options, 'ten thousand');
      expect(await errorNextTo(options, 'retention-maxSightings')).toBe('Most sightings kept must be a whole number, such as 10000.');
      await setRetention(options, '50');
      // The first message stays until this one replaces it.
      await options.waitFor(() => document.querySelector('#retention-error')?.textContent?.includes('at least') || undefined);
      expect(await errorNextTo(options, 'retention-maxSightings')).toMatch(/^Most sightings kept must be at least 100\b/);
      expect(await storedUserSettings(options)).toEqual(before);
      await setRetention(options, '20,000');
      expect(await savedIn(options, 'retention')).toEqual({ text: 'Saved.', live: 'polite' });
      expect(await storedUserSettings(options)).toMatchObject({ retention: { maxSightings: 20000, maxAgeDays: 365 } });
      expect(await options.evaluate(() => document.querySelector('#retention-error') !== null)).toBe(false);
    });
  });
});

test.describe('a policy change', () => {
  test('takes effect in an open tab without a reload', async ({ engine }) => {
    // Chromium: the policy file is rewritten and chrome://policy's "Reload policies" clicked.
    test.skip(
      engine === 'firefox',
      'Firefox reads the managed-storage manifest once per session (storage.managed.get keeps returning the old policy after the file changes), so a change applies on restart.',
    );
    await withPolicy(engine, { actions: { paste: 'warn' } }, async (kw) => {
      const g = await GuardPage.open(kw, 'issue');
      const first = testKey(507);
      await g.paste('body', first.key);
      await g.waitAlert('warn');
      await g.clickAlert('Dismiss');
      await g.waitNoAlert();

      await g.page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
      (kw as KwBrowser & { setPolicy(policy: Record<string, unknown>): void }).setPolicy({ actions: { paste: 'block' }, allowInsertAnyway: false });
      await reloadChromiumPolicies(kw);
      await waitForEffective(kw, (e) => e.settings.actions.paste === 'block' && e.settings.allowInsertAnyway === false);

      const second = testKey(508);
      await g.paste('body', second.key);
      const alert = await g.waitAlert('block');
      expect(alert.buttons).not.toContain('Insert anyway');
      expect(await g.text('body')).not.toContain(second.key);
      expect(await g.page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    });
  });
});

/**
 * Asks Chromium to re-read its policy files, as an admin would: chrome://policy, "Reload policies".
 * (Chromium also watches the directory and re-reads a few seconds after a change.)
 */
async function reloadChromiumPolicies(kw: KwBrowser): Promise<void> {
  const page = (await kw.newPage()) as KwPage & { raw: import('@playwright/test').Page };
  await page.goto('chrome://policy');
  await page.raw.getByRole('button', { name: /reload policies/i }).click({ timeout: 10_000 });
  await page.close();
}

function storedUserSettings(page: KwPage): Promise<unknown> {
  return page.evaluate(async () => {
    type StorageApi = { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } };
    const scope = globalThis as unknown as { browser?: StorageApi; chrome: StorageApi };
    return (await (scope.browser ?? scope.chrome).storage.local.get('keyward:settings'))['keyward:settings'];
  });
}

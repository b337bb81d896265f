import { fingerprint } from '../../utils/detect/fingerprint';
import { expect, poll, test } from './fixtures';
import { GuardPage, setUserSettings, testKey } from './guard-helpers';
import { overview } from './inventory-helpers';

/**
 * A key handed over on purpose: the user names it on its page and ticks the site where it belongs.
 * A paste there goes through with no alert and is "given", not an exposure; the same key pasted
 * anywhere else is stopped, and the alert says which key it is and where it is meant to go.
 */
test('a named key is given on the site it is meant for, and named in the alert anywhere else', async ({ kw }) => {
  const { key, redacted } = testKey(801);
  const vendor = await GuardPage.open(kw, 'issue');
  expect(await vendor.realPaste('body', key), 'the browser wrote the system clipboard').toBe(true);
  await vendor.waitAlert('block');
  await vendor.clickAlert('Cancel');
  await vendor.waitNoAlert();

  const popup = await kw.openExtensionPage('popup.html');
  const seen = await poll(async () => (await overview(popup)).keys.find((k) => k.redacted === redacted), 10_000, 'the sighting to reach the inventory');
  await popup.goto(`${kw.extensionOrigin}/popup.html#/key/${seen!.fingerprint}`);
  await popup.waitFor(() => !!document.querySelector('form.name-key input[name="meant-for"][value="https://github.com"]'));
  await popup.evaluate(() => {
    document.querySelector<HTMLInputElement>('input[name="key-name"]')!.value = 'Acme vendor key';
    document.querySelector<HTMLInputElement>('input[name="meant-for"][value="https://github.com"]')!.checked = true;
  });
  await popup.click('form.name-key button[type="submit"]');
  expect(await popup.waitFor(() => document.querySelector('.named-note')?.textContent || undefined)).toBe('Saved.');
  expect(await popup.waitFor(() => document.querySelector('#key-title .key-name')?.textContent || undefined)).toContain('Acme vendor key');

  // A page opened now has the new settings (the guard marks the page once they are in).
  const again = await GuardPage.open(kw, 'issue');
  expect(await again.realPaste('body', `mine: ${key}`)).toBe(true);
  await expect.poll(() => again.text('body'), { message: 'the paste to go through whole' }).toContain(key);
  expect(await again.alert(), 'no alert where the key is meant to go').toBeNull();

  const elsewhere = await GuardPage.open(kw, 'chatgpt');
  expect(await elsewhere.realPaste('composer', key)).toBe(true);
  const alert = await elsewhere.waitAlert('block');
  expect(alert.text).toContain('Your key “Acme vendor key” is meant for github.com, not this site.');
  await elsewhere.clickAlert('Cancel');
  expect(await elsewhere.pageSaw(key)).toBe(false);

  const named = await poll(async () => {
    const k = (await overview(popup)).keys.find((k) => k.fingerprint === seen!.fingerprint);
    return k && (k.outcomes.blocked ?? 0) === 2 && k.outcomes.given === 1 ? k : undefined;
  }, 10_000, 'the given and the blocked sightings');
  expect(named!.name).toBe('Acme vendor key');
  const list = await kw.openExtensionPage('popup.html');
  const row = await list.waitFor(() => {
    const li = document.querySelector('li.key');
    const tag = li?.querySelector<HTMLElement>('.tag.status');
    return tag ? { name: li!.querySelector('.key-name')?.textContent, status: tag.dataset.status, text: tag.textContent } : undefined;
  });
  expect(row).toEqual({ name: 'Acme vendor key ', status: 'given', text: 'Given on purpose' });
});

test('the options page lists the keys given on purpose, and taking a name back there ends it', async ({ kw }) => {
  const { key } = testKey(802);
  const options = await kw.openExtensionPage('options.html');
  expect(await options.waitFor(() => document.querySelector('.list-namedKeys .empty')?.textContent || undefined)).toContain('None.');
  // Named as the popup's key page saves it: by fingerprint, with the sites it is meant for.
  await setUserSettings(kw, { namedKeys: [{ fingerprint: await fingerprint(key), name: 'Acme vendor key', sites: ['https://github.com'] }] });
  const row = await options.waitFor(() => document.querySelector('.list-namedKeys li')?.textContent || undefined);
  expect(row).toContain('Acme vendor key');
  expect(row).toContain('meant for github.com');
  expect(await options.evaluate(() => document.querySelector<HTMLAnchorElement>('.list-namedKeys li a')?.href)).toMatch(/\/popup\.html#\/key\/[0-9a-f]{16}$/);

  await options.click('.list-namedKeys button.remove');
  expect(await options.waitFor(() => document.querySelector('.list-namedKeys .empty')?.textContent || undefined)).toContain('None.');
  // Without its name the key is no longer given anywhere: pasted on github.com, it is stopped.
  const page = await GuardPage.open(kw, 'issue');
  expect(await page.realPaste('body', key)).toBe(true);
  await page.waitAlert('block');
});

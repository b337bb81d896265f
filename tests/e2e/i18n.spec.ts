import { readFileSync } from 'node:fs';
import type { MessageKey } from '../../utils/i18n';
import { expect, germanMissing, launch, test, type KwBrowser, type KwPage } from './fixtures';
import { GuardPage, testKey } from './guard-helpers';
import { badgeTitle, record, sighting } from './inventory-helpers';
import { addEntry, errorNextTo, savedIn, setRetention } from './options-page';

/**
 * KeyWard in a browser whose interface is German: the popup (list and key page), the options page
 * (with its errors and save confirmations), the welcome page, the toolbar tooltip and the in-page
 * alert read German, with no English sentence left.
 */

type Messages = Record<string, { message: string }>;
const messages = (language: string): Messages => JSON.parse(readFileSync(`public/_locales/${language}/messages.json`, 'utf8'));
const en = messages('en');
const de = messages('de');

/**
 * The English sentences that must not show: each English message of more than two words, cut at its
 * `$n` placeholders, keeping pieces of three words or more (what a user would recognise as English).
 */
const ENGLISH_PHRASES = [
  ...new Set(
    Object.values(en)
      .filter(({ message }) => message.trim().split(/\s+/).length > 2)
      .flatMap(({ message }) => message.split(/\$\d/))
      .map((piece) => piece.replace(/^[\s.,:;()“”"'·←]+|[\s.,:;()“”"'·]+$/g, ''))
      .filter((piece) => piece.split(/\s+/).length >= 3),
  ),
];

/** A German message as it shows, when it has no placeholder. */
const german = (name: MessageKey) => de[name]!.message;

/** Everything a user can read or hear on the page: visible text, option texts, labels, titles and placeholders. */
function readableText(page: KwPage): Promise<string> {
  return page.evaluate(() => {
    const parts = [document.title, document.body.innerText];
    for (const option of document.querySelectorAll('option')) parts.push(option.textContent ?? '');
    for (const element of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
      for (const name of ['aria-label', 'title', 'placeholder']) parts.push(element.getAttribute(name) ?? '');
    }
    return parts.join('\n');
  });
}

function expectNoEnglish(text: string, surface: string): void {
  const left = ENGLISH_PHRASES.filter((phrase) => text.includes(phrase));
  expect(left, `English left on ${surface}`).toEqual([]);
}

test.describe('in German', () => {
  let kw: KwBrowser;
  test.beforeEach(async ({ engine }) => {
    const missing = germanMissing(engine);
    test.skip(missing !== undefined, missing);
    kw = await launch(engine, { locale: 'de' });
  });
  test.afterEach(async () => {
    await kw?.close();
  });

  test('popup, key page, options, welcome page and toolbar tooltip show German and no English sentence', async () => {
    test.slow();
    expect(ENGLISH_PHRASES.length, 'English phrases to look for').toBeGreaterThan(100);
    // Recorded from another extension page, so the popup opens on a list.
    const seed = await kw.openExtensionPage('options.html');
    const now = Date.now();
    await record(seed, [
      sighting(1, { time: now - 60_000, outcome: 'inserted-anyway', origin: 'https://chatgpt.com' }),
      sighting(1, { time: now - 30_000, outcome: 'blocked', origin: 'https://github.com' }),
      sighting(2, { time: now - 20_000, outcome: 'warned', event: 'typing', origin: 'https://claude.ai' }),
      sighting(3, { time: now - 10_000, outcome: 'blocked' }),
    ]);
    const popup = await kw.openExtensionPage('popup.html');
    await popup.waitFor(() => document.querySelectorAll('li.key').length === 3 || undefined);
    const list = await readableText(popup);
    expect(await popup.evaluate(() => document.documentElement.lang)).toMatch(/^de/);
    for (const text of [german('list_title'), '2 Schlüssel zu erneuern', german('popup_exportJson'), german('status_stopped'), german('list_allProviders')]) {
      expect(list).toContain(text);
    }
    expectNoEnglish(list, 'the popup');
    // The tooltip, from the background.
    await expect.poll(() => badgeTitle(popup)).toBe('KeyWard: 2 Schlüssel zu erneuern');

    await popup.goto(`${kw.extensionOrigin}/popup.html#/key/0000000000000001`);
    await popup.waitFor(() => !!document.querySelector('.key-page table.sightings tbody tr') && !!document.querySelector('.allow-key button') || undefined);
    const keyPage = await readableText(popup);
    for (const text of [german('key_whereWhen'), german('key_rotatedThis'), 'Trotzdem eingefügt (Einfügen) auf chatgpt.com', german('allow_allow')]) {
      expect(keyPage).toContain(text);
    }
    expectNoEnglish(keyPage, 'the key page');

    const options = seed;
    await options.waitFor(() => !!document.querySelector('main h1') || undefined);
    const settings = await readableText(options);
    for (const text of [german('options_title'), german('action_block'), german('eventKind_submit'), german('options_saveRetention')]) {
      expect(settings).toContain(text);
    }
    expectNoEnglish(settings, 'the options page');

    const welcome = await kw.openExtensionPage('welcome.html');
    await welcome.waitFor(() => !!document.querySelector('main h1') || undefined);
    await welcome.click('button.make-key');
    await welcome.waitFor(() => document.querySelector('.try-result')?.textContent || undefined);
    const page = await readableText(welcome);
    for (const text of [german('welcome_heading'), german('welcome_privateTitle'), 'KeyWard hat einen Anthropic-Schlüssel (sk-ant-api03-…']) {
      expect(page).toContain(text);
    }
    expectNoEnglish(page, 'the welcome page');
  });

  test('the in-page alert, and the options page\'s errors and save confirmations, read German', async () => {
    const g = await GuardPage.open(kw, 'issue');
    const { key, redacted } = testKey(1501);
    await g.paste('body', key);
    const alert = await g.waitAlert('block');
    expect(alert.heading).toBe('KeyWard hat einen API-Schlüssel aufgehalten');
    expect(alert.text).toContain(`Sie haben einen API-Schlüssel eingefügt. KeyWard hat das Einfügen aufgehalten: Diese Seite hat den Schlüssel nicht erhalten.`);
    expect(alert.text).toContain(redacted);
    expect(alert.text).toContain('Alt+Umschalt+K, um mit der Tastatur zu wählen');
    expect(alert.buttons).toEqual([german('alert_insertRedacted'), german('alert_insertAnyway'), german('cancel')]);
    // A click the page made is refused, and the alert says why in German too.
    expect(await g.scriptClickAlert(german('alert_insertAnyway'))).toBe(true);
    expect(await g.alertPage.refusal()).toBe('KeyWard hat diesen Klick ignoriert: Er kam nicht von Ihnen.');
    expectNoEnglish(await g.alertPage.text(), 'the alert');
    expect(await g.text('body')).not.toContain(key);

    const options = await kw.openExtensionPage('options.html');
    await options.waitFor(() => !!document.querySelector('#allowlist-input') || undefined);
    await addEntry(options, 'allowlist', 'not-a-fingerprint');
    expect(await errorNextTo(options, 'allowlist-input')).toBe(
      'Dieser Eintrag muss ein Fingerabdruck aus 16 kleingeschriebenen Hexadezimalziffern sein (wie im Verzeichnis angezeigt), nicht der Text "not-a-fingerprint".',
    );
    await addEntry(options, 'excludedSites', 'intranet without scheme');
    expect(await errorNextTo(options, 'excludedSites-input')).toBe('„intranet without scheme“ ist kein Adressmuster wie „https://chat.example.com/*“.');
    await setRetention(options, '50');
    expect(await errorNextTo(options, 'retention-maxSightings')).toBe('„Höchstens gespeicherte Funde“ muss mindestens 100 sein.');
    // Every change is confirmed the same way, beside its section, to the eye and to screen readers.
    await setRetention(options, '20.000');
    expect(await savedIn(options, 'retention')).toEqual({ text: german('options_saved'), live: 'polite' });
    await options.click('input[name="requireJustification"]');
    expect(await savedIn(options, 'actions')).toEqual({ text: german('options_saved'), live: 'polite' });
    expectNoEnglish(await readableText(options), 'the options page with its errors');
  });
});

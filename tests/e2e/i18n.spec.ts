import { readFileSync } from 'node:fs';
import type { MessageKey } from '../../utils/i18n';
import { expect, germanMissing, launch, test, type KwBrowser, type KwPage } from './fixtures';
import { badgeTitle, record, sighting } from './inventory-helpers';

/**
 * KeyWard in a browser whose interface is German: the popup (list and key page), the options page,
 * the welcome page and the toolbar tooltip read German, with no English sentence left.
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
});

import { expect, launch, test, type KwPage } from './fixtures';
import { record, sighting } from './inventory-helpers';

/** The popup's settings link, its layout at narrow widths, and the dark theme. */

const LONG_HOST = 'https://a-very-long-subdomain-name-that-keeps-going.internal-tools.example-corporation-with-a-long-name.co.uk';

/**
 * Loads `path` into an iframe `width` CSS pixels wide inside an extension page (the popup's own
 * origin), and answers how much wider than the frame its content is (0: no sideways scrolling).
 */
function overflowAt(page: KwPage, path: string, width: number, ready: string): Promise<number> {
  return page.waitFor(
    async ({ path, width, ready }) => {
      let frame = document.querySelector<HTMLIFrameElement>('iframe#probe');
      if (!frame || frame.dataset.path !== path || frame.width !== String(width)) {
        frame?.remove();
        frame = document.createElement('iframe');
        frame.id = 'probe';
        frame.dataset.path = path;
        frame.width = String(width);
        frame.height = '600';
        frame.src = path;
        document.body.append(frame);
        return undefined;
      }
      const doc = frame.contentDocument;
      if (!doc?.querySelector(ready)) return undefined;
      const root = doc.documentElement;
      return { overflow: root.scrollWidth - root.clientWidth };
    },
    { path, width, ready },
  ).then((r) => r!.overflow);
}

test.describe('popup layout and theme', () => {
  test('no sideways scrolling at 320 and 400 px (200% zoom included) with a long site name, in the list and on the key page', async ({ kw }) => {
    const page = await kw.openExtensionPage('options.html');
    await record(page, [
      sighting(1, { origin: LONG_HOST, path: '/a/very/long/path/that/goes/on/and/on/without/any/break/at/all/1234567890', outcome: 'inserted-anyway' }),
      sighting(2, { origin: LONG_HOST }),
    ]);
    // 400 CSS px is also the popup at 200% zoom: browsers cap a toolbar popup at 800 device pixels.
    for (const width of [320, 400]) {
      expect(await overflowAt(page, '/popup.html', width, 'li.key .sites')).toBe(0);
      expect(await overflowAt(page, '/popup.html#/key/0000000000000001', width, '.key-page table.sightings td')).toBe(0);
    }
  });

  test('the settings link opens the options page', async ({ kw }) => {
    const popup = await kw.openExtensionPage('popup.html');
    await popup.waitFor(() => !!document.querySelector('a.settings-link'));
    await popup.click('a.settings-link');
    const opened = await popup.waitFor(() => {
      const api = ((globalThis as { browser?: unknown }).browser ?? (globalThis as { chrome?: unknown }).chrome) as {
        extension: { getViews(q: object): Window[] };
      };
      return api.extension.getViews({ type: 'tab' }).some((w) => w.location.pathname === '/options.html') || undefined;
    });
    expect(opened).toBe(true);
  });
});

test.describe('dark theme', () => {
  test('popup, options and welcome page follow a dark system theme', async ({ engine }) => {
    const kw = await launch(engine, { colorScheme: 'dark' });
    try {
      for (const [path, ready] of [
        ['popup.html', 'main'],
        ['options.html', 'main'],
        ['welcome.html', 'main'],
      ] as const) {
        const page = await kw.openExtensionPage(path);
        const colours = await page.waitFor((ready) => {
          if (!document.querySelector(ready)) return undefined;
          const style = getComputedStyle(document.documentElement);
          return { background: style.backgroundColor, text: style.color };
        }, ready);
        expect(colours, path).toEqual({ background: 'rgb(32, 33, 36)', text: 'rgb(232, 234, 237)' });
        await page.close();
      }
    } finally {
      await kw.close();
    }
  });
});

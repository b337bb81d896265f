// The guard content script's costs in headless Chromium (see scripts/bench-browser.mjs for the ctx).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const LOADS = 25;
const KEYSTROKES = 250;
const FIELD_BYTES = 200 * 1024;
const PASTE_BYTES = 5 * 1024 * 1024;
// The largest text file KeyWard scans whole (utils/guard/files.ts MAX_TEXT_FILE_BYTES).
const FILE_BYTES = 100 * 1024 * 1024;
const FILE_RUNS = 3;
const ORIGIN = 'https://github.com';
/** One paste of this many distinct keys (about 16 MB): the alert within 1 s, no main-thread task over 200 ms. */
const BIG_PASTE_KEYS = 100_000;

// Marks written from inside the content script's own world (an instrumented copy of the build), and a
// record of every MutationObserver.observe call it makes: the page's main world cannot see those.
const MARK_START = `performance.mark('keyward:bench-script-start');`;
const OBSERVE_SPY = `(() => {
  const observe = MutationObserver.prototype.observe;
  MutationObserver.prototype.observe = function (target, options) {
    try {
      const whole = (target === document || target === document.documentElement || target === document.body) && !!(options && options.subtree);
      const el = document.documentElement;
      el.setAttribute('data-kw-bench-observe', (el.getAttribute('data-kw-bench-observe') || '') + (whole ? 'WHOLE ' : 'part ') + (target && target.nodeName) + (options && options.subtree ? ' subtree' : '') + ';');
    } catch {}
    return observe.call(this, target, options);
  };
})();`;
const MARK_END = `performance.mark('keyward:bench-script-end');`;

// Page-world spy, installed before any page script: catches observers a main-world script would create.
const PAGE_SPY = `(() => {
  window.__pageObserve = [];
  const observe = MutationObserver.prototype.observe;
  MutationObserver.prototype.observe = function (target, options) {
    window.__pageObserve.push((target && target.nodeName) + (options && options.subtree ? ' subtree' : ''));
    return observe.call(this, target, options);
  };
})();`;

/** Ordinary prose (no key) of about `bytes` characters, made in the page. */
function filler(bytes) {
  const words = ['the', 'build', 'failed', 'because', 'config', 'value', 'was', 'missing', 'from', 'env', 'file', 'and', 'retry', 'later'];
  let text = '';
  let i = 0;
  while (text.length < bytes) text += words[(i * 7 + (i >> 3)) % words.length] + ((++i % 12 === 0) ? '\n' : ' ');
  return text.slice(0, bytes);
}

const PAGES = {
  '/bench/start': `<!doctype html><html><head><script>window.__first = performance.now();</script></head><body><textarea></textarea></body></html>`,
  '/bench/fields': `<!doctype html><html><head><script>window.__first = performance.now();</script></head><body>
    <textarea id="ta" style="width:600px;height:200px"></textarea><div id="ce" contenteditable="true" style="width:600px;height:200px;overflow:auto"></div>
    <div id="host"></div><script>document.getElementById('host').attachShadow({ mode: 'open' }).innerHTML = '<textarea id="inner"></textarea>';</script></body></html>`,
};

function sites() {
  return { [`${ORIGIN}/`]: (url) => PAGES[url.pathname] };
}

/** ms, 3 significant decimals where small. */
function ms(value) {
  if (value === undefined || Number.isNaN(value)) return 'n/a';
  return value < 1 ? `${value.toFixed(3)} ms` : value < 10 ? `${value.toFixed(2)} ms` : `${value.toFixed(1)} ms`;
}

async function startCost(ctx, extension) {
  const context = await ctx.launch({ extension, sites: sites() });
  const page = await context.newPage();
  const first = [];
  const script = [];
  for (let i = 0; i < LOADS + 2; i++) {
    await page.goto(`${ORIGIN}/bench/start?${i}`, { waitUntil: 'load' });
    const r = await page.evaluate(() => {
      const start = performance.getEntriesByName('keyward:bench-script-start')[0]?.startTime;
      const end = performance.getEntriesByName('keyward:bench-script-end')[0]?.startTime;
      return { first: window.__first, script: start !== undefined && end !== undefined ? end - start : undefined, guard: document.documentElement.dataset.keywardGuard };
    });
    if (i < 2) continue; // warm-up: the first loads pay for compiling the browser's own code
    first.push(r.first);
    if (r.script !== undefined) script.push(r.script);
  }
  await context.close();
  return { first, script };
}

/**
 * Per typed character at the end of a 200 KB field, two ways, both timed in the page:
 * `listeners`: the character is put in without events (setRangeText / insertData, caret after it), then one
 * `input` event (inputType insertText) is dispatched and timed: that is every input listener, KeyWard's
 * included, and nothing of the browser's own editing. `insert`: `execCommand('insertText')`, the browser's
 * insertion plus every listener, with trusted events (dominated by the browser's own cost on a 200 KB field).
 */
async function typingCost(ctx, extension, keys) {
  const context = await ctx.launch({ extension, sites: sites() });
  const page = await context.newPage();
  await page.goto(`${ORIGIN}/bench/fields`, { waitUntil: 'load' });
  const out = {};
  for (const id of ['ta', 'ce']) {
    out[id] = await page.evaluate(
      ({ id, text, count }) => {
        const el = document.getElementById(id);
        const reset = () => {
          if (id === 'ta') {
            el.value = text;
            el.focus();
            el.setSelectionRange(text.length, text.length);
          } else {
            el.textContent = text;
            el.focus();
            getSelection().collapse(el.firstChild, el.firstChild.length);
          }
        };
        const put = (c) => {
          if (id === 'ta') el.setRangeText(c, el.value.length, el.value.length, 'end');
          else {
            const node = el.firstChild;
            node.appendData(c);
            getSelection().collapse(node, node.length);
          }
        };
        const chars = 'abcdefghij klmnopqrstuvwxyz';
        const listeners = [];
        reset();
        for (let i = 0; i < count; i++) {
          const c = chars[i % chars.length];
          put(c);
          const t0 = performance.now();
          el.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: c }));
          listeners.push(performance.now() - t0);
        }
        const insert = [];
        reset();
        for (let i = 0; i < count; i++) {
          const t0 = performance.now();
          document.execCommand('insertText', false, chars[i % chars.length]);
          insert.push(performance.now() - t0);
        }
        return { listeners, insert };
      },
      { id, text: filler(FIELD_BYTES), count: KEYSTROKES },
    );
  }
  // A key typed at the end of the 200 KB field: the time until KeyWard's alert shows (it waits for a pause in typing).
  let alertAfter;
  if (extension) {
    alertAfter = await page.evaluate(async (key) => {
      const el = document.getElementById('ta');
      el.focus();
      el.setSelectionRange(el.value.length, el.value.length);
      const t0 = performance.now();
      document.execCommand('insertText', false, ' ' + key);
      while (!document.querySelector('keyward-alert')) {
        await new Promise((r) => setTimeout(r, 5));
        if (performance.now() - t0 > 5000) return undefined;
      }
      return performance.now() - t0;
    }, keys.key);
  }
  await context.close();
  return { ...out, alertAfter };
}

/** A 5 MB synthetic paste into a textarea: time until the paste event returns (KeyWard decides in it) and until the alert shows. */
async function pasteCost(ctx, extension, keys) {
  const context = await ctx.launch({ extension, sites: sites() });
  const page = await context.newPage();
  const runs = [];
  for (let i = 0; i < 5; i++) {
    await page.goto(`${ORIGIN}/bench/fields?${i}`, { waitUntil: 'load' });
    runs.push(
      await page.evaluate(
        async ({ text, key }) => {
          const el = document.getElementById('ta');
          el.focus();
          const paste = (value) => {
            const transfer = new DataTransfer();
            transfer.setData('text/plain', value);
            const event = new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: transfer });
            const t0 = performance.now();
            el.dispatchEvent(event);
            return { ms: performance.now() - t0, stopped: event.defaultPrevented };
          };
          const clean = paste(text);
          const t0 = performance.now();
          const withKey = paste(text + '\nOPENAI_API_KEY=' + key + '\n');
          let shown;
          while (!shown) {
            if (document.querySelector('keyward-alert')) shown = performance.now() - t0;
            else if (performance.now() - t0 > 5000) break;
            else await new Promise((r) => requestAnimationFrame(r));
          }
          return { clean: clean.ms, withKey: withKey.ms, stopped: withKey.stopped, shown };
        },
        { text: filler(PASTE_BYTES), key: keys.key },
      ),
    );
  }
  await context.close();
  return runs;
}

/**
 * A 100 MB text file dropped on a page's drop zone, made in the page from prose (no key, or one key in
 * its last line): the time until the decision (the page's handler gets the drop: clean; the alert shows:
 * key) and the longest main-thread task meanwhile (Long Tasks API: tasks over 50 ms).
 */
export async function fileDropCost(ctx, extension, keys) {
  const context = await ctx.launch({ extension, sites: sites() });
  const page = await context.newPage();
  const runs = [];
  for (let i = 0; i < FILE_RUNS; i++) {
    await page.goto(`${ORIGIN}/bench/fields?drop${i}`, { waitUntil: 'load' });
    for (const withKey of [false, true]) {
      runs.push(
        await page.evaluate(
          async ({ prose, bytes, key, withKey }) => {
            const tail = withKey ? `\nOPENAI_API_KEY=${key}\n` : '\n';
            const parts = [];
            for (let size = tail.length; size < bytes; size += prose.length) parts.push(size + prose.length > bytes ? prose.slice(0, bytes - size) : prose);
            const file = new File([...parts, tail], 'app.log', { type: '' });
            // The page's own work making the file is a task of its own, before any task measured here.
            await new Promise((r) => setTimeout(r, 0));
            const zone = document.getElementById('ce');
            let longest = 0;
            const observer = new PerformanceObserver((list) => {
              for (const entry of list.getEntries()) longest = Math.max(longest, entry.duration);
            });
            observer.observe({ type: 'longtask' });
            const got = new Promise((resolve) => zone.addEventListener('drop', (e) => (e.preventDefault(), resolve(performance.now())), { once: true }));
            const transfer = new DataTransfer();
            transfer.items.add(file);
            const t0 = performance.now();
            zone.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, composed: true, dataTransfer: transfer, clientX: 5, clientY: 5 }));
            const alert = (async () => {
              while (!document.querySelector('keyward-alert')) await new Promise((r) => setTimeout(r, 10));
              return performance.now();
            })();
            const at = await Promise.race([got, alert, new Promise((r) => setTimeout(() => r(undefined), 120_000))]);
            // Long task entries arrive after their task: let the observer deliver them.
            await new Promise((r) => setTimeout(r, 100));
            observer.disconnect();
            document.querySelector('keyward-alert')?.remove();
            return { withKey, decided: at === undefined ? undefined : at - t0, longest, size: file.size };
          },
          { prose: filler(1024 * 1024), bytes: FILE_BYTES, key: keys.key, withKey },
        ),
      );
    }
  }
  await context.close();
  return runs;
}

/**
 * One synthetic paste of `text` (100,000 keys, 16 MB) into a textarea: how long the paste event takes
 * (KeyWard decides in it), when the alert shows, and the longest main-thread task (Long Tasks API) from
 * the paste until 3 s after the alert (fingerprinting, reporting and rendering come after the event).
 */
async function bigPasteCost(ctx, extension, text) {
  const context = await ctx.launch({ extension, sites: sites() });
  const page = await context.newPage();
  await page.goto(`${ORIGIN}/bench/fields`, { waitUntil: 'load' });
  // The clipboard is filled in tasks of its own (as the browser's is, before a paste): only the paste is measured.
  await page.evaluate((text) => {
    window.__bigPaste = new DataTransfer();
    window.__bigPaste.setData('text/plain', text);
  }, text);
  const result = await page.evaluate(async () => {
    const tasks = [];
    const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries().map((e) => e.duration)));
    observer.observe({ type: 'longtask' });
    const el = document.getElementById('ta');
    el.focus();
    const transfer = window.__bigPaste;
    const event = new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: transfer });
    const t0 = performance.now();
    el.dispatchEvent(event);
    const decided = performance.now() - t0;
    let shown;
    while (shown === undefined && performance.now() - t0 < 120_000) {
      if (document.querySelector('keyward-alert')) shown = performance.now() - t0;
      else await new Promise((r) => requestAnimationFrame(r));
    }
    await new Promise((r) => setTimeout(r, 3_000));
    observer.disconnect();
    return { decided, shown, stopped: event.defaultPrevented, longest: Math.max(0, ...tasks), tasks: tasks.length };
  });
  await context.close();
  return result;
}

async function observerCheck(ctx, extension, keys) {
  const context = await ctx.launch({ extension, sites: sites() });
  await context.addInitScript(PAGE_SPY);
  const page = await context.newPage();
  await page.goto(`${ORIGIN}/bench/fields`, { waitUntil: 'load' });
  // Exercise the guard: focus each kind of field, type, paste a key, so lazily made observers are counted too.
  for (const selector of ['#ta', '#ce', '#host >> #inner']) {
    await page.click(selector);
    await page.keyboard.type('hello');
  }
  await page.evaluate((key) => {
    const el = document.getElementById('ta');
    const transfer = new DataTransfer();
    transfer.setData('text/plain', key);
    el.dispatchEvent(new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: transfer }));
  }, keys.key);
  await page.waitForTimeout(500);
  const result = await page.evaluate(() => ({
    isolated: (document.documentElement.getAttribute('data-kw-bench-observe') || '').split(';').filter(Boolean),
    page: window.__pageObserve,
  }));
  await context.close();
  return result;
}

function bundleSizes(ctx) {
  const dir = join(ctx.extensionDir, 'content-scripts');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .map((f) => {
      const code = readFileSync(join(dir, f));
      return { file: `content-scripts/${f}`, raw: statSync(join(dir, f)).size, gzip: gzipSync(code, { level: 9 }).length };
    });
}

export async function run(ctx) {
  const { makeKey, seededRng } = await ctx.loadKeys();
  const keys = { key: makeKey('openai-project-164', seededRng(7)) };
  const instrumented = ctx.instrumentedCopy(MARK_START + OBSERVE_SPY, MARK_END);
  const { median, percentile, log } = ctx;
  if (process.env.KEYWARD_BENCH_ONLY === 'start') {
    // The page-load cost alone, quickly (e.g. while working on the guard's start).
    const started = await startCost(ctx, instrumented);
    console.log(`content script run at page load: median ${ms(median(started.script))}, 90th percentile ${ms(percentile(started.script, 90))} (${started.script.length} loads)`);
    return '';
  }
  log(`  one paste of ${BIG_PASTE_KEYS.toLocaleString('en')} keys…`);
  const rng = seededRng(11);
  const bigText = Array.from({ length: BIG_PASTE_KEYS }, (_, i) => `KEY_${i}=${makeKey('openai-project-164', rng)}`).join('\n');
  const big = await bigPasteCost(ctx, ctx.extensionDir, bigText);
  const bigRows = [
    [`One paste of ${BIG_PASTE_KEYS.toLocaleString('en')} keys (${(bigText.length / 1024 / 1024).toFixed(1)} MB): alert visible after (stopped: ${big.stopped})`, ms(big.shown), '—', '≤ 1000 ms'],
    [`One paste of ${BIG_PASTE_KEYS.toLocaleString('en')} keys: the paste event returns (decided)`, ms(big.decided), '—', '≤ 200 ms'],
    [`One paste of ${BIG_PASTE_KEYS.toLocaleString('en')} keys: longest main-thread task, paste to 3 s after the alert (${big.tasks} tasks over 50 ms)`, ms(big.longest), '—', '≤ 200 ms'],
  ];
  if (process.env.KEYWARD_BENCH_ONLY === 'big-paste') {
    console.log(['| measure | KeyWard | no extension | target |', '|---|---|---|---|', ...bigRows.map((r) => `| ${r.join(' | ')} |`)].join('\n'));
    return '';
  }

  log(`  page load, ${LOADS} loads each…`);
  const isolated = await (async () => {
    const context = await ctx.launch({ extension: null, sites: sites() });
    const page = await context.newPage();
    await page.goto(`${ORIGIN}/bench/start`);
    const value = await page.evaluate(() => crossOriginIsolated);
    await context.close();
    return value;
  })();
  const startWith = await startCost(ctx, instrumented);
  const startWithout = await startCost(ctx, null);
  log(`  typing, ${KEYSTROKES} characters at the end of a 200 KB field…`);
  const typeWith = await typingCost(ctx, ctx.extensionDir, keys);
  const typeWithout = await typingCost(ctx, null, keys);
  log('  5 MB paste, 5 runs…');
  const pasteWith = await pasteCost(ctx, ctx.extensionDir, keys);
  const pasteWithout = await pasteCost(ctx, null, keys);
  log(`  100 MB text file drop, ${FILE_RUNS} runs…`);
  const fileWith = await fileDropCost(ctx, ctx.extensionDir, keys);
  const fileWithout = await fileDropCost(ctx, null, keys);
  log('  observers…');
  const observers = await observerCheck(ctx, instrumented, keys);
  const sizes = bundleSizes(ctx);

  const wholeDoc = [...observers.isolated, ...observers.page].filter((o) => o.startsWith('WHOLE') || /^(#document|HTML|BODY) subtree/.test(o));
  const rows = [
    ['Content script run at page load (its own code, start to end of its first run; median of ' + LOADS + ')', ms(median(startWith.script)), '—', '≤ 2 ms'],
    ['First page script starts at (ms after navigation start; median of ' + LOADS + ')', ms(median(startWith.first)), ms(median(startWithout.first)), '—'],
    ...[['ta', 'textarea'], ['ce', 'contenteditable']].flatMap(([id, name]) => [
      [`One typed character, 200 KB ${name}: input listeners (median of ${KEYSTROKES}; p95)`, `${ms(median(typeWith[id].listeners))} (p95 ${ms(percentile(typeWith[id].listeners, 95))})`, `${ms(median(typeWithout[id].listeners))} (p95 ${ms(percentile(typeWithout[id].listeners, 95))})`, '≤ 0.5 ms'],
      [`One typed character, 200 KB ${name}: browser insertion + listeners (median; p95)`, `${ms(median(typeWith[id].insert))} (p95 ${ms(percentile(typeWith[id].insert, 95))})`, `${ms(median(typeWithout[id].insert))} (p95 ${ms(percentile(typeWithout[id].insert, 95))})`, '—'],
    ]),
    ['A key typed into the 200 KB textarea: alert shown after', ms(typeWith.alertAfter), '—', '(waits for a pause in typing)'],
    ['5 MB paste with a key: decided (paste event returns, stopped: ' + pasteWith.every((r) => r.stopped) + '; median of 5)', ms(median(pasteWith.map((r) => r.withKey))), ms(median(pasteWithout.map((r) => r.withKey))), '≤ 20 ms'],
    ['5 MB paste with a key: alert visible after (median of 5)', ms(median(pasteWith.map((r) => r.shown).filter((v) => v !== undefined))), '—', '—'],
    ['5 MB paste without a key: paste event returns (median of 5)', ms(median(pasteWith.map((r) => r.clean))), ms(median(pasteWithout.map((r) => r.clean))), '—'],
    ...[false, true].map((withKey) => {
      const pick = (runs) => runs.filter((r) => r.withKey === withKey);
      const decided = (runs) => pick(runs).map((r) => r.decided).filter((v) => v !== undefined);
      const longest = (runs) => Math.max(...pick(runs).map((r) => r.longest));
      const longText = (runs) => (longest(runs) > 0 ? `longest task ${ms(longest(runs))}` : 'no task over 50 ms');
      return [
        `100 MB text file dropped, ${withKey ? 'key in its last line: alert shown' : 'no key: page gets the drop'} after (median of ${FILE_RUNS}); longest main-thread task`,
        `${ms(median(decided(fileWith)))}; ${longText(fileWith)}`,
        withKey ? '—' : `${ms(median(decided(fileWithout)))}; ${longText(fileWithout)}`,
        'no task over 200 ms',
      ];
    }),
    ...bigRows,
    ...sizes.map((s) => [`Bundle ${s.file}`, `${(s.raw / 1024).toFixed(1)} KiB minified, ${(s.gzip / 1024).toFixed(1)} KiB gzip`, '—', '≤ 80 KiB minified']),
    ['MutationObserver over the whole document', wholeDoc.length === 0 ? 'none' : wholeDoc.join(', '), '—', 'none'],
  ];

  rows.push(['Timer resolution in the page (cross-origin isolated: ' + isolated + ')', isolated ? '5 µs' : '100 µs', '—', '—']);
  const table = ['| measure | KeyWard | no extension | target |', '|---|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
  console.log(`\n${table}\n`);
  console.log(`  observe() calls from the content script: ${observers.isolated.length ? observers.isolated.join('; ') : 'none'}; from page-world scripts: ${observers.page.length ? observers.page.join('; ') : 'none'}`);

  return [
    '### Guard content script',
    '',
    table,
    '',
    'How each figure is taken:',
    '- **Content script run**: `performance.mark` calls added before and after the built `content-scripts/guard.js` in a',
    '  copy of the build (its own isolated world), so it covers evaluating the bundle and its synchronous start (`main`),',
    '  not the browser fetching/compiling it. "First page script" is `performance.now()` in the first inline script of the',
    '  page, with and without the extension: the difference is everything the extension delays the page by at start.',
    '- **Typed character, input listeners**: the character is put at the end of the 200 KB field without events, then one',
    '  `input` event (inputType insertText) is dispatched and `dispatchEvent` is timed: every input listener, KeyWard\'s',
    '  included (it processes script-made input too, as autocomplete widgets make it), none of the browser\'s own editing.',
    '  **Browser insertion + listeners**: `document.execCommand(\'insertText\')` timed, trusted events; on a 200 KB field',
    '  this is dominated by the browser\'s own insertion, so the no-extension column is the reference. Neither includes',
    '  keydown handling or work KeyWard defers (its alert waits for a pause in typing: the "alert shown after" row).',
    '- **5 MB paste**: a synthetic `paste` (DataTransfer) dispatched on a textarea; KeyWard must decide inside the event',
    '  (to stop it before any page handler), so the time `dispatchEvent` takes is the decision time.',
    '- **100 MB text file drop**: a `File` of prose (100 MiB, KeyWard\'s bound for scanning whole) made in the page and',
    '  dropped (synthetic `DragEvent`) on a contenteditable. KeyWard stops the drop, reads the file in 1 MB chunks (the page',
    '  runs between them) and hands the page a fresh drop when clean; the row times dispatch to the page\'s drop handler, or to',
    '  the alert for a file with a key in its last line. Longest task: the Long Tasks API over the whole run (it reports tasks',
    '  over 50 ms only).',
    `- **One paste of ${BIG_PASTE_KEYS.toLocaleString('en')} keys**: a synthetic \`paste\` of that many distinct keys, one a line. KeyWard`,
    '  decides on the first slice that holds a key; the alert shows its first keys once the rest of the text is scanned',
    '  (between tasks, 15 ms a task) or after 150 ms, whichever comes first ("still counting", the whole count follows).',
    '  "Alert visible after" is dispatch to the `<keyward-alert>` element in the page; longest task from the Long Tasks API.',
    '- **Observers**: `MutationObserver.prototype.observe` wrapped both in the content script\'s isolated world (instrumented',
    '  copy) and in the page\'s main world (init script, before any page script), while focusing, typing into and pasting into',
    '  a textarea, a contenteditable and a textarea in an open shadow root.',
    `  Calls seen: content script ${observers.isolated.length ? observers.isolated.map((o) => '`' + o + '`').join(', ') : 'none'}; page world ${observers.page.length ? observers.page.join(', ') : 'none'}.`,
  ].join('\n');
}

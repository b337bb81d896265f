import { afterEach, describe, expect, it } from 'vitest';
import { redact } from '../../utils/detect';
import { composerOf, sendControl } from '../../utils/guard/submit';
import { makeKey, seededRng } from '../helpers/keys';
import { guardedPage, tick, type GuardedPage } from './guard-harness';

let page: GuardedPage;
afterEach(() => page?.stop());

const key = makeKey('anthropic-api-key', seededRng(4));

function enter(el: Element, init: KeyboardEventInit = {}): KeyboardEvent {
  const event = new page.win.KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true, composed: true, ...init });
  el.dispatchEvent(event);
  return event;
}

describe('chat send and form submit', () => {
  it('holds Enter in a composer that holds a key, before the site sees it', async () => {
    page = guardedPage('<div id="composer" contenteditable="true"><p>here: KEY</p></div>');
    const sent: string[] = [];
    page.win.addEventListener('keydown', (e) => sent.push((e as KeyboardEvent).key), true);
    const composer = page.doc.getElementById('composer')!;
    composer.querySelector('p')!.textContent = `here: ${key}`;
    const event = enter(composer);
    expect(event.defaultPrevented).toBe(true);
    expect(sent).toEqual([]);
    const alert = await page.alertShown();
    expect(alert).toMatchObject({ mode: 'block', event: 'submit' });
    // Shift+Enter (a new line) is not a send.
    expect(enter(composer, { shiftKey: true }).defaultPrevented).toBe(false);
  });

  it('"Send with key redacted" sends the composer with the key redacted; "Send anyway" sends it as it is', async () => {
    page = guardedPage('<textarea id="c"></textarea>');
    const sent: string[] = [];
    const c = page.doc.getElementById('c') as HTMLTextAreaElement;
    c.addEventListener('keydown', () => sent.push(c.value));
    c.value = `use ${key} please`;
    enter(c);
    await page.answer({ kind: 'redacted' });
    expect(c.value).toBe(`use ${redact(key)} please`);
    expect(sent).toEqual([`use ${redact(key)} please`]);

    c.value = `again ${key}`;
    enter(c);
    await page.alertShown(2);
    await page.answer({ kind: 'anyway' });
    expect(sent).toEqual([`use ${redact(key)} please`, `again ${key}`]);
    expect(page.sightings.map((s) => s.outcome)).toEqual(['redacted', 'inserted-anyway']);
  });

  it('stops a form submit while a field of the form holds a key, and lets clean forms through', async () => {
    page = guardedPage('<form id="f"><input name="title" value="hi"><textarea name="body"></textarea><button>Comment</button></form>');
    const form = page.doc.getElementById('f') as HTMLFormElement;
    const submitted: number[] = [];
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      submitted.push(1);
    });
    (form.elements.namedItem('body') as HTMLTextAreaElement).value = key;
    const event = new page.win.Event('submit', { bubbles: true, cancelable: true });
    form.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    expect(submitted).toEqual([]);
    await page.alertShown();
    await page.answer({ kind: 'cancel' });
    (form.elements.namedItem('body') as HTMLTextAreaElement).value = 'clean';
    form.dispatchEvent(new page.win.Event('submit', { bubbles: true, cancelable: true }));
    expect(submitted).toEqual([1]);
  });

  it('holds a click on a send button next to the composer', async () => {
    page = guardedPage('<div class="box"><div><textarea></textarea></div><div><button aria-label="Send message"><svg></svg></button></div></div>');
    const clicks: number[] = [];
    const button = page.doc.querySelector('button')!;
    button.addEventListener('click', () => clicks.push(1));
    page.doc.querySelector('textarea')!.value = key;
    const event = new page.win.MouseEvent('click', { bubbles: true, cancelable: true, composed: true });
    button.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    expect(clicks).toEqual([]);
    expect((await page.alertShown()).event).toBe('submit');
  });

  it('warn mode lets the send through and warns', async () => {
    page = guardedPage('<textarea></textarea>', { actions: { paste: 'block', drop: 'block', typing: 'warn', submit: 'warn', upload: 'block' } });
    const t = page.doc.querySelector('textarea')!;
    t.value = key;
    expect(enter(t).defaultPrevented).toBe(false);
    expect((await page.alertShown()).mode).toBe('warn');
  });
});

describe('send buttons and composers, without site-specific selectors', () => {
  function click(el: Element): Event {
    const event = new page.win.MouseEvent('click', { bubbles: true, composed: true });
    Object.defineProperty(event, 'composedPath', { value: () => { const path: EventTarget[] = []; for (let n: Element | null = el; n; n = n.parentElement) path.push(n); return path; } });
    return event;
  }

  it('takes any button, role=button or wordless icon as a possible send, whatever its label; not menus, toggles, links or disabled ones', () => {
    page = guardedPage(`
      <button id="a" aria-label="Send prompt"><svg id="a-svg"></svg></button>
      <div id="b" role="button" title="Post reply">↵</div>
      <button id="c">Comment</button>
      <button id="d" data-testid="composer-submit"><svg></svg></button>
      <div id="icon" class="send"><svg id="icon-svg"><path id="icon-path"></path></svg></div>
      <div id="worded">Tips <svg id="worded-svg"></svg></div>
      <button id="menu" aria-haspopup="menu"><svg></svg></button><button id="toggle" aria-pressed="true">B</button>
      <button id="off" disabled><svg></svg></button><a id="link" href="/"><svg id="link-svg"></svg></a>
      <div id="ed" contenteditable="true"><button id="inside">x</button></div>
      <form><button id="e" type="submit">Send</button><button id="f">Continue</button><button id="g" type="reset">Reset</button></form>`);
    const get = (id: string) => page.doc.getElementById(id)!;
    expect(sendControl(click(get('a-svg')))).toBe(get('a'));
    expect(sendControl(click(get('b')))).toBe(get('b'));
    expect(sendControl(click(get('c')))).toBe(get('c'));
    expect(sendControl(click(get('d')))).toBe(get('d'));
    expect(sendControl(click(get('icon-path')))).toBe(get('icon'));
    expect(sendControl(click(get('worded-svg')))).toBeNull();
    expect(sendControl(click(get('menu')))).toBeNull();
    expect(sendControl(click(get('toggle')))).toBeNull();
    expect(sendControl(click(get('off')))).toBeNull();
    expect(sendControl(click(get('link-svg')))).toBeNull();
    expect(sendControl(click(get('inside')))).toBeNull();
    expect(sendControl(click(get('e')))).toBe(get('e'));
    expect(sendControl(click(get('f')))).toBe(get('f'));
    expect(sendControl(click(get('g')))).toBeNull();
  });

  it('finds the composer near a button: the field last written in, or the fields close above it', () => {
    page = guardedPage('<main><section><div id="ed" contenteditable="true"></div><button id="s">Send</button></section><textarea id="far"></textarea></main>');
    const button = page.doc.getElementById('s')!;
    expect(composerOf(button, null).map((f) => f.id)).toEqual(['ed']);
    const far = page.doc.getElementById('far') as HTMLTextAreaElement;
    expect(composerOf(button, far).map((f) => f.id)).toEqual(['ed']);
  });
});

it('keeps working with time: no alert without a key', async () => {
  page = guardedPage('<textarea></textarea>');
  const t = page.doc.querySelector('textarea')!;
  t.value = 'nothing to see';
  expect(enter(t).defaultPrevented).toBe(false);
  await tick(30);
  expect(page.alerts).toHaveLength(0);
});

describe('sends held by what they do', () => {
  /** A user's press as the browser makes it: trusted pointer and mouse events, then the click. */
  function press(el: Element): Event[] {
    const events = ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click'].map((type) => {
      const event = new page.win.MouseEvent(type, { bubbles: true, cancelable: true, composed: true, button: 0 });
      Object.defineProperty(event, 'isTrusted', { value: true });
      return event;
    });
    for (const event of events) el.dispatchEvent(event);
    return events;
  }

  it('holds a page that sends on pointerdown from an icon with no words, and replays the whole press on "Insert anyway"', async () => {
    page = guardedPage('<div class="composer"><textarea></textarea><div class="send"><svg><path></path></svg></div></div>');
    const t = page.doc.querySelector('textarea')!;
    t.value = `here ${key}`;
    const icon = page.doc.querySelector('.send')!;
    const seen: string[] = [];
    for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click']) icon.addEventListener(type, () => seen.push(type));
    const events = press(icon.querySelector('path')!);
    expect(events.map((e) => e.defaultPrevented)).toEqual([true, true, true, true, true]);
    expect(seen, 'the page saw none of the press').toEqual([]);
    await page.alertShown();
    expect(page.alerts).toHaveLength(1);
    await page.answer({ kind: 'anyway' });
    expect(seen).toEqual(['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click']);
    expect(page.sightings.map((s) => s.outcome)).toEqual(['inserted-anyway']);
  });

  it('leaves presses alone when the composer holds no key, and warns once per press in warn mode', async () => {
    page = guardedPage('<div><textarea></textarea><button aria-label="Send"><svg></svg></button></div>', {
      actions: { paste: 'block', drop: 'block', typing: 'warn', submit: 'warn', upload: 'block' },
    });
    const t = page.doc.querySelector('textarea')!;
    const button = page.doc.querySelector('button')!;
    t.value = 'nothing here';
    expect(press(button).some((e) => e.defaultPrevented)).toBe(false);
    t.value = key;
    expect(press(button).some((e) => e.defaultPrevented)).toBe(false);
    await page.alertShown();
    await tick(10);
    expect(page.alerts).toHaveLength(1);
  });

  it('reads every field of a big form (a key in its 60th field holds the submit)', async () => {
    const inputs = Array.from({ length: 60 }, (_, i) => `<input name="f${i}">`).join('');
    page = guardedPage(`<form id="f">${inputs}<button>Save</button></form>`);
    const form = page.doc.getElementById('f') as HTMLFormElement;
    (form.elements.namedItem('f59') as HTMLInputElement).value = key;
    const event = new page.win.Event('submit', { bubbles: true, cancelable: true });
    form.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    await page.alertShown();
  });
});

describe('what is reported is never a key', () => {
  it('redacts a key in the page path and in the justification', async () => {
    const inPath = makeKey('openai-project-164', seededRng(9));
    page = guardedPage('<textarea></textarea>', {}, `https://github.com/o/r/blob/${inPath}/x?secret=1`);
    const t = page.doc.querySelector('textarea')!;
    t.value = key;
    enter(t);
    await page.answer({ kind: 'anyway', justification: `rotating ${key} today` });
    const [sighting] = page.sightings;
    expect(sighting!.path).toBe(`/o/r/blob/${redact(inPath)}/x`);
    expect(sighting!.justification).toBe(`rotating ${redact(key)} today`);
    expect(JSON.stringify(page.sightings)).not.toContain(key);
    expect(JSON.stringify(page.sightings)).not.toContain(inPath);
  });
});

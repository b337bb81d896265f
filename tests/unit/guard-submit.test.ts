import { afterEach, describe, expect, it } from 'vitest';
import { redact } from '../../utils/detect';
import { composerOf, sendButton } from '../../utils/guard/submit';
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

  it('recognises send-like buttons by label, title or text, and forms\' submit buttons, and leaves other buttons alone', () => {
    page = guardedPage(`
      <button id="a" aria-label="Send prompt"><svg></svg></button>
      <div id="b" role="button" title="Post reply">↵</div>
      <button id="c">Comment</button>
      <button id="d" aria-label="Attach file"></button>
      <form><button id="e" type="submit">Send</button><button id="f">Continue</button><button id="g" type="button">Preview</button></form>`);
    const get = (id: string) => page.doc.getElementById(id)!;
    expect(sendButton(click(get('a')))).toBe(get('a'));
    expect(sendButton(click(get('b')))).toBe(get('b'));
    expect(sendButton(click(get('c')))).toBe(get('c'));
    expect(sendButton(click(get('d')))).toBeNull();
    // A form's submit button, whatever its label (the page may send from its click handler).
    expect(sendButton(click(get('e')))).toBe(get('e'));
    expect(sendButton(click(get('f')))).toBe(get('f'));
    expect(sendButton(click(get('g')))).toBeNull();
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

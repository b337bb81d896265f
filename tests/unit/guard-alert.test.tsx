// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { hiddenBy, showAlert } from '../../components/alert/show';
import { alertWords } from '../../components/alert/words';
import type { AlertHandle, AlertRequest } from '../../utils/guard/alert';
import { isFromAlert, ownAlertHost } from '../../utils/guard/events';

const base: AlertRequest = {
  mode: 'block',
  event: 'paste',
  keys: [{ redacted: 'sk-proj-…Ab3d', label: 'OpenAI' }],
  allowInsertAnyway: true,
  requireJustification: false,
};

// The alert's shadow root is closed: the test keeps the roots it attaches, as only the content script could.
let roots: ShadowRoot[] = [];
const attach = Element.prototype.attachShadow;
let handles: AlertHandle[] = [];
const show = (request: AlertRequest) => {
  const handle = showAlert(document, request);
  handles.push(handle);
  return handle;
};
const host = () => document.querySelector('keyward-alert') as HTMLElement | null;
const shadow = () => roots[roots.length - 1]!;
const buttons = () => [...shadow().querySelectorAll('button')].map((b) => b.textContent?.trim());
const flush = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  roots = [];
  vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init: ShadowRootInit) {
    const root = attach.call(this, init);
    roots.push(root);
    return root;
  });
});

afterEach(() => {
  for (const h of handles.splice(0)) h.close();
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

describe('the in-page alert', () => {
  it('lives in a closed shadow root the page cannot open, says it is KeyWard, and is a live region', async () => {
    show(base);
    await flush();
    expect(host()!.shadowRoot, 'the page sees no shadow root').toBeNull();
    expect(roots).toHaveLength(1);
    expect(host()!.getAttribute('data-keyward-alert')).toBe('block');
    const card = shadow().querySelector('[role="alert"]')!;
    expect(card.getAttribute('aria-live')).toBe('assertive');
    const heading = shadow().getElementById(card.getAttribute('aria-labelledby')!)!;
    expect(heading.textContent).toContain('KeyWard stopped an API key');
    expect(heading.querySelector('svg')).not.toBeNull();
    expect(buttons()).toEqual(['Insert with key redacted', 'Insert anyway', 'Cancel']);
    expect(shadow().textContent).toContain('sk-proj-…Ab3d');
    expect(shadow().textContent).toContain('Alt+Shift+K to choose with the keyboard');
  });

  it('says how many more keys there are than it lists', async () => {
    show({ ...base, more: 99_980 });
    await flush();
    expect(shadow().textContent).toMatch(/…and 99,?980 more keys/);
  });

  it('while a big text is still scanned, says the count is a lower bound, then shows the whole count', async () => {
    const handle = show({ ...base, more: 1_499, counting: true });
    await flush();
    expect(shadow().textContent).toMatch(/KeyWard stopped at least 1,?500 API keys/);
    expect(shadow().textContent).toContain('…and more keys: still counting');
    handle.update({ keys: base.keys, more: 99_999, counting: false });
    await flush();
    expect(shadow().textContent).toMatch(/KeyWard stopped 100,?000 API keys/);
    expect(shadow().textContent).toMatch(/…and 99,?999 more keys/);
  });

  it('never takes focus from the field the user is typing in; Esc inside it cancels', async () => {
    const field = document.createElement('textarea');
    document.body.append(field);
    field.focus();
    const handle = show(base);
    await flush();
    expect(document.activeElement).toBe(field);
    expect(shadow().activeElement).toBeNull();
    shadow().querySelector('.card')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(await handle.result).toEqual({ kind: 'cancel' });
    expect(host()).toBeNull();
  });

  it('ignores "Insert anyway" clicked by a script and says so on the alert', async () => {
    const handle = show(base);
    await flush();
    shadow().querySelector<HTMLButtonElement>('button.insert-anyway')!.click();
    await flush();
    expect(host()).not.toBeNull();
    expect(shadow().querySelector('.refusal')!.textContent).toBe('KeyWard ignored that click: it did not come from you.');
    shadow().querySelector<HTMLButtonElement>('button.insert-redacted')!.click();
    expect(await handle.result).toEqual({ kind: 'redacted' });
  });

  it('leaves out "Insert anyway" where the policy does not allow it', async () => {
    show({ ...base, allowInsertAnyway: false });
    await flush();
    expect(buttons()).toEqual(['Insert with key redacted', 'Cancel']);
  });

  it('names its buttons after the act: send for a held message, attach for files, keep or put back for typing', async () => {
    show({ ...base, event: 'submit' });
    await flush();
    expect(buttons()).toEqual(['Send with key redacted', 'Send anyway', "Don't send"]);
    show({ ...base, event: 'upload', files: ['prod.env'] });
    await flush();
    expect(buttons()).toEqual(['Attach with key redacted', 'Attach anyway', "Don't attach"]);
    expect(shadow().textContent).toContain('"prod.env" contains an API key');
    show({ ...base, event: 'typing' });
    await flush();
    expect(buttons()).toEqual(['Keep key redacted', 'Put key back', 'Remove key']);
  });

  it('warns with "Remove key" and "Dismiss"; the redact notice is a polite status with "Dismiss"', async () => {
    const warn = show({ ...base, mode: 'warn' });
    await flush();
    expect(buttons()).toEqual(['Remove key', 'Dismiss']);
    shadow().querySelector<HTMLButtonElement>('button.remove-key')!.click();
    expect(await warn.result).toEqual({ kind: 'remove' });

    show({ ...base, mode: 'redact' });
    await flush();
    expect(shadow().querySelector('[role="status"]')!.textContent).toContain('KeyWard redacted an API key');
    expect(buttons()).toEqual(['Dismiss']);
  });

  it('shows one alert at a time: a new one closes the previous one as Cancel', async () => {
    const first = show(base);
    show({ ...base, mode: 'warn' });
    expect(await first.result).toEqual({ kind: 'cancel' });
    expect(document.querySelectorAll('keyward-alert')).toHaveLength(1);
  });

  it('shows labels, key forms and the organisation\'s name as text, never as markup', async () => {
    show({
      ...base,
      keys: [{ redacted: '<b>sk-…</b>', label: '<img src=x>' }],
      organization: { name: '<i>Acme</i>', helpUrl: 'https://help.example/keys' },
    });
    await flush();
    expect(shadow().querySelector('b, img, i')).toBeNull();
    expect(shadow().querySelector('.keys li')!.textContent).toBe('<b>sk-…</b> <img src=x>');
    expect(shadow().querySelector('.org')!.textContent).toBe('Managed by <i>Acme</i> · Help');
    const help = shadow().querySelector<HTMLAnchorElement>('.org a')!;
    expect([help.getAttribute('href'), help.target, help.rel]).toEqual(['https://help.example/keys', '_blank', 'noopener noreferrer']);
  });

  it('a refused click says why just above the buttons, once however often it is repeated', async () => {
    show(base);
    await flush();
    const anyway = shadow().querySelector<HTMLButtonElement>('button.insert-anyway')!;
    anyway.click();
    anyway.click();
    expect(shadow().querySelectorAll('.refusal')).toHaveLength(1);
    expect(shadow().querySelector('.refusal')!.nextElementSibling!.className).toBe('actions');
  });

  it('follows a dark page with its dark theme', async () => {
    document.body.style.backgroundColor = 'rgb(20, 20, 20)';
    show(base);
    await flush();
    expect(shadow().querySelector('.theme')!.className).toContain('dark');
    document.body.style.backgroundColor = '';
  });
});

describe('the alert tells the truth', () => {
  it('block: the page did not get the key; warn: it did', () => {
    for (const event of ['paste', 'drop', 'submit'] as const) {
      expect(alertWords(event, 'block', 1).message).toContain('this page did not receive the key');
      expect(alertWords(event, 'warn', 1).message).toContain('this page received the key');
    }
    expect(alertWords('upload', 'block', 1, ['a.env']).message).toContain('did not attach it');
    expect(alertWords('upload', 'warn', 1, ['a.env']).message).toContain('this page received the key');
  });

  it('names the files, and one file and several take their own verbs', () => {
    expect(alertWords('upload', 'block', 1, ['a.env']).message).toMatch(/^"a\.env" contains an API key\. KeyWard did not attach it:/);
    expect(alertWords('upload', 'block', 2, ['a.env', 'b.env']).message).toMatch(/^"a\.env" and 1 more file contain 2 API keys\. KeyWard did not attach them:/);
    expect(alertWords('drop', 'warn', 3, ['a.env', 'b.env', 'c.env']).message).toMatch(/^"a\.env" and 2 more files contain 3 API keys\. They were attached:/);
  });

  it('typing: never claims a typed key was stopped before the page saw it', () => {
    for (const mode of ['block', 'warn', 'redact'] as const) {
      const { title, message } = alertWords('typing', mode, 1);
      expect(`${title} ${message}`).not.toMatch(/before the page|did not receive/);
      expect(message).toMatch(/as you typed/);
    }
  });
});

describe('what a page cannot fake', () => {
  it('a page-made <keyward-alert> around its own composer is not the guard\'s alert', () => {
    const fake = document.createElement('keyward-alert');
    const composer = document.createElement('textarea');
    fake.append(composer);
    document.body.append(fake);
    const seen: boolean[] = [];
    window.addEventListener('input', (e) => seen.push(isFromAlert(e)), { capture: true, once: true });
    composer.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    expect(seen).toEqual([false]);

    const real = document.createElement('keyward-alert');
    ownAlertHost(real);
    document.body.append(real);
    window.addEventListener('input', (e) => seen.push(isFromAlert(e)), { capture: true, once: true });
    real.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    expect(seen).toEqual([false, true]);
  });

  it('an alert that is see-through, hidden or filtered, on itself or an ancestor up to <html>, is not visible', () => {
    const h = document.createElement('keyward-alert');
    document.body.append(h);
    expect(hiddenBy(h)).toBeNull();
    document.documentElement.style.opacity = '0';
    expect(hiddenBy(h)).toBe('see-through');
    document.documentElement.style.opacity = '';
    document.body.style.visibility = 'hidden';
    expect(hiddenBy(h)).toBe('hidden');
    document.body.style.visibility = '';
    h.style.opacity = '0.5';
    expect(hiddenBy(h)).toBe('see-through');
    h.style.opacity = '';
    document.body.style.filter = 'opacity(0)';
    expect(hiddenBy(h)).toBe('hidden');
    document.body.style.filter = '';
  });
});

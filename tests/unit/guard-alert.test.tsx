// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { currentAlert, showAlert, type AlertRequest } from '../../components/alert/show';

const base: AlertRequest = {
  mode: 'block',
  event: 'paste',
  keys: [{ redacted: 'sk-proj-…Ab3d', label: 'OpenAI' }],
  message: 'You pasted an API key. KeyWard stopped it before the page saw it.',
  allowInsertAnyway: true,
  requireJustification: false,
};

const host = () => document.querySelector('keyward-alert') as HTMLElement | null;
const shadow = () => host()!.shadowRoot!;
const buttons = () => [...shadow().querySelectorAll('button')].map((b) => b.textContent?.trim());
const flush = () => new Promise((r) => setTimeout(r, 0));

afterEach(() => {
  currentAlert(document)?.close();
  document.body.innerHTML = '';
});

describe('the in-page alert', () => {
  it('is an alertdialog in an open shadow root on <keyward-alert data-keyward-alert>, labelled by its heading', async () => {
    showAlert(document, base);
    await flush();
    expect(host()!.getAttribute('data-keyward-alert')).toBe('block');
    expect(host()!.getAttribute('data-keyward-event')).toBe('paste');
    const dialog = shadow().querySelector('[role="alertdialog"]')!;
    const heading = shadow().getElementById(dialog.getAttribute('aria-labelledby')!)!;
    expect(heading.textContent).toContain('API key stopped');
    expect(buttons()).toEqual(['Insert with key redacted', 'Insert anyway', 'Cancel']);
    expect(shadow().textContent).toContain('sk-proj-…Ab3d');
  });

  it('says how many more keys there are than it lists', async () => {
    showAlert(document, { ...base, more: 99_980 });
    await flush();
    expect(shadow().textContent).toMatch(/…and 99,?980 more keys/);
  });

  it('moves focus to its first button, and Esc cancels', async () => {
    const handle = showAlert(document, base);
    await flush();
    expect(shadow().activeElement?.textContent).toBe('Insert with key redacted');
    shadow().querySelector('.card')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(await handle.result).toEqual({ kind: 'cancel' });
    expect(host()).toBeNull();
  });

  it('a warning about a send already under way leaves focus where it was and announces itself as an alert', async () => {
    const field = document.createElement('input');
    document.body.append(field);
    field.focus();
    showAlert(document, { ...base, mode: 'warn', event: 'submit', takeFocus: false });
    await flush();
    expect(document.activeElement).toBe(field);
    expect(shadow().querySelector('[role="alert"]')).not.toBeNull();
    expect(shadow().querySelector('[role="alertdialog"]')).toBeNull();
    expect(buttons()).toEqual(['Remove key', 'Dismiss']);
  });

  it('ignores "Insert anyway" clicked by a script (an untrusted click)', async () => {
    const handle = showAlert(document, base);
    await flush();
    shadow().querySelector<HTMLButtonElement>('button.insert-anyway')!.click();
    await flush();
    expect(host()).not.toBeNull();
    shadow().querySelector<HTMLButtonElement>('button.insert-redacted')!.click();
    expect(await handle.result).toEqual({ kind: 'redacted' });
  });

  it('leaves out "Insert anyway" where the policy does not allow it', async () => {
    showAlert(document, { ...base, allowInsertAnyway: false });
    await flush();
    expect(buttons()).toEqual(['Insert with key redacted', 'Cancel']);
  });

  it('warns with "Remove key" and "Dismiss"; the redact notice is a status with "Dismiss"', async () => {
    const warn = showAlert(document, { ...base, mode: 'warn' });
    await flush();
    expect(buttons()).toEqual(['Remove key', 'Dismiss']);
    shadow().querySelector<HTMLButtonElement>('button.remove-key')!.click();
    expect(await warn.result).toEqual({ kind: 'remove' });

    showAlert(document, { ...base, mode: 'redact', message: 'KeyWard redacted an API key: only the redacted form went in.' });
    await flush();
    expect(shadow().querySelector('[role="status"]')!.textContent).toContain('redacted');
    expect(buttons()).toEqual(['Dismiss']);
  });

  it('shows one alert at a time: a new one closes the previous one as Cancel', async () => {
    const first = showAlert(document, base);
    showAlert(document, { ...base, mode: 'warn' });
    expect(await first.result).toEqual({ kind: 'cancel' });
    expect(document.querySelectorAll('keyward-alert')).toHaveLength(1);
  });

  it('follows a dark page with its dark theme', async () => {
    document.body.style.backgroundColor = 'rgb(20, 20, 20)';
    showAlert(document, base);
    await flush();
    expect(shadow().querySelector('.theme')!.className).toContain('dark');
    document.body.style.backgroundColor = '';
  });
});

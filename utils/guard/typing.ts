import type { KeyFinding } from '../detect/types';
import type { GuardCore } from './core';
import { keyTag, modeOf, touches } from './decide';
import { isFromAlert } from './events';
import { editContextOf, readAroundCaret } from './field-text';
import { fieldFromEvent, type Field } from './fields';
import { own, replaceInField } from './insert';

/** Characters read either side of the caret on each edit: longer than the longest key (about 170). */
export const TYPING_RADIUS = 300;
/** A key is alerted once the user has stopped typing in the field for this long (one alert per key, not one per character). */
export const TYPING_SETTLE_MS = 300;

/**
 * Typing and autocomplete: each `input` event scans only a bounded window around the caret (cost
 * independent of the field's size) and only keys that touch the caret count, i.e. keys this edit made.
 * IME composition is scanned when it ends. Pastes and drops are left to their own handlers.
 */
export function installTyping(core: GuardCore): void {
  const timers = new Map<Field, number>();
  /** Keys already alerted on this page, so a dismissed key does not alert again at every keystroke. */
  const seen = new Set<number>();
  /** Fields where the user's own input (a trusted event) made or changed a key since the last alert; the rest was the page's script. */
  const byUser = new WeakSet<Field>();

  const check = (field: Field, trusted: boolean) => {
    const around = readAroundCaret(field, TYPING_RADIUS);
    const made = core.scan(around.text).some((f) => (around.caret < 0 || touches(f, around.caret)) && !seen.has(keyTag(f.key)));
    if (!made) return;
    if (trusted) byUser.add(field);
    const previous = timers.get(field);
    if (previous !== undefined) core.win.clearTimeout(previous);
    timers.set(field, core.win.setTimeout(() => settle(field), TYPING_SETTLE_MS));
  };

  const settle = (field: Field) => {
    timers.delete(field);
    if (!field.isConnected) return;
    const action = core.action('typing');
    if (action === 'off') return;
    const around = readAroundCaret(field, TYPING_RADIUS);
    const findings = core.scan(around.text).filter((f) => !seen.has(keyTag(f.key)));
    if (findings.length === 0) return;
    for (const f of findings) seen.add(keyTag(f.key));
    const trusted = byUser.delete(field);
    void typed(core, field, findings, around.text, modeOf(action), trusted);
  };

  core.listen('input', (event) => {
    if (own.dispatching || isFromAlert(event)) return;
    const e = event as InputEvent;
    if (e.isComposing || (e.inputType ?? '').startsWith('insertFromPaste') || e.inputType === 'insertFromDrop') return;
    if (core.action('typing') === 'off') return;
    const field = fieldFromEvent(event);
    if (field) check(field, event.isTrusted !== false);
  });
  // An element with an EditContext (Monaco in Chromium) gets no input event: its text changes when
  // the EditContext's textupdate comes, after the element's first beforeinput.
  const hooked = new WeakSet<object>();
  core.listen('beforeinput', (event) => {
    const host = event.composedPath().find(editContextOf) as Field | undefined;
    const ec = editContextOf(host);
    if (!ec || hooked.has(ec)) return;
    hooked.add(ec);
    ec.addEventListener('textupdate', (e) => own.dispatching || core.action('typing') === 'off' || check(host!, e.isTrusted !== false), { signal: core.deps.signal });
  });
  core.listen('compositionend', (event) => {
    if (isFromAlert(event) || core.action('typing') === 'off') return;
    const field = fieldFromEvent(event);
    // The text is committed after compositionend in some browsers: look once it is in.
    if (field) core.win.setTimeout(() => check(field, event.isTrusted !== false), 0);
  });
}

async function typed(core: GuardCore, field: Field, findings: KeyFinding[], text: string, mode: 'block' | 'warn' | 'redact', trusted: boolean): Promise<void> {
  const raw = new Map(findings.map((f) => [f.key, text.slice(f.start, f.end)]));
  const redacted = new Map(findings.map((f) => [f.key, core.deps.redact(f.key)]));
  const swap = (keys: ReadonlySet<string>, from: Map<string, string>, to: (key: string) => string) =>
    replaceInField(field, new Map([...keys].map((k) => [from.get(k) ?? k, to(k)])));

  if (mode === 'block') {
    // The key is taken out at once (held in its redacted form) until the user decides.
    await swap(new Set(raw.keys()), raw, (k) => redacted.get(k)!);
  }
  await core.incident({
    kind: 'typing',
    mode,
    trusted,
    findings,
    anchor: field,
    message:
      mode === 'block'
        ? 'You typed an API key. KeyWard replaced it with its redacted form until you decide.'
        : 'An API key is in this field. Anything you send from here will include it.',
    async proceed(keys) {
      if (mode === 'redact') await swap(keys, raw, (k) => redacted.get(k)!);
      else if (mode === 'block') {
        // Insert anyway, or allowlisted: the keys not to redact go back where they were.
        const restore = new Set([...raw.keys()].filter((k) => !keys.has(k)));
        if (restore.size > 0) await swap(restore, redacted, (k) => k);
      }
    },
    async remove(keys) {
      await swap(keys, raw, () => '');
    },
    async cancel() {
      if (mode === 'block') await swap(new Set(raw.keys()), redacted, () => '');
    },
  });
}

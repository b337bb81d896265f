import type { KeyFinding } from '../detect/types';
import type { GuardCore } from './core';
import { keyTag, modeOf, rawSlices, touches } from './decide';
import { isFromAlert } from './events';
import { editContextOf, readAroundCaret, readField, selectionOf } from './field-text';
import { fieldFromEvent, isTextControl, type Field } from './fields';
import { dispatchOwn, own, replaceInField, replaceLocated } from './insert';

/** Characters read either side of the caret on each edit: longer than the longest key (about 170). */
export const TYPING_RADIUS = 300;
/** A key is alerted once the user has stopped typing in the field for this long (one alert per key, not one per character). */
export const TYPING_SETTLE_MS = 300;

/** Keys held out of one field in block mode: the raw text the user typed → the redacted form standing in for it. */
type Held = Map<string, string>;

/**
 * Typing and autocomplete: each `input` event scans only a bounded window around the caret (cost
 * independent of the field's size) and only keys that touch the caret count, i.e. keys this edit made.
 * IME composition is scanned when it ends. Pastes and drops are left to their own handlers, except
 * where they join text already in the field: a key pasted in two halves, or half typed and half
 * pasted, is caught when it is complete, as a typed key is.
 */
export function installTyping(core: GuardCore): void {
  const timers = new Map<Field, number>();
  /** Keys already alerted on this page, so a dismissed key does not alert again at every keystroke. */
  const seen = new Set<number>();
  /** Keys block mode took out of fields, which the page's undo must not bring back. */
  const held = new WeakMap<Field, Held>();
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
    void typed(core, field, findings, rawSlices(around.text, findings), modeOf(action), held, trusted);
  };

  /**
   * Text about to go in at the field's selection (a paste the paste handler let through): keys that
   * cross either edge of it, i.e. that it completes with text already there, are handled once it is in.
   * Only the text within a key's length of each edge is scanned, whatever the sizes of the paste and field.
   */
  const joins = (field: Field, inserted: string, trusted: boolean, span?: [number, number]) => {
    const edges = edgesOf(field, span);
    if (!edges) return;
    const { before, after } = edges;
    const parts =
      inserted.length <= 2 * TYPING_RADIUS
        ? [{ text: before + inserted + after, from: before.length, to: before.length + inserted.length }]
        : [
            { text: before + inserted.slice(0, TYPING_RADIUS), from: before.length, to: Infinity },
            { text: inserted.slice(-TYPING_RADIUS) + after, from: -1, to: TYPING_RADIUS },
          ];
    const findings: KeyFinding[] = [];
    const raw = new Map<string, string>();
    for (const { text, from, to } of parts) {
      for (const f of core.scan(text)) {
        const crosses = (at: number) => f.start < at && f.end > at;
        if (!(crosses(from) || crosses(to)) || seen.has(keyTag(f.key))) continue;
        findings.push(f);
        raw.set(f.key, text.slice(f.start, f.end));
      }
    }
    if (findings.length === 0) return;
    for (const f of findings) seen.add(keyTag(f.key));
    // Once the paste is in (the browser's or the editor's own paste handler puts it there in this task).
    core.win.setTimeout(() => void typed(core, field, findings, raw, modeOf(core.action('typing')), held, trusted), 0);
  };

  core.listen('input', (event) => {
    if (own.dispatching || isFromAlert(event)) return;
    const e = event as InputEvent;
    const field = fieldFromEvent(event);
    if (field && /^history(Undo|Redo)$/.test(e.inputType) && hold(field)) {
      // The page's undo brought back a key block mode took out: it goes out again before any page listener runs.
      event.stopImmediatePropagation();
      return;
    }
    if (e.isComposing || (e.inputType ?? '').startsWith('insertFromPaste') || e.inputType === 'insertFromDrop') return;
    if (core.action('typing') === 'off') return;
    if (field) check(field, event.isTrusted !== false);
  });
  core.listen('paste', (event) => {
    if (own.dispatching || isFromAlert(event) || core.action('typing') === 'off') return;
    const field = fieldFromEvent(event);
    const text = field && event.clipboardData?.getData('text/plain');
    if (text) joins(field, text, event.isTrusted);
  });
  core.listen('drop', (event) => {
    if (own.dispatching || isFromAlert(event) || core.action('typing') === 'off' || !event.dataTransfer?.types.includes('text/plain')) return;
    const field = fieldFromEvent(event);
    // Dropped text goes where the pointer is, not at the caret: look once it is in (it is then selected).
    if (field) core.win.setTimeout(() => afterDrop(field, event.isTrusted), 0);
  });
  const afterDrop = (field: Field, trusted: boolean) => {
    if (!isTextControl(field) || field.selectionStart === field.selectionEnd) return check(field, trusted);
    const start = field.selectionStart ?? 0;
    const end = field.selectionEnd ?? 0;
    joins(field, field.value.slice(start, end), trusted, [start, end]);
  };

  /**
   * Puts back the redacted form of any held key the field holds again, synchronously where the field
   * allows (text controls, plain rich text), so the page's listeners never see it. True if it did.
   */
  const hold = (field: Field): boolean => {
    const keys = held.get(field);
    if (!keys || keys.size === 0) return false;
    let found = false;
    for (const [raw, redacted] of keys) {
      // A textarea's history replayed over the guard's edits can bring a key back more than once.
      for (let from = 0; ; ) {
        const current = readField(field);
        const at = current.text.indexOf(raw, from);
        const located = at < 0 ? null : current.locate(at, at + raw.length);
        if (!located) break;
        found = true;
        if (located.kind === 'control') located.el.setRangeText(redacted, located.start, located.end, 'end');
        else if (located.kind === 'range') {
          located.range.deleteContents();
          located.range.insertNode(field.ownerDocument.createTextNode(redacted));
        } else void replaceLocated(located, redacted);
        // Past the replaced text; an editor's own replacement (replaceLocated) lands later, past the key.
        from = at + (located.kind === 'control' || located.kind === 'range' ? redacted.length : raw.length);
      }
    }
    if (found) dispatchOwn(field, new core.win.InputEvent('input', { bubbles: true, composed: true, inputType: 'insertReplacementText' }));
    return found;
  };
  // Editors with their own history (ProseMirror, Lexical, CodeMirror…) undo on the key press, with no
  // input event: look after it.
  core.listen('keydown', (event) => {
    if (!(event.ctrlKey || event.metaKey) || !/^[zy]$/i.test(event.key)) return;
    const field = fieldFromEvent(event);
    if (field && held.get(field)?.size) core.win.setTimeout(() => hold(field), 0);
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

/**
 * The field's text within a key's length before its selection's start and after its end (or the
 * `span` of a text control), or null when unknown.
 */
function edgesOf(field: Field, span?: [number, number]): { before: string; after: string } | null {
  if (isTextControl(field)) {
    let [start, end] = span ?? [field.value.length, field.value.length];
    if (!span) {
      try {
        start = field.selectionStart ?? start;
        end = field.selectionEnd ?? end;
      } catch {
        // type=email and friends: no selection API; text goes in at the end.
      }
    }
    return { before: field.value.slice(Math.max(0, start - TYPING_RADIUS), start), after: field.value.slice(end, end + TYPING_RADIUS) };
  }
  if (!editContextOf(field) && selectionOf(field)?.isCollapsed === false) return null;
  const around = readAroundCaret(field, TYPING_RADIUS);
  if (around.caret < 0) return null;
  return { before: around.text.slice(0, around.caret), after: around.text.slice(around.caret) };
}

async function typed(
  core: GuardCore,
  field: Field,
  findings: KeyFinding[],
  raw: Map<string, string>,
  mode: 'block' | 'warn' | 'redact',
  held: WeakMap<Field, Held>,
  trusted: boolean,
): Promise<void> {
  const redacted = new Map(findings.map((f) => [f.key, core.deps.redact(f.key)]));
  const swap = (keys: ReadonlySet<string>, from: Map<string, string>, to: (key: string) => string) =>
    replaceInField(field, new Map([...keys].map((k) => [from.get(k) ?? k, to(k)])));
  const holding = held.get(field) ?? new Map<string, string>();
  const release = (keys: Iterable<string>) => {
    for (const k of keys) holding.delete(raw.get(k) ?? k);
  };

  if (mode === 'block') {
    // The key is taken out at once (held in its redacted form) until the user decides, and the
    // page's undo does not bring it back.
    for (const [k, r] of raw) holding.set(r, redacted.get(k)!);
    held.set(field, holding);
    await swap(new Set(raw.keys()), raw, (k) => redacted.get(k)!);
  }
  await core.incident({
    kind: 'typing',
    mode,
    trusted,
    findings,
    anchor: field,
    async proceed(keys) {
      if (mode === 'redact') await swap(keys, raw, (k) => redacted.get(k)!);
      else if (mode === 'block') {
        // Insert anyway, or allowlisted: the keys not to redact go back where they were.
        const restore = new Set([...raw.keys()].filter((k) => !keys.has(k)));
        release(restore);
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

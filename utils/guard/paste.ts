import type { KeyFinding } from '../detect/types';
import type { GuardCore, GuardWindow } from './core';
import { modeOf } from './decide';
import { editedFieldFromEvent } from './field-text';
import type { Field } from './fields';
import { dispatchOwn, followEdits, insertAt, makePaste, own, replaceInField, saveSelection, type SavedSelection } from './insert';
import { isFromAlert, markDecided, recent, stopHard } from './events';
import { pasteFiles } from './paste-files';

/**
 * Paste: the clipboard's plain text and HTML are scanned in the window's capture phase, before any
 * page handler. Block and redact stop the event there (the page never sees the key) and insert the
 * chosen text later; warn lets it through and offers to remove the key.
 * `beforeinput` insertFromPaste is a second line for editors reached some other way.
 */
export function installPaste(core: GuardCore): void {
  core.listen('paste', (event) => {
    if (own.dispatching || isFromAlert(event)) return;
    markDecided(core.win);
    const action = core.action('paste');
    if (action === 'off') return;
    const data = event.clipboardData;
    if (!data) return;
    // Pasted files (a file copied in the file manager): read by content, see paste-files.ts.
    if (pasteFiles(core, event)) return;
    const plain = data.getData('text/plain');
    const html = data.getData('text/html');
    const { findings, all } = core.scanToDecide(plain, html);
    if (findings.length === 0) return;
    const target = event.composedPath()[0] ?? event.target!;
    const field = editedFieldFromEvent(event);
    handleText(core, 'paste', event, field, saveSelection(field), { plain, html, findings, all }, modeOf(action), (p, h) =>
      redispatchPaste(core.win, target, p, h),
    );
  });

  // The second line: an editor's paste or drop that arrives as beforeinput without its paste/drop event having been seen.
  core.listen('beforeinput', (event) => {
    if (own.dispatching || recent.decided || isFromAlert(event)) return;
    const kind = /^insertFromPaste/.test(event.inputType) ? 'paste' : event.inputType === 'insertFromDrop' ? 'drop' : null;
    if (!kind) return;
    const action = core.action(kind);
    if (action === 'off' || action === 'warn') return;
    const plain = event.dataTransfer?.getData('text/plain') ?? event.data ?? '';
    const html = event.dataTransfer?.getData('text/html') ?? '';
    const findings = core.scan(plain, html);
    if (findings.length === 0) return;
    const field = editedFieldFromEvent(event);
    handleText(core, kind, event, field, saveSelection(field), { plain, html, findings }, modeOf(action), () => {});
  });
}

/**
 * Pasted or dropped text with keys: block and redact stop the event and insert the chosen text later
 * (in `field` at `saved`, or handed back to the page by `redispatch` when the target is no field);
 * warn lets it through and can take the keys out again.
 */
export function handleText(
  core: GuardCore,
  kind: 'paste' | 'drop',
  event: Event,
  field: Field | null,
  saved: SavedSelection,
  text: { plain: string; html: string; findings: KeyFinding[]; all?: Promise<KeyFinding[]> },
  mode: 'block' | 'warn' | 'redact',
  redispatch: (plain: string, html: string) => void,
): void {
  const { plain, html, findings, all } = text;
  if (mode !== 'warn') stopHard(event);
  // The user may type on while the alert is up: the stopped text still goes where it was pasted.
  const stopFollowing = mode === 'block' && kind === 'paste' ? followEdits(field, saved) : () => {};
  const incident = () =>
    core.incident({
      kind,
      mode,
      trusted: event.isTrusted,
      findings,
      all,
      anchor: field ?? (event.composedPath()[0] as Element | undefined) ?? null,
      async proceed(keys) {
        stopFollowing();
        const clean = await core.redactKeys(plain, keys);
        const cleanHtml = html && (await core.redactKeys(html, keys));
        if (field) await insertAt(field, saved, clean, cleanHtml || undefined);
        else redispatch(clean, cleanHtml);
      },
      async remove(keys) {
        // Offsets of the plain text's own findings (a key found only in the HTML is removed by its text).
        const raw = new Map(core.deps.findKeys(plain).map((f) => [f.key, plain.slice(f.start, f.end)]));
        if (field) await replaceInField(field, new Map([...keys].map((k) => [raw.get(k) ?? k, ''])));
      },
    });
  // Warn lets the text in: the browser inserts it after this event's listeners, so the alert waits
  // for the next task. Shown at once, it could take focus first (Chromium settles the fingerprints
  // between two listeners of the same paste) and the browser then inserted the text nowhere.
  if (mode === 'warn') core.win.setTimeout(() => void incident(), 0);
  else void incident().finally(stopFollowing);
}

/** A paste into no field (a page-level paste handler): hand the page the chosen text as a paste. */
function redispatchPaste(win: GuardWindow, target: EventTarget, text: string, html: string): void {
  const paste = makePaste(win, text, html);
  if (paste) dispatchOwn(target, paste);
}

import type { GuardCore, GuardWindow } from './core';
import { modeOf, replaceFindings } from './decide';
import { isFromAlert, markDecided, stopHard } from './events';
import { describeFiles, fileNamesWithKeys, pageTransfer, readableFiles, readTexts, redactedFiles } from './files';
import { fieldFromEvent, isTextControl, type Field } from './fields';
import { dispatchOwn, own, USER_EVENT, saveSelection, type SavedSelection } from './insert';
import { handleText } from './paste';

/**
 * Drop: dropped text is scanned at once (like a paste); dropped text files are read after the drop
 * is stopped, then a fresh drop with the same (or redacted) files is handed to the page.
 */
export function installDrop(core: GuardCore): void {
  core.listen('drop', (event) => {
    if (own.dispatching || isFromAlert(event)) return;
    markDecided(core.win);
    const action = core.action('drop');
    const data = event.dataTransfer;
    if (action === 'off' || !data) return;
    const plain = data.getData('text/plain');
    const html = data.getData('text/html');
    const files = [...data.files];
    const textFindings = core.scan(plain, html);
    const readable = readableFiles(files);
    if (textFindings.length === 0 && readable.length === 0) return;
    const mode = modeOf(action);
    const field = fieldFromEvent(event);
    const target = (event.composedPath()[0] ?? event.target) as Element;
    const point = { clientX: event.clientX, clientY: event.clientY, screenX: event.screenX, screenY: event.screenY };

    if (readable.length === 0) {
      const saved = dropSelection(core.doc, field, point.clientX, point.clientY);
      handleText(core, 'drop', event, saved, { plain, html, findings: textFindings }, mode, (p, h) => redispatchDrop(core.win, target, point, files, p, h));
      return;
    }

    // Files must be read before deciding, and a drop cannot wait: stop it, decide, then replay it.
    stopHard(event);
    void (async () => {
      const texts = await readTexts(files);
      const findings = core.scan(plain, html, ...texts.filter((t): t is string => t !== null));
      if (findings.length === 0 || core.action('drop') === 'off') {
        redispatchDrop(core.win, target, point, files, plain, html);
        return;
      }
      const names = fileNamesWithKeys(core, files, texts);
      if (mode === 'warn') redispatchDrop(core.win, target, point, files, plain, html);
      await core.incident({
        kind: 'drop',
        mode,
        trusted: event.isTrusted,
        findings,
        anchor: field ?? target,
        message:
          mode === 'warn'
            ? `${describeFiles(names)} contains an API key and was dropped.`
            : `${describeFiles(names)} contains an API key. KeyWard stopped the drop before the page saw it.`,
        proceed(keys) {
          const redact = (text: string) => replaceFindings(text, core.deps.findKeys(text), (f) => (keys.has(f.key) ? core.deps.redact(f.key) : undefined));
          redispatchDrop(core.win, target, point, redactedFiles(core, files, texts, keys), redact(plain), html ? redact(html) : '');
        },
      });
    })();
  });
}

/** Where dropped text would have gone: the caret position under the pointer in rich text, else the field's selection. */
function dropSelection(doc: Document, field: Field | null, x: number, y: number): SavedSelection {
  if (!field || isTextControl(field)) return saveSelection(field);
  const d = doc as Document & { caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null };
  let range: Range | null = null;
  if (typeof d.caretPositionFromPoint === 'function') {
    const pos = d.caretPositionFromPoint(x, y);
    if (pos) {
      range = doc.createRange();
      range.setStart(pos.offsetNode, pos.offset);
    }
  } else if (typeof doc.caretRangeFromPoint === 'function') {
    range = doc.caretRangeFromPoint(x, y);
  }
  if (range && field.contains(range.startContainer)) return { kind: 'range', range };
  return saveSelection(field);
}

/** Hands the page a fresh drop, as the user's drop would have been with these contents. */
function redispatchDrop(
  win: GuardWindow,
  target: Element,
  point: { clientX: number; clientY: number; screenX: number; screenY: number },
  files: readonly File[],
  plain: string,
  html: string,
): void {
  if (!target.isConnected) return;
  const data = pageTransfer(win, files);
  if (plain) data.setData('text/plain', plain);
  if (html) data.setData('text/html', html);
  dispatchOwn(target, new win.DragEvent('drop', { ...point, ...USER_EVENT, dataTransfer: data }));
}

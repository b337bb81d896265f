import type { GuardCore, GuardWindow } from './core';
import { modeOf } from './decide';
import { isFromAlert, markDecided, stopHard } from './events';
import { pageTransfer, settleFiles } from './files';
import { editedFieldFromEvent } from './field-text';
import { fieldFromEvent, isTextControl, type Field } from './fields';
import { dispatchOwn, own, USER_EVENT, saveSelection, type SavedSelection } from './insert';
import { handleText } from './paste';

/**
 * Drop: dropped text is scanned at once (like a paste); a drop with files is stopped, the files are
 * read by content (files.ts), then a fresh drop with the same (or redacted) files is handed to the page.
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
    if (textFindings.length === 0 && files.length === 0) return;
    const mode = modeOf(action);
    const field = fieldFromEvent(event);
    const target = (event.composedPath()[0] ?? event.target) as Element;
    const point = { clientX: event.clientX, clientY: event.clientY, screenX: event.screenX, screenY: event.screenY };

    if (files.length === 0) {
      const saved = dropSelection(core.doc, field, point.clientX, point.clientY);
      // The alert's actions act on the field the text was dropped in, an EditContext's element included.
      const edited = editedFieldFromEvent(event);
      handleText(core, 'drop', event, edited, saved, { plain, html, findings: textFindings }, mode, (p, h) => redispatchDrop(core.win, target, point, files, p, h));
      return;
    }

    // Files are judged by their content, which takes reading: stop the drop, decide, then replay it.
    stopHard(event);
    void settleFiles(core, files, {
      trusted: event.isTrusted,
      kind: 'drop',
      anchor: field ?? target,
      textFindings,
      deliver: async (chosen, keys) => redispatchDrop(core.win, target, point, chosen, await core.redactKeys(plain, keys), html ? await core.redactKeys(html, keys) : ''),
    });
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

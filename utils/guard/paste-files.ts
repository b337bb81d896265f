import type { GuardCore, GuardWindow } from './core';
import { stopHard } from './events';
import { pageTransfer, settleFiles } from './files';
import { fieldFromEvent } from './fields';
import { dispatchOwn, insertAt, saveSelection, USER_EVENT } from './insert';

/**
 * Pasted files (`clipboardData.files`: a file copied in the file manager and pasted into a chat site,
 * which uploads it). A paste that carries a file other than an image is stopped, its files are read by
 * content (files.ts), and the page gets a fresh paste with the same (or redacted) files and text.
 * Images are left alone: they are what the clipboard offers for screenshots and copied cells, and
 * stopping those would replay every ordinary image paste. Returns whether it took the paste.
 */
export function pasteFiles(core: GuardCore, event: ClipboardEvent): boolean {
  const data = event.clipboardData;
  const files = [...(data?.files ?? [])];
  if (!data || !files.some((f) => !/^image\//.test(f.type))) return false;
  const plain = data.getData('text/plain');
  const html = data.getData('text/html');
  const target = (event.composedPath()[0] ?? event.target) as Element;
  const field = fieldFromEvent(event);
  const saved = saveSelection(field);
  stopHard(event);
  void settleFiles(core, files, {
    trusted: event.isTrusted,
    kind: 'paste',
    anchor: field ?? target,
    textFindings: core.scan(plain, html),
    async deliver(chosen, keys) {
      if (!target.isConnected) return;
      const text = await core.redactKeys(plain, keys);
      const rich = html && (await core.redactKeys(html, keys));
      const paste = makeFilePaste(core.win, chosen);
      if (text) paste.clipboardData?.setData('text/plain', text);
      if (rich) paste.clipboardData?.setData('text/html', rich);
      // A page that took the paste has the files; otherwise the text goes in as the browser's paste would have put it.
      if (dispatchOwn(target, paste) && text && field) await insertAt(field, saved, text, rich || undefined);
    },
  });
  return true;
}

/**
 * A paste event carrying files that the page can read. Firefox ignores `clipboardData` in the init
 * dictionary and makes its own, and hides items a content script adds through its Xray view: there
 * the event is made with the page's own constructor and filled through it (as pageTransfer does).
 */
function makeFilePaste(win: GuardWindow, files: readonly File[]): ClipboardEvent {
  const page = (win as { wrappedJSObject?: GuardWindow }).wrappedJSObject;
  const cloneInto = (globalThis as { cloneInto?: <T>(value: T, target: object) => T }).cloneInto;
  if (!page || !cloneInto) return new win.ClipboardEvent('paste', { ...USER_EVENT, clipboardData: pageTransfer(win, files) });
  const paste = new page.ClipboardEvent('paste', cloneInto(USER_EVENT, page));
  for (const f of files) paste.clipboardData?.items.add(f);
  return paste;
}

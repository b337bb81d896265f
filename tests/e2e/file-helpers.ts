import type { GuardPage } from './guard-helpers';

/**
 * Files for the file specs, made in the page: text, bytes (base64, e.g. a zip built in Node by
 * tests/helpers/zip.ts), or a large file filled with one byte (made in the page, never sent over the wire).
 */
export interface FileSpec {
  name: string;
  type?: string;
  text?: string;
  base64?: string;
  /** `size` bytes of `byte` (default 'a'), after `prefix` and before `suffix`. */
  fill?: { size: number; byte?: number; prefix?: string; suffix?: string };
}

export const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** The in-page builder, as source (each evaluate defines it again: functions do not cross into the page). */
type Build = (spec: FileSpec) => File;
declare global {
  interface Window {
    __kwBuildFile?: Build;
  }
}

async function installBuilder(g: GuardPage): Promise<void> {
  await g.page.evaluate(() => {
    window.__kwBuildFile = (spec) => {
      const parts: BlobPart[] = [];
      if (spec.text !== undefined) parts.push(spec.text);
      if (spec.base64 !== undefined) parts.push(Uint8Array.from(atob(spec.base64), (c) => c.charCodeAt(0)));
      if (spec.fill) parts.push(spec.fill.prefix ?? '', new Uint8Array(spec.fill.size).fill(spec.fill.byte ?? 0x61), spec.fill.suffix ?? '');
      return new File(parts, spec.name, { type: spec.type ?? '' });
    };
  });
}

/**
 * Chooses files in a file input as a file picker does: the list set, then a composed `input` and a
 * `change` that is not composed. `input` is a CSS selector, or a window property naming an input the
 * page keeps (one inside a closed shadow root). Returns how many files the input held right after the
 * events, as page code running next would see them.
 */
export async function chooseFiles(g: GuardPage, input: string, files: FileSpec[]): Promise<number> {
  await installBuilder(g);
  return g.page.evaluate(
    ({ input, files }) => {
      const el = (input.startsWith('window.') ? (window as unknown as Record<string, HTMLInputElement>)[input.slice(7)] : document.querySelector<HTMLInputElement>(input))!;
      const transfer = new DataTransfer();
      for (const spec of files) transfer.items.add(window.__kwBuildFile!(spec));
      el.files = transfer.files;
      el.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
      return el.files?.length ?? 0;
    },
    { input, files },
  );
}

/** A synthetic drop of files on a field. */
export async function dropFiles(g: GuardPage, field: string, files: FileSpec[]): Promise<void> {
  await installBuilder(g);
  await g.focus(field);
  await g.page.evaluate(
    ({ name, files }) => {
      const f = window.__kw.fields[name]!;
      const target = f.dropTarget?.() ?? f.target();
      const transfer = new DataTransfer();
      for (const spec of files) transfer.items.add(window.__kwBuildFile!(spec));
      const rect = target.getBoundingClientRect();
      const init = { bubbles: true, cancelable: true, composed: true, dataTransfer: transfer, clientX: rect.left + 10, clientY: rect.top + 10 };
      target.dispatchEvent(new DragEvent('dragenter', init));
      target.dispatchEvent(new DragEvent('dragover', init));
      target.dispatchEvent(new DragEvent('drop', init));
    },
    { name: field, files },
  );
}

/**
 * A synthetic paste of files (`clipboardData.files`, as after copying a file in the file manager) into a
 * field. Chromium takes a DataTransfer in `clipboardData`; Firefox makes its own, which takes files
 * once made. Returns false when the event could not carry the files.
 */
export async function pasteFiles(g: GuardPage, field: string, files: FileSpec[]): Promise<boolean> {
  await installBuilder(g);
  await g.focus(field);
  return g.page.evaluate(
    ({ name, files }) => {
      const target = window.__kw.fields[name]!.target();
      const built = files.map((spec) => window.__kwBuildFile!(spec));
      const transfer = new DataTransfer();
      for (const file of built) transfer.items.add(file);
      const event = new ClipboardEvent('paste', { bubbles: true, cancelable: true, composed: true, clipboardData: transfer });
      if (event.clipboardData && event.clipboardData.files.length === 0) for (const file of built) event.clipboardData.items.add(file);
      if (event.clipboardData?.files.length !== built.length) return false;
      target.dispatchEvent(event);
      return true;
    },
    { name: field, files },
  );
}

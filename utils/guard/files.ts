import type { GuardCore, GuardWindow } from './core';
import { replaceFindings } from './decide';

/** Text files larger than this are not read (and go through as they are). */
export const MAX_TEXT_FILE_BYTES = 1024 * 1024;

const TEXT_TYPES = /^text\/|[/+](json|xml|javascript|ecmascript|x-sh|x-shellscript|x-python|x-yaml|yaml|toml|sql|csv|x-httpd-php|x-ruby|x-perl|x-ipynb\+json)\b/i;
const TEXT_EXTENSIONS = new Set(
  (
    'txt md markdown rst env json jsonc json5 js mjs cjs ts mts cts tsx jsx py ipynb rb go rs java kt kts swift c h cc cpp hpp cs php ' +
    'sh bash zsh fish ps1 bat cmd yaml yml toml ini cfg conf config properties xml html htm css scss less csv tsv log sql ' +
    'tf tfvars hcl gradle dockerfile lock pem key npmrc pypirc netrc vue svelte dart lua r pl scala ex exs erl clj sbt'
  ).split(' '),
);

/** Whether a file is worth reading as text: by MIME type, extension, or a dotfile / extensionless name like `.env` or `Dockerfile`. */
export function isTextLikeFile(file: Pick<File, 'name' | 'type'>): boolean {
  if (file.type && TEXT_TYPES.test(file.type)) return true;
  const name = file.name.toLowerCase();
  const dot = name.lastIndexOf('.');
  if (dot < 0) return file.type === '';
  const ext = name.slice(dot + 1);
  if (TEXT_EXTENSIONS.has(ext)) return true;
  // `.env.local`, `.env.production`: a dotfile whose first part is known.
  const first = name.split('.')[1] ?? '';
  return name.startsWith('.') && TEXT_EXTENSIONS.has(first);
}

/** The files worth reading: text-like and at most {@link MAX_TEXT_FILE_BYTES}. */
export function readableFiles(files: Iterable<File>): File[] {
  return [...files].filter((f) => f.size <= MAX_TEXT_FILE_BYTES && isTextLikeFile(f));
}

/** Each file's text (null for files not read). */
export async function readTexts(files: readonly File[]): Promise<(string | null)[]> {
  return Promise.all(
    files.map(async (f) => {
      if (f.size > MAX_TEXT_FILE_BYTES || !isTextLikeFile(f)) return null;
      try {
        return await f.text();
      } catch {
        return null;
      }
    }),
  );
}

/** The files again, with the keys in `keys` redacted in those that held them (a new File each). */
export function redactedFiles(core: GuardCore, files: readonly File[], texts: readonly (string | null)[], keys: ReadonlySet<string>): File[] {
  if (keys.size === 0) return [...files];
  return files.map((file, i) => {
    const text = texts[i];
    if (text == null) return file;
    const findings = core.deps.findKeys(text);
    if (!findings.some((f) => keys.has(f.key))) return file;
    const clean = replaceFindings(text, findings, (f) => (keys.has(f.key) ? core.deps.redact(f.key) : undefined));
    return new core.win.File([clean], file.name, { type: file.type, lastModified: file.lastModified });
  });
}

/** Names of the files that held keys, for the alert's message. */
export function fileNamesWithKeys(core: GuardCore, files: readonly File[], texts: readonly (string | null)[]): string[] {
  return files.filter((_, i) => texts[i] != null && core.scan(texts[i]!).length > 0).map((f) => f.name);
}

/**
 * A new DataTransfer the page can read. Firefox hides items a content script adds from the page (they
 * carry the extension's principal), so there it is made and filled through the page's own constructor.
 */
export function pageTransfer(win: GuardWindow, files: readonly File[] = []): DataTransfer {
  const page = (win as { wrappedJSObject?: GuardWindow }).wrappedJSObject;
  const data = page ? new page.DataTransfer() : new win.DataTransfer();
  for (const f of files) data.items.add(f);
  return data;
}

/** A FileList made of these files. */
export function toFileList(win: GuardWindow, files: readonly File[]): FileList {
  return pageTransfer(win, files).files;
}

/** "a.env" or "a.env and 2 more files". */
export function describeFiles(names: readonly string[]): string {
  const first = names[0] ?? 'This file';
  const quoted = names[0] ? `"${first}"` : first;
  return names.length > 1 ? `${quoted} and ${names.length - 1} more file${names.length > 2 ? 's' : ''}` : quoted;
}

import type { KeyFinding } from '../detect/types';
import { formatNumber, t, type MessageKey } from '../i18n';
import type { GuardCore, GuardWindow } from './core';
import { modeOf, uniqueKeys } from './decide';
import { entryStream, isZip, listZip, ownBytes, readBytes } from './zip';

/**
 * Files, judged by their bytes and never by their name: text of any name (`.bashrc`, `.har`, a file
 * with no extension) is scanned whole, in windows, so a 100 MB log never sits in one string or one
 * long task; binary files are recognised by their first bytes and skipped; zip archives are scanned
 * inside, within {@link ZIP_LIMITS}. What cannot be checked (too large, too deep) is held or let
 * through as the `oversizeFiles` setting says, with a message that says so.
 */

/** Text files up to this size are scanned whole; larger ones are not checked (`oversizeFiles` decides). */
export const MAX_TEXT_FILE_BYTES = 100 * 1024 * 1024;
/** Bounds on what one file's archives may hold, so a zip bomb cannot hurt the tab. */
export const ZIP_LIMITS = { entries: 10_000, depth: 3, inflated: MAX_TEXT_FILE_BYTES };

/** Bytes read (and characters scanned) per step; the page runs between steps. */
const CHUNK = 1024 * 1024;
/** Characters carried from one window to the next: longer than any key, so a key across a chunk edge is found whole. */
const OVERLAP = 4096;
/** Characters before a window's own part, so a key at its start is judged with what precedes it. */
const CONTEXT = 64;

/** What a file's bytes are. */
export type FileKind = 'text' | 'binary' | 'zip';

/** One file, checked. */
export interface FileCheck {
  file: File;
  kind: FileKind;
  findings: KeyFinding[];
  /** Why the file (or part of an archive) was not checked, naming it: `"huge.log" is larger than 100 MB`; undefined when checked whole. */
  unchecked?: string;
  /** The encoding its text was read with. */
  encoding?: string;
}

/** A reason a file is not checked: a message whose `$1` is the file's name, and the rest of its arguments. */
class Unchecked extends Error {
  constructor(
    readonly reason: MessageKey,
    readonly args: (string | number)[] = [],
  ) {
    super(reason);
  }
}

const MB = 1024 * 1024;

// First bytes of common binary formats whose first kilobytes may hold no NUL byte (images, compressed
// streams, PDF): PNG, JPEG, GIF, PDF, gzip, bzip2, xz, zstd, 7z, RAR, Ogg, FLAC, MP3, RIFF, wasm, ELF, SQLite.
const MAGIC = /^(89504e47|ffd8ff|47494638|25504446|1f8b|425a68|fd377a585a|28b52ffd|377abcaf|52617221|4f676753|664c6143|494433|52494646|0061736d|7f454c46|53514c69)/;

/**
 * What the first bytes of a file say it is: a zip archive, binary (a known magic number, a NUL byte,
 * or more than 10% of characters that are not text), or text and its encoding.
 */
export function kindOf(head: Uint8Array): { kind: FileKind; encoding?: string } {
  if (isZip(head)) return { kind: 'zip' };
  if (head[0] === 0xff && head[1] === 0xfe) return { kind: 'text', encoding: 'utf-16le' };
  if (head[0] === 0xfe && head[1] === 0xff) return { kind: 'text', encoding: 'utf-16be' };
  let hex = '';
  for (const b of head.subarray(0, 8)) hex += b.toString(16).padStart(2, '0');
  if (MAGIC.test(hex) || head.includes(0)) return { kind: 'binary' };
  // `stream`: a character cut by the end of the sample is not counted as invalid.
  const sample = new TextDecoder().decode(head.subarray(0, 8192), { stream: true });
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0xfffd || (c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13 && c !== 27)) odd++;
  }
  return odd * 10 > sample.length ? { kind: 'binary' } : { kind: 'text', encoding: 'utf-8' };
}

async function* blobChunks(blob: Blob): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < blob.size; at += CHUNK) yield await readBytes(blob.slice(at, at + CHUNK));
}

/** An archive entry's inflated bytes, counted against the archive's budget as they come. */
async function* entryChunks(stream: ReadableStream<Uint8Array>, budget: { inflated: number }): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      const bytes = ownBytes(value);
      budget.inflated += bytes.length;
      if (budget.inflated > ZIP_LIMITS.inflated) throw new Unchecked('file_unpacksTooBig', [ZIP_LIMITS.inflated / MB]);
      yield bytes;
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}

/**
 * Decodes byte chunks and hands them on in windows of about {@link CHUNK} characters:
 * `visit(text, own, cut)`, where findings starting in `[own, cut)` belong to this window (each key is
 * judged in exactly one window, whole, and with the characters before it).
 */
async function eachWindow(chunks: AsyncIterable<Uint8Array>, encoding: string, visit: (text: string, own: number, cut: number) => void): Promise<void> {
  const decoder = new TextDecoder(encoding);
  let text = '';
  let own = 0;
  for await (const bytes of chunks) {
    text += decoder.decode(bytes, { stream: true });
    if (text.length < CHUNK) continue;
    const cut = text.length - OVERLAP;
    visit(text, own, cut);
    text = text.slice(cut - CONTEXT);
    own = CONTEXT;
  }
  text += decoder.decode();
  visit(text, own, text.length);
}

async function* prepend(head: Uint8Array, rest: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield head;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

/** Checks bytes (a file, or an archive entry at `depth`) into `check`. */
async function checkBytes(core: GuardCore, chunks: AsyncIterable<Uint8Array>, blob: Blob | null, depth: number, budget: { inflated: number; entries: number }, check: FileCheck): Promise<FileKind> {
  const it = chunks[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return 'text';
  const { kind, encoding } = kindOf(first.value);
  const all = prepend(first.value, it);
  if (kind === 'binary') {
    await it.return?.();
    return kind;
  }
  if (kind === 'zip') {
    if (depth >= ZIP_LIMITS.depth) throw new Unchecked('file_nestedTooDeep', [ZIP_LIMITS.depth]);
    const parts: Uint8Array[] = [];
    if (!blob) for await (const bytes of all) parts.push(bytes);
    const archive = blob ?? new Blob(parts as BlobPart[]);
    const entries = await listZip(archive, ZIP_LIMITS.entries - budget.entries).catch((e: Error) => {
      throw /entries/.test(e.message) ? new Unchecked('file_tooManyFiles', [formatNumber(ZIP_LIMITS.entries)]) : new Unchecked('file_notZip');
    });
    budget.entries += entries.length;
    for (const entry of entries) {
      // Folders hold nothing; an encrypted entry's bytes are not its text.
      if (entry.name.endsWith('/') || entry.encrypted) continue;
      const stream = await entryStream(archive, entry);
      if (!stream) throw new Unchecked('file_packedUnreadably', [entry.name]);
      await checkBytes(core, entryChunks(stream, budget), null, depth + 1, budget, check);
    }
    return kind;
  }
  if (blob && blob.size > MAX_TEXT_FILE_BYTES) {
    await it.return?.();
    throw new Unchecked('file_tooLarge', [MAX_TEXT_FILE_BYTES / MB]);
  }
  check.encoding = encoding;
  await eachWindow(all, encoding!, (text, own, cut) => {
    for (const f of core.deps.findKeys(text)) if (f.start >= own && f.start < cut) check.findings.push(f);
  });
  return kind;
}

/** Reads a file by its content: its kind, its keys, and what could not be checked. */
export async function checkFile(core: GuardCore, file: File): Promise<FileCheck> {
  const check: FileCheck = { file, kind: 'binary', findings: [] };
  try {
    check.kind = await checkBytes(core, blobChunks(file), file, 0, { inflated: 0, entries: 0 }, check);
  } catch (error) {
    check.unchecked = error instanceof Unchecked ? t(error.reason, file.name, ...error.args) : t('file_unreadable', file.name);
  }
  return check;
}

/**
 * The file with the keys in `keys` replaced by their redacted form (read again, window by window), the
 * file itself when it held none of them, or null for an archive that did (it is left out: KeyWard does
 * not rewrite archives).
 */
async function redactFile(core: GuardCore, check: FileCheck, keys: ReadonlySet<string>): Promise<File | null> {
  const { file } = check;
  if (!check.findings.some((f) => keys.has(f.key))) return file;
  if (check.kind !== 'text') return null;
  const parts: string[] = [];
  let past = 0;
  await eachWindow(blobChunks(file), check.encoding ?? 'utf-8', (text, own, cut) => {
    let at = own + past;
    for (const f of core.deps.findKeys(text)) {
      if (f.start < at || f.start >= cut || !keys.has(f.key)) continue;
      parts.push(text.slice(at, f.start), core.deps.redact(f.key));
      at = f.end;
    }
    if (at < cut) parts.push(text.slice(at, cut));
    past = Math.max(at, cut) - cut;
  });
  return new core.win.File(parts, file.name, { type: file.type, lastModified: file.lastModified });
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

/** How files reach the page for one kind of event, and the words the alert uses for it. */
export interface FileRoute {
  kind: 'upload' | 'drop' | 'paste';
  anchor: Element | null;
  /** false: a script-made event (handled the same, not recorded as the user's sighting). */
  trusted?: boolean;
  /** Keys found in text that came with the files (a drop's or paste's text). */
  textFindings?: readonly KeyFinding[];
  /** Hands the page these files, with the keys in `keys` redacted in any text that came with them. */
  deliver(files: File[], keys: ReadonlySet<string>): void | Promise<void>;
  /** The page gets nothing (block, Cancel). */
  withhold?(): void;
  /** warn: takes the files back ("Remove key"). */
  remove?(): void;
}

/**
 * Checks held files and carries out the decision: clean files go to the page; files with keys go
 * through the alert (block, warn or redact, as for text); files that could not be checked are held
 * when `oversizeFiles` is 'block' (the alert says why and offers "Insert anyway" where allowed), or
 * go through with a notice when it is 'allow'.
 */
export async function settleFiles(core: GuardCore, files: readonly File[], route: FileRoute): Promise<void> {
  const checks = await Promise.all(files.map((f) => checkFile(core, f)));
  const action = core.action(route.kind);
  const all = [...files];
  if (action === 'off') return route.deliver(all, new Set());
  const { settings, organization } = core.deps.settings();
  const findings = uniqueKeys([...(route.textFindings ?? []), ...checks.flatMap((c) => c.findings)]).filter((f) => !core.isAccepted(f.key));
  const unchecked = checks.filter((c) => c.unchecked);
  const hold = unchecked.length > 0 && settings.oversizeFiles !== 'allow';
  const why = unchecked.map((c) => c.unchecked).join('; ');
  const notChecked = why && t(`file_notChecked_${route.kind}_${hold ? 'held' : 'let'}`, why);
  const kept = hold ? checks.filter((c) => !c.unchecked) : checks;
  const redacted = async (keys: ReadonlySet<string>) =>
    (await Promise.all(kept.map((c) => redactFile(core, c, keys)))).filter((f): f is File => f !== null);

  const notice = (mode: 'block' | 'redact', note: string) =>
    core.showAlert({
      mode,
      event: route.kind,
      keys: [],
      note,
      anchor: route.anchor,
      organization,
      allowInsertAnyway: settings.allowInsertAnyway,
      // There is no key to keep a justification with.
      requireJustification: false,
    });

  if (findings.length === 0) {
    if (!hold) {
      await route.deliver(all, new Set());
      if (notChecked) notice('redact', notChecked);
      return;
    }
    const answer = await notice('block', notChecked).result;
    if (answer.kind === 'anyway' && settings.allowInsertAnyway) await route.deliver(all, new Set());
    else {
      route.withhold?.();
      if (kept.length) await route.deliver(kept.map((c) => c.file), new Set());
    }
    return;
  }

  const mode = modeOf(action);
  const names = checks.filter((c) => c.findings.some((f) => !core.isAccepted(f.key))).map((c) => c.file.name);
  if (mode === 'warn') await route.deliver(kept.map((c) => c.file), new Set());
  else route.withhold?.();
  await core.incident({
    kind: route.kind,
    mode,
    ...(route.trusted === false ? { trusted: false } : {}),
    findings,
    anchor: route.anchor,
    ...(names.length ? { files: names } : {}),
    ...(notChecked ? { note: notChecked } : {}),
    async proceed(keys, choice) {
      await route.deliver(choice === 'anyway' ? all : await redacted(keys), keys);
    },
    remove: route.remove,
  });
}

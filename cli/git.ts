import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { requireBuiltin } from './builtin';

/** A git command that failed: its stderr says why (not a repository, an unknown revision). */
export class GitError extends Error {
  override name = 'GitError';
}

/** git's first line of complaint, without its `fatal:`; the usage text that may follow helps no one here. */
function firstLine(stderr: string): string {
  return (stderr.trim().split('\n')[0] ?? '').replace(/^(fatal|error): /, '');
}

/** Throws the error git would give, in one line, when `cwd` is not in a work tree. */
function requireRepo(cwd: string): void {
  if (findRepoRoot(cwd) === undefined) throw new GitError('not a git repository (or any of the parent directories)');
}

/** The top of the work tree holding `start` (the nearest folder with a `.git` entry), if any. */
export function findRepoRoot(start: string): string | undefined {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (existsSync(`${dir}/.git`)) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

function gitSync(cwd: string, args: string[]): Buffer {
  const run = spawnSync('git', args, { cwd, maxBuffer: 1024 * 1024 * 1024 });
  if (run.error) throw new GitError(`cannot run git: ${run.error.message}`);
  if (run.status !== 0) throw new GitError(firstLine(run.stderr.toString('utf8')) || `git ${args[0]} failed`);
  return run.stdout;
}

/**
 * The files under `dir` that git would not ignore: tracked ones and untracked ones that no
 * .gitignore, .git/info/exclude or global excludes file leaves out (ripgrep's view of a repository).
 * Paths are relative to `dir`, `/`-separated, in the walker's order (by path component).
 */
export function listUnignoredFiles(dir: string): string[] {
  const out = gitSync(dir, ['ls-files', '--cached', '--others', '--exclude-standard', '-z']).toString('utf8');
  const paths = [...new Set(out.split('\0').filter(Boolean))];
  return paths.sort(byComponents);
}

/** Orders paths as a directory walk with sorted entries does: `a/b` before `a.txt`. */
function byComponents(a: string, b: string): number {
  const x = a.replaceAll('/', '\0');
  const y = b.replaceAll('/', '\0');
  return x < y ? -1 : x > y ? 1 : 0;
}

/** One file's staged content. `path` is relative to the repository root, as git prints it. */
export interface StagedFile {
  path: string;
  content: Buffer;
}

/**
 * The content the index holds for each file the next commit adds or changes (renames count as
 * additions), optionally limited by pathspecs. Read through one `git cat-file --batch`, so the
 * working tree is never looked at: what is scanned is exactly what would be committed.
 */
export async function* stagedFiles(cwd: string, pathspecs: readonly string[]): AsyncGenerator<StagedFile> {
  requireRepo(cwd);
  const raw = gitSync(cwd, ['diff', '--cached', '--raw', '-z', '--no-abbrev', '--no-renames', '--diff-filter=AM', '--', ...pathspecs]);
  const fields = raw.toString('utf8').split('\0');
  const wanted: Array<{ path: string; blob: string }> = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    // `:oldmode newmode oldsha newsha status`, then the path.
    const [, newMode, , blob] = (fields[i] ?? '').split(' ');
    const path = fields[i + 1] ?? '';
    // Submodules (160000) point at a commit, not at content of this repository.
    if (blob && newMode !== '160000') wanted.push({ path, blob });
  }
  if (wanted.length === 0) return;
  const loose = readLooseBlobs(cwd, wanted.map(({ blob }) => blob));
  if (loose !== undefined) {
    for (const [i, { path }] of wanted.entries()) yield { path, content: loose[i] as Buffer };
    return;
  }
  // git prints paths from the top of the work tree; `cat-file` takes object names, so any cwd inside works.
  const child = spawn('git', ['cat-file', '--batch'], { cwd, stdio: ['pipe', 'pipe', 'inherit'] });
  child.stdin.end(wanted.map(({ blob }) => `${blob}\n`).join(''));
  const reader = new ByteReader(child.stdout);
  try {
    for (const { path, blob } of wanted) {
      const header = await reader.readLine();
      const [sha, type, size] = (header ?? '').split(' ');
      if (sha !== blob || type !== 'blob' || size === undefined) throw new GitError(`unexpected git cat-file output for ${path}: ${header}`);
      const content = await reader.readExactly(Number(size));
      await reader.readExactly(1); // the newline after each object
      yield { path, content };
    }
  } finally {
    child.kill();
  }
}

/**
 * The blobs' contents read straight from `.git/objects`, or undefined if any is not there as a
 * loose object (packed, in a linked worktree's common directory, or an environment that moves the
 * object store), in which case `git cat-file` reads them. `git add` writes loose objects, so a
 * pre-commit hook usually finds every staged blob this way and saves starting one more git.
 */
function readLooseBlobs(cwd: string, blobs: readonly string[]): Buffer[] | undefined {
  if (process.env.GIT_DIR || process.env.GIT_OBJECT_DIRECTORY || process.env.GIT_ALTERNATE_OBJECT_DIRECTORIES) return undefined;
  const root = findRepoRoot(cwd);
  if (root === undefined || !statSync(join(root, '.git')).isDirectory()) return undefined;
  const { inflateSync } = requireBuiltin('node:zlib') as typeof import('node:zlib');
  const contents: Buffer[] = [];
  for (const blob of blobs) {
    let object: Buffer;
    try {
      object = inflateSync(readFileSync(join(root, '.git', 'objects', blob.slice(0, 2), blob.slice(2))));
    } catch {
      return undefined;
    }
    // `blob SIZE\0` then the content.
    const headerEnd = object.indexOf(0);
    const header = object.toString('latin1', 0, headerEnd);
    if (header !== `blob ${object.length - headerEnd - 1}`) return undefined;
    contents.push(object.subarray(headerEnd + 1));
  }
  return contents;
}

/** Reads lines and exact byte counts from a stream of Buffers. */
class ByteReader {
  private buffered: Buffer[] = [];
  private size = 0;
  private readonly chunks: AsyncIterator<Buffer>;

  constructor(stream: AsyncIterable<Buffer>) {
    this.chunks = stream[Symbol.asyncIterator]();
  }

  private async fill(): Promise<boolean> {
    const next = await this.chunks.next();
    if (next.done) return false;
    this.buffered.push(next.value);
    this.size += next.value.length;
    return true;
  }

  private take(bytes: number): Buffer {
    const all = this.buffered.length === 1 ? (this.buffered[0] as Buffer) : Buffer.concat(this.buffered);
    const taken = all.subarray(0, bytes);
    const rest = all.subarray(bytes);
    this.buffered = rest.length > 0 ? [rest] : [];
    this.size = rest.length;
    return taken;
  }

  async readLine(): Promise<string | undefined> {
    for (let searched = 0; ; ) {
      const all = this.buffered.length === 1 ? (this.buffered[0] as Buffer) : Buffer.concat(this.buffered);
      this.buffered = all.length > 0 ? [all] : [];
      const newline = all.indexOf(10, searched);
      if (newline !== -1) return this.take(newline + 1).toString('utf8', 0, newline);
      searched = all.length;
      if (!(await this.fill())) return undefined;
    }
  }

  async readExactly(bytes: number): Promise<Buffer> {
    while (this.size < bytes) {
      if (!(await this.fill())) throw new GitError('git cat-file output ended early');
    }
    return Buffer.from(this.take(bytes)); // a copy: the rest of the chunk is not kept alive with it
  }
}

/** The lines one commit added to one file, with their line numbers in the file as that commit left it. */
export interface AddedLines {
  commit: string;
  /** Relative to the repository root, as git prints it. */
  path: string;
  lines: string[];
  lineNumbers: number[];
}

/**
 * Resolves REF and lists the revisions whose additions `--since REF` scans: the commits after REF
 * up to HEAD, and REF itself too when it is a root commit, so that the root scans a whole history.
 */
function sinceRevisions(cwd: string, ref: string): string[] {
  let listed: string;
  try {
    listed = gitSync(cwd, ['rev-list', '--parents', '-n', '1', `${ref}^{commit}`, '--']).toString('utf8');
  } catch (error) {
    // git's own message names `REF^{commit}`, which the user did not type.
    throw /bad revision|unknown revision/.test(String(error)) ? new GitError(`unknown revision '${ref}'`) : error;
  }
  const [commit, ...parents] = listed.trim().split(' ');
  if (!commit) throw new GitError(`unknown revision '${ref}'`);
  return parents.length === 0 ? ['HEAD'] : [`${commit}..HEAD`];
}

/**
 * The lines added by each commit between REF and HEAD, oldest commit first, read from one
 * `git log -p -U0` (each commit against its first parent; merges add nothing of their own).
 * Binary files are skipped, as git shows no lines for them.
 */
export async function* addedLinesSince(cwd: string, ref: string, pathspecs: readonly string[]): AsyncGenerator<AddedLines> {
  requireRepo(cwd);
  const revisions = sinceRevisions(cwd, ref);
  const args = [
    '-c', 'core.quotePath=false', 'log', '-p', '--reverse', '-U0', '--no-color', '--no-ext-diff', '--no-textconv', '--no-renames',
    '--format=%x00%H', ...revisions, '--', ...pathspecs,
  ];
  const child = spawn('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((done) => child.on('close', done));

  let commit = '';
  let current: AddedLines | undefined;
  let oldLeft = 0;
  let newLeft = 0;
  let nextLine = 0;
  const { createInterface } = requireBuiltin('node:readline') as typeof import('node:readline');
  const lines = createInterface({ input: child.stdout, crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      if (oldLeft > 0 || newLeft > 0) {
        // Inside a hunk, counted from its header: a `+++` or NUL here is content, not a header.
        if (line.startsWith('+')) {
          current?.lines.push(line.slice(1));
          current?.lineNumbers.push(nextLine++);
          newLeft--;
        } else if (line.startsWith('-')) oldLeft--;
        continue;
      }
      if (line.startsWith('\0')) {
        commit = line.slice(1);
      } else if (line.startsWith('diff --git ')) {
        if (current && current.lines.length > 0) yield current;
        current = undefined;
      } else if (line.startsWith('+++ ')) {
        const path = unquotePath(line.slice(4));
        current = path === undefined ? undefined : { commit, path, lines: [], lineNumbers: [] };
      } else if (line.startsWith('@@ ')) {
        const hunk = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line);
        if (!hunk) continue;
        oldLeft = hunk[1] === undefined ? 1 : Number(hunk[1]);
        nextLine = Number(hunk[2]);
        newLeft = hunk[3] === undefined ? 1 : Number(hunk[3]);
      }
    }
    if (current && current.lines.length > 0) yield current;
  } finally {
    if (child.exitCode === null) child.kill();
  }
  const code = await exited;
  if (code !== 0 && code !== null) throw new GitError(firstLine(stderr) || 'git log failed');
}

/** `b/path` or git's C-quoted `"b/pa\tth"` to `path`; undefined for `/dev/null` (a deleted file). */
function unquotePath(spelled: string): string | undefined {
  if (spelled === '/dev/null') return undefined;
  if (!spelled.startsWith('"')) return spelled.replace(/^b\//, '');
  const bytes: number[] = [];
  const body = spelled.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const char = body[i] ?? '';
    if (char !== '\\') {
      bytes.push(...Buffer.from(char, 'utf8'));
      continue;
    }
    const next = body[++i] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else {
      const escapes: Record<string, string> = { a: '\x07', b: '\b', t: '\t', n: '\n', v: '\v', f: '\f', r: '\r' };
      bytes.push(...Buffer.from(escapes[next] ?? next, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8').replace(/^b\//, '');
}

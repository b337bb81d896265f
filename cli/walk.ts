import { readdirSync, statSync, type Dirent } from 'node:fs';
import { sep } from 'node:path';
import { STDIN_PATH } from './args';
import { findRepoRoot, GitError, listUnignoredFiles } from './git';

/** One thing to scan, or a path that could not be listed (reported, then the walk goes on). */
export type Target =
  | { kind: 'stdin' }
  /** `listedByGit`: the path came from git's index, which may name a file deleted since. */
  | { kind: 'file'; path: string; listedByGit?: boolean }
  | { kind: 'error'; path: string; error: unknown };

// Version-control internals and installed dependencies are not the user's text, and are large.
const SKIPPED_NAMES = new Set(['.git', 'node_modules']);

/**
 * Lists what to scan, in a deterministic order: the given paths in the order given, each
 * directory's entries sorted by name. Lazy, so output starts before a large tree is listed.
 *
 * With `respectGitignore`, a directory inside a git work tree lists only what git does not ignore
 * (as ripgrep does); a file named on the command line is scanned even if ignored: it was asked for.
 */
export function* listTargets(paths: readonly string[], { respectGitignore = false } = {}): Generator<Target> {
  if (paths.length === 0) {
    yield { kind: 'stdin' };
    return;
  }
  for (const path of paths) {
    if (path === STDIN_PATH) {
      yield { kind: 'stdin' };
      continue;
    }
    // A path the user named is followed even if it is a symbolic link: they asked for it.
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch (error) {
      yield { kind: 'error', path, error };
      continue;
    }
    if (!isDirectory) yield { kind: 'file', path };
    else if (respectGitignore && findRepoRoot(path) !== undefined) yield* gitListing(path);
    else yield* walkDirectory(path);
  }
}

function* gitListing(directory: string): Generator<Target> {
  let listed: string[];
  try {
    listed = listUnignoredFiles(directory);
  } catch (error) {
    // No git, or a tree git refuses (another user's, inside .git): scanning more is the safe side.
    if (!(error instanceof GitError)) throw error;
    yield* walkDirectory(directory);
    return;
  }
  for (const relative of listed) {
    if (relative.split('/').some((name) => SKIPPED_NAMES.has(name))) continue;
    yield { kind: 'file', path: joinPath(directory, relative.split('/').join(sep)), listedByGit: true };
  }
}

function* walkDirectory(directory: string): Generator<Target> {
  let entries: Dirent[];
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    yield { kind: 'error', path: directory, error };
    return;
  }
  // Code-unit order, not localeCompare: the same on every machine whatever its locale.
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (SKIPPED_NAMES.has(entry.name)) continue;
    const path = joinPath(directory, entry.name);
    if (entry.isDirectory()) yield* walkDirectory(path);
    else if (entry.isFile()) yield { kind: 'file', path };
    else if (entry.isSymbolicLink() && isLinkToFile(path)) yield { kind: 'file', path };
    // Sockets, FIFOs and devices are skipped: reading a FIFO found in a tree could block forever.
  }
}

/** A link to a directory is skipped (it can loop back up the tree); a dangling link has nothing to scan. */
function isLinkToFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

// Keeps the user's spelling (`./src/a.ts` stays so) where path.join would normalise it away.
function joinPath(directory: string, name: string): string {
  return directory.endsWith(sep) || directory.endsWith('/') ? directory + name : directory + sep + name;
}

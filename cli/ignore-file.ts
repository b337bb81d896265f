import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FINGERPRINT_HEX_DIGITS } from '../utils/detect/fingerprint';

/** The file, at the repository root, that lists fingerprints and path globs to leave alone. */
export const IGNORE_FILE = '.keywardignore';

/** What `.keywardignore` says: keys known by fingerprint, and paths by glob. */
export interface IgnoreRules {
  fingerprints: ReadonlySet<string>;
  /** False when there are no globs: callers can skip working out relative paths. */
  hasGlobs: boolean;
  /** True when a repository-relative path (`/`-separated) matches one of the globs. */
  ignoresPath(path: string): boolean;
}

const FINGERPRINT_LINE = new RegExp(`^[0-9a-f]{${FINGERPRINT_HEX_DIGITS}}$`);

/**
 * Parses `.keywardignore`: one entry a line; `#` starts a comment (whole line, or after a space);
 * a line of 16 lowercase hex digits is a fingerprint, as printed next to each finding; anything
 * else is a path glob in .gitignore's syntax (`*`, `?`, `**`, `[abc]`; a leading or inner `/`
 * anchors it at the root, else it matches at any depth; a trailing `/` means a directory).
 */
export function parseIgnoreFile(text: string): IgnoreRules {
  const fingerprints = new Set<string>();
  const globs: RegExp[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '') continue;
    if (FINGERPRINT_LINE.test(line)) fingerprints.add(line);
    else globs.push(globToRegExp(line));
  }
  return { fingerprints, hasGlobs: globs.length > 0, ignoresPath: (path) => globs.some((glob) => glob.test(path)) };
}

/** Reads `.keywardignore` in `root`; no file means no rules. Other read errors are thrown. */
export function loadIgnoreFile(root: string): IgnoreRules {
  let text: string;
  try {
    text = readFileSync(join(root, IGNORE_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    text = '';
  }
  return parseIgnoreFile(text);
}

/**
 * A .gitignore-style glob as a RegExp over a whole relative path. A match on a directory covers
 * everything under it, so each glob also matches any path that continues with `/`.
 */
export function globToRegExp(glob: string): RegExp {
  let pattern = glob;
  const directoryOnly = pattern.endsWith('/');
  if (directoryOnly) pattern = pattern.slice(0, -1);
  const anchored = pattern.includes('/');
  if (pattern.startsWith('/')) pattern = pattern.slice(1);
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] ?? '';
    if (char === '*' && pattern[i + 1] === '*') {
      const slashAfter = pattern[i + 2] === '/';
      // `**/` matches zero or more whole directories; a `**` elsewhere matches anything.
      source += slashAfter ? '(?:.*/)?' : '.*';
      i += slashAfter ? 2 : 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close === -1) source += '\\[';
      else {
        const body = pattern.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
        source += `[${body}]`;
        i = close;
      }
    } else if (char === '\\' && i + 1 < pattern.length) source += escapeRegExp(pattern[++i] ?? '');
    else source += escapeRegExp(char);
  }
  // A directory glob matches only what is under it; others also match a file of that name.
  const tail = directoryOnly ? '/.*' : '(?:/.*)?';
  return new RegExp(`^${anchored ? '' : '(?:.*/)?'}${source}${tail}$`, 's');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

// Injected by scripts/build-cli.mjs from package.json, so the bundle needs no file at run time.
declare const __KEYWARD_VERSION__: string | undefined;

/** The version printed by `--version`; `0.0.0-dev` when run unbundled (tests importing sources). */
export const VERSION = typeof __KEYWARD_VERSION__ === 'string' ? __KEYWARD_VERSION__ : '0.0.0-dev';

/** The text printed by `--help`. Exit codes and limits are documented here because this is where users look. */
export const HELP = `keyward ${VERSION} - find API keys before they leak

Usage:
  keyward scan [OPTIONS] [PATH...]          files and directories (standard input with no PATH or '-')
  keyward scan --staged [OPTIONS] [PATH...] what is staged for the next commit
  keyward scan --since REF [OPTIONS] [PATH...]
                                            lines added by the commits after REF up to HEAD
  keyward --help | --version

Options:
  --staged          scan the content of the git index (not the working tree) of
                    each file the next commit adds or changes; PATHs limit which
  --since REF       scan the lines added by each commit after REF up to HEAD
                    (each finding names its commit); REF itself is not scanned
                    unless it is a root commit, so
                    --since $(git rev-list --max-parents=0 HEAD) scans the whole
                    history; PATHs limit which files
  --format FORMAT   text (default), json (one JSON object per line) or sarif
                    (SARIF 2.1.0, for GitHub code scanning and other tools)
  --json            the same as --format json
  --baseline FILE   a previous --json output: findings already in it (the same
                    path and fingerprint) are not reported, so only new keys fail
  --no-ignore       also scan what .gitignore and .keywardignore's paths leave out
  -h, --help        show this help
  --version         show the version
  --                end of options (for paths starting with '-')

Output (text), one line per finding:
  path:line:column provider type redacted fingerprint [commit]
With --format json, one JSON object per line with the fields
  path, line, column, offset, length, provider, type, rule, redacted,
  fingerprint, and with --since, commit (offset is then null)
line and column are 1-based; column, offset and length count UTF-16 code units
(offset from the start of the file, column from the start of the line).
--staged and --since print paths relative to the current directory.
A full key is never printed: only its redacted form and a fingerprint.

Leaving a key alone:
  - an allow comment on the key's line: keyward:allow, or those of other
    scanners: gitleaks:allow, betterleaks:allow, trufflehog:ignore,
    pragma: allowlist secret
  - .keywardignore at the repository root (or the current directory outside
    a repository): one entry a line, '#' starts a comment; a fingerprint
    (16 hex digits, as printed) ignores that key everywhere; anything else is
    a path glob as in .gitignore (*, **, ?, [abc]; a '/' at the start or in
    the middle anchors it at the root; a '/' at the end means a directory)
  - --baseline FILE, above

What is scanned:
  - directories recursively, entries in sorted order; .git and node_modules
    are skipped, and so are symbolic links to directories (they can loop)
  - inside a git work tree, a directory lists only what git does not ignore
    (.gitignore files, .git/info/exclude, the global excludes file), as
    ripgrep does; a file named on the command line is scanned even if ignored
  - binary files (a NUL byte in the first 8 KiB) are skipped silently
  - text is decoded as UTF-8, invalid bytes replaced by U+FFFD, a leading
    byte-order mark dropped; lines end at LF (CRLF counts as one line end)
  - files over 256 MiB are scanned in 64 MiB pieces that overlap, so memory
    stays bounded and keys on a piece boundary are still found
  - a large tree (past its first 1,000 files) and a file over 8 MiB are
    shared across one thread per core; the output is the same, in the same
    order. KEYWARD_THREADS=N sets the number of threads (1: none)

Exit status:
  0  nothing found and every path was read
  1  at least one key found (even if some paths could not be read)
  2  usage error, git error, unreadable baseline or .keywardignore, or no key
     found but a path could not be read
     (reported on stderr as 'keyward: cannot read PATH: reason')

Pre-commit hook (see docs/pre-commit.md):
  keyward scan --staged
`;

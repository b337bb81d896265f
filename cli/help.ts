// Injected by scripts/build-cli.mjs from package.json, so the bundle needs no file at run time.
declare const __KEYWARD_VERSION__: string | undefined;

/** The version printed by `--version`; `0.0.0-dev` when run unbundled (tests importing sources). */
export const VERSION = typeof __KEYWARD_VERSION__ === 'string' ? __KEYWARD_VERSION__ : '0.0.0-dev';

/** The text printed by `--help`. Exit codes and limits are documented here because this is where users look. */
export const HELP = `keyward ${VERSION} - find API keys before they leak

Usage:
  keyward scan [--json] [PATH...]
  keyward --help | --version

Scans files and directories (recursively) for API keys. With no PATH, or with
PATH '-', reads standard input (shown as '-' in the output).

Output, one line per finding:
  path:line:column provider type redacted fingerprint
With --json, one JSON object per line with the fields
  path, line, column, offset, length, provider, type, rule, redacted, fingerprint
line and column are 1-based; column, offset and length count UTF-16 code units
(offset from the start of the file, column from the start of the line).
A full key is never printed: only its redacted form and a fingerprint.

What is scanned:
  - directories recursively, entries in sorted order; .git and node_modules
    are skipped, and so are symbolic links to directories (they can loop)
  - binary files (a NUL byte in the first 8 KiB) are skipped silently
  - text is decoded as UTF-8, invalid bytes replaced by U+FFFD, a leading
    byte-order mark dropped; lines end at LF (CRLF counts as one line end)
  - files over 256 MiB are scanned in 64 MiB pieces that overlap, so memory
    stays bounded and keys on a piece boundary are still found

Options:
  --json        one JSON object per finding per line
  -h, --help    show this help
  --version     show the version
  --            end of options (for paths starting with '-')

Exit status:
  0  nothing found and every path was read
  1  at least one key found (even if some paths could not be read)
  2  usage error, or no key found but a path could not be read
     (reported on stderr as 'keyward: cannot read PATH: reason')

Pre-commit hook (see docs/pre-commit.md):
  git diff --cached --name-only -z --diff-filter=ACMR | xargs -0 keyward scan
`;

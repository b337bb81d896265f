import { parseArgs as parseNodeArgs } from 'node:util';

/** The output formats of `keyward scan`. */
export const FORMATS = ['text', 'json', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

/** Where the text to scan comes from. */
export type Source =
  | { kind: 'paths' } // files, directories, standard input
  | { kind: 'staged' } // the git index
  | { kind: 'since'; ref: string }; // lines added by the commits after REF up to HEAD

/** What `keyward scan` was asked to do. */
export interface ScanCommand {
  kind: 'scan';
  source: Source;
  /** Paths to scan, or with --staged / --since, paths that limit which files are looked at. */
  paths: string[];
  format: Format;
  /** Scan what .gitignore and .keywardignore's path globs would leave out. */
  noIgnore: boolean;
  /** A previous `--json` output: findings already in it are not reported. */
  baseline: string | undefined;
}

/** What the command line asked for, once parsed. */
export type Command = { kind: 'help' } | { kind: 'version' } | ScanCommand | { kind: 'usage-error'; message: string };

/** The path that stands for standard input, as in most Unix tools. */
export const STDIN_PATH = '-';

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
  json: { type: 'boolean' },
  format: { type: 'string' },
  staged: { type: 'boolean' },
  since: { type: 'string' },
  'no-ignore': { type: 'boolean' },
  baseline: { type: 'string' },
} as const;

/**
 * Parses `keyward` arguments (without `node` and the script path) with Node's `util.parseArgs`.
 *
 * Options may come before or after paths; `--` ends options so a file whose name starts with `-`
 * can still be scanned. `--help` and `--version` win over everything else, as users expect.
 */
export function parseArgs(argv: readonly string[]): Command {
  const dashDash = argv.indexOf('--');
  const options = dashDash === -1 ? argv : argv.slice(0, dashDash);
  if (options.includes('--help') || options.includes('-h')) return { kind: 'help' };
  if (options.includes('--version')) return { kind: 'version' };

  let parsed;
  try {
    parsed = parseNodeArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    return usageError(describeParseError(error));
  }
  const { values, positionals } = parsed;
  const [command, ...paths] = positionals;
  if (command === undefined) return usageError('no command given');
  if (command !== 'scan') return usageError(`unknown command '${command}'`);

  let format: Format = values.json ? 'json' : 'text';
  if (values.format !== undefined) {
    if (!(FORMATS as readonly string[]).includes(values.format)) {
      return usageError(`unknown format '${values.format}' (expected ${FORMATS.join(', ')})`);
    }
    if (values.json && values.format !== 'json') return usageError(`--json contradicts --format ${values.format}`);
    format = values.format as Format;
  }
  if (values.staged && values.since !== undefined) return usageError('--staged and --since cannot be combined');
  const source: Source = values.staged ? { kind: 'staged' } : values.since !== undefined ? { kind: 'since', ref: values.since } : { kind: 'paths' };
  if (source.kind !== 'paths' && paths.includes(STDIN_PATH)) return usageError(`standard input ('-') cannot be combined with --${source.kind}`);
  return { kind: 'scan', source, paths, format, noIgnore: values['no-ignore'] ?? false, baseline: values.baseline };
}

/** Node's messages are long and name `--` tricks; ours are one short clause like the rest. */
function describeParseError(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-[^' ]*)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return `unknown option '${option}'`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    return /missing/.test(message) ? `option '${option}' needs a value` : `option '${option}' takes no value`;
  }
  return message;
}

function usageError(message: string): Command {
  return { kind: 'usage-error', message };
}

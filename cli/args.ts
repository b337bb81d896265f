/** What the command line asked for, once parsed. */
export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'scan'; json: boolean; paths: string[] }
  | { kind: 'usage-error'; message: string };

/** The path that stands for standard input, as in most Unix tools. */
export const STDIN_PATH = '-';

/**
 * Parses `keyward` arguments (without `node` and the script path).
 *
 * Options may come before or after paths; `--` ends options so a file whose name starts with `-`
 * can still be scanned. `--help` and `--version` win over everything else, as users expect.
 */
export function parseArgs(argv: readonly string[]): Command {
  const dashDash = argv.indexOf('--');
  const options = dashDash === -1 ? argv : argv.slice(0, dashDash);
  if (options.includes('--help') || options.includes('-h')) return { kind: 'help' };
  if (options.includes('--version')) return { kind: 'version' };

  const [command, ...rest] = argv;
  if (command === undefined) return usageError('no command given');
  if (command.startsWith('-') && command !== '--') return usageError(`unknown option '${command}'`);
  if (command !== 'scan') return usageError(`unknown command '${command}'`);

  let json = false;
  let optionsEnded = false;
  const paths: string[] = [];
  for (const arg of rest) {
    if (optionsEnded || arg === STDIN_PATH || !arg.startsWith('-')) paths.push(arg);
    else if (arg === '--') optionsEnded = true;
    else if (arg === '--json') json = true;
    else return usageError(`unknown option '${arg}'`);
  }
  return { kind: 'scan', json, paths };
}

function usageError(message: string): Command {
  return { kind: 'usage-error', message };
}

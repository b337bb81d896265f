// Entry point of the `keyward` command: parses arguments and hands over to the scan.
import { parseArgs } from './args';
import { HELP, VERSION } from './help';
import { ExitCode, runScan } from './run-scan';
import { isScanWorker, poolSize, serveScanWorker } from './scan-pool';

async function main(argv: readonly string[]): Promise<number> {
  const command = parseArgs(argv);
  switch (command.kind) {
    case 'help':
      process.stdout.write(HELP);
      return ExitCode.clean;
    case 'version':
      process.stdout.write(`${VERSION}\n`);
      return ExitCode.clean;
    case 'usage-error':
      process.stderr.write(`keyward: ${command.message}; run 'keyward --help' for usage\n`);
      return ExitCode.error;
    case 'scan':
      return runScan(command, {
        // Lazy: touching process.stdin opens a handle even when only files are scanned.
        stdin: { [Symbol.asyncIterator]: () => process.stdin[Symbol.asyncIterator]() },
        writeOut: (text) => process.stdout.write(text),
        writeErr: (text) => process.stderr.write(text),
        // KEYWARD_THREADS=1 keeps a walk on one thread (to compare, or on a machine shared with others).
        // A getter: only a walk asks, and the scan of staged files or commits never loads `node:os`.
        get threads() {
          return process.env.KEYWARD_THREADS === undefined ? poolSize() : Number(process.env.KEYWARD_THREADS);
        },
        // This very file serves as the scanning thread's script (the bundle is one file).
        workerScript: new URL(import.meta.url),
      });
  }
}

if (isScanWorker()) serveScanWorker();
else start();

function start(): void {
  // `keyward scan | head` closes the pipe early; that is not an error worth a stack trace.
  // Output is only ever findings, so a closed pipe means something was found.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(ExitCode.found);
    throw error;
  });

  main(process.argv.slice(2)).then(
    (code) => {
      // exitCode rather than exit(): lets buffered output to a pipe drain first.
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`keyward: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = ExitCode.error;
    },
  );
}

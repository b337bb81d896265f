// Bundles the `keyward` CLI (cli/keyward.ts and the engine it imports) into one dependency-free file.
import { build } from 'esbuild';
import { chmod, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Where the bundle is written; package.json's `bin` points here. */
export const CLI_OUTFILE = `${root}dist/keyward.mjs`;

/**
 * Builds dist/keyward.mjs: ESM for Node 20, every import bundled so only `node:` builtins are
 * loaded at run time (the CLI must work from a bare checkout or a pre-commit hook).
 * @param {{ outfile?: string }} [options]
 * @returns {Promise<string>} the path written
 */
export async function buildCli({ outfile = CLI_OUTFILE } = {}) {
  const { version } = JSON.parse(await readFile(`${root}package.json`, 'utf8'));
  await build({
    entryPoints: [`${root}cli/keyward.ts`],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    // No `external` list: every package is inlined; with platform node only builtins stay imports.
    banner: { js: '#!/usr/bin/env node' },
    define: { __KEYWARD_VERSION__: JSON.stringify(version) },
    logLevel: 'warning',
  });
  await chmod(outfile, 0o755);
  return outfile;
}

// Run as a script: `node scripts/build-cli.mjs [--outfile PATH]` (tests build to a temp path so
// parallel test files never read a half-written bundle).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const at = process.argv.indexOf('--outfile');
  const outfile = await buildCli(at === -1 ? {} : { outfile: process.argv[at + 1] });
  console.log(`built ${outfile}`);
}

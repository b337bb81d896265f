import { build } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// This file also runs bundled into .build/ (scripts/start.mjs imports it from there).
const self = dirname(fileURLToPath(import.meta.url));
const here = basename(self) === '.build' ? dirname(self) : self;
/** Gitignored cache: the editors bundle, rebuilt when an entry file or the lockfile is newer. */
export const BUILD_DIR = join(here, '.build');
const BUNDLE = join(BUILD_DIR, 'fixture.js');
const LOCKFILE = join(here, '..', '..', '..', 'package-lock.json');

let pending: Promise<string> | undefined;

/**
 * The fixture runtime and real editors (ProseMirror, CodeMirror 6) bundled from npm with esbuild
 * into one IIFE that defines `window.KwFixture`. Built once per process, cached on disk.
 */
export function fixtureBundle(): Promise<string> {
  pending ??= (async () => {
    const sources = readdirSync(join(here, 'editors')).map((name) => join(here, 'editors', name));
    const newest = Math.max(...[...sources, LOCKFILE].map((file) => statSync(file).mtimeMs));
    if (existsSync(BUNDLE) && statSync(BUNDLE).mtimeMs > newest) return readFileSync(BUNDLE, 'utf8');
    const result = await build({
      entryPoints: [join(here, 'editors', 'index.ts')],
      bundle: true,
      format: 'iife',
      globalName: 'KwFixture',
      target: 'es2022',
      minify: true,
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]!.text;
    mkdirSync(BUILD_DIR, { recursive: true });
    // Parallel workers may build at once: write aside, then rename, so no one reads half a file.
    const aside = `${BUNDLE}.${process.pid}.tmp`;
    writeFileSync(aside, code);
    renameSync(aside, BUNDLE);
    return code;
  })();
  return pending;
}

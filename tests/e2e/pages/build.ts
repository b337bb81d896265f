import { build, type BuildOptions, type OutputFile } from 'esbuild';
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

const MONACO_BUNDLE = join(BUILD_DIR, 'monaco.js');

/** The newest mtime among the editor sources and the lockfile: a cached bundle older than it is stale. */
function newestSource(): number {
  const sources = readdirSync(join(here, 'editors')).map((name) => join(here, 'editors', name));
  return Math.max(...[...sources, LOCKFILE].map((file) => statSync(file).mtimeMs));
}

/** Writes a bundle to the cache. Parallel workers may build at once: write aside, then rename, so no one reads half a file. */
function cache(file: string, code: string): string {
  mkdirSync(BUILD_DIR, { recursive: true });
  const aside = `${file}.${process.pid}.tmp`;
  writeFileSync(aside, code);
  renameSync(aside, file);
  return code;
}

/**
 * An editors/ entry bundled from npm with esbuild into one IIFE that defines `window[globalName]`,
 * cached on disk until an editor source or the lockfile is newer. `finish` makes the script from
 * esbuild's output files (by default the one JavaScript output).
 */
async function cachedIife(
  file: string,
  entry: string,
  globalName: string,
  options: BuildOptions = {},
  finish: (outputs: OutputFile[]) => string = (outputs) => outputs[0]!.text,
): Promise<string> {
  if (existsSync(file) && statSync(file).mtimeMs > newestSource()) return readFileSync(file, 'utf8');
  const result = await build({
    entryPoints: [join(here, 'editors', entry)],
    bundle: true,
    format: 'iife',
    globalName,
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'silent',
    ...options,
  });
  return cache(file, finish(result.outputFiles ?? []));
}

let pending: Promise<string> | undefined;

/**
 * The fixture runtime and the real editors every fixture page may use (ProseMirror, CodeMirror 6,
 * Lexical, Quill, Slate) as `window.KwFixture`. Built once per process, cached on disk.
 */
export function fixtureBundle(): Promise<string> {
  pending ??= cachedIife(BUNDLE, 'index.ts', 'KwFixture');
  return pending;
}

let pendingMonaco: Promise<string> | undefined;

/**
 * Monaco (editors/monaco.ts) as its own IIFE, `window.KwMonaco`: a few megabytes that only its page
 * loads. Monaco's ESM build imports its CSS and the codicon font: esbuild emits the CSS as a second
 * output (font inlined as a data URL), which the bundle injects into the page as a <style> first.
 */
export function monacoBundle(): Promise<string> {
  pendingMonaco ??= cachedIife(MONACO_BUNDLE, 'monaco.ts', 'KwMonaco', { outdir: BUILD_DIR, loader: { '.ttf': 'dataurl' } }, (outputs) => {
    const output = (ext: string) => outputs.find((out) => out.path.endsWith(ext))?.text ?? '';
    const style = `document.head.appendChild(document.createElement('style')).textContent = ${JSON.stringify(output('.css'))};\n`;
    return style + output('.js');
  });
  return pendingMonaco;
}

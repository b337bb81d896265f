// Packs `keyward` as `npm pack` would for publishing, into a temp directory, for tests that install it.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The packed tarball and the files npm put in it. */
export interface PackedCli {
  tarball: string;
  files: string[];
}

/**
 * Builds the CLI and runs `npm pack` on the real package.json in a staging copy of the package
 * (package.json, README.md, docs/), so parallel tests never race on the checkout's own dist/.
 * `--ignore-scripts` because the staging copy already holds what `prepack` would build.
 */
export function packCli(work: string): PackedCli {
  const staging = join(work, 'package');
  mkdirSync(join(staging, 'docs'), { recursive: true });
  for (const file of ['package.json', 'README.md', 'docs/pre-commit.md']) copyFileSync(join(root, file), join(staging, file));
  const built = spawnSync(process.execPath, [join(root, 'scripts/build-cli.mjs'), '--outfile', join(staging, 'dist/keyward.mjs')], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`CLI build failed: ${built.stderr}`);
  const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: staging, encoding: 'utf8' });
  if (pack.status !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
  const [result] = JSON.parse(pack.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  if (!result) throw new Error('npm pack printed no result');
  return { tarball: join(work, result.filename), files: result.files.map((file) => file.path).sort() };
}

/** Installs a tarball into `project` from the file alone: `--offline`, so a runtime dependency would fail it. */
export function installTarball(project: string, tarball: string): void {
  const run = spawnSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--save-dev', tarball], { cwd: project, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`npm install failed: ${run.stderr}`);
}

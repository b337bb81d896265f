// Bundles the engine (and the test-key helper) from TypeScript with esbuild and imports the result,
// so the benchmark measures the very code the CLI and the extension ship, compiled the same way.
import { build } from 'esbuild';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * @param {string} [from] the tree to bundle (another build's sources, for an A/B run); this checkout by default
 * @returns {Promise<{ engine: any, keys: any, cleanup: () => Promise<void> }>}
 *   `engine`: utils/detect/index.ts; `keys`: tests/helpers/keys.ts (makeKey, ALL_SHAPES)
 */
export async function loadEngine(from = root) {
  const outdir = await mkdtemp(join(tmpdir(), 'keyward-bench-engine-'));
  await build({
    entryPoints: { engine: join(from, 'utils/detect/index.ts'), keys: join(from, 'tests/helpers/keys.ts') },
    // Another tree's imports resolve in this checkout's node_modules.
    nodePaths: [join(root, 'node_modules')],
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Same as the CLI build, so in-process figures match what `keyward scan` runs.
    minify: true,
    logLevel: 'warning',
  });
  const engine = await import(pathToFileURL(join(outdir, 'engine.mjs')).href);
  const keys = await import(pathToFileURL(join(outdir, 'keys.mjs')).href);
  return { engine, keys, cleanup: () => rm(outdir, { recursive: true, force: true }) };
}

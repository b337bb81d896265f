// The peer: secretlint with its recommended preset, in-process (its core API) and as a CLI.
import { lintSource } from '@secretlint/core';
import { creator as recommended } from '@secretlint/secretlint-rule-preset-recommend';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { basename, dirname, join } from 'node:path';
import { wallTime } from './timing.mjs';

const OPENAI_RULE = '@secretlint/secretlint-rule-openai';
const PRESET_ID = '@secretlint/secretlint-rule-preset-recommend';

/**
 * Lints `content` in-process with the recommended preset.
 * @param {string} content
 * @returns {Promise<{ total: number, openai: number }>} message counts
 */
export async function secretlintInProcess(content) {
  const result = await lintSource({
    source: { content, filePath: '/bench/corpus.txt', contentType: 'text' },
    options: { config: { rules: [{ id: PRESET_ID, rule: recommended }] }, maskSecrets: true },
  });
  return { total: result.messages.length, openai: result.messages.filter((m) => m.ruleId === OPENAI_RULE).length };
}

/**
 * Runs the secretlint CLI on one file, from the file's directory (it refuses paths outside its cwd),
 * with a config written beside the file. The `unix` format keeps output to one line per finding
 * (`json` would echo the whole 64 MiB file back and bill secretlint for it).
 * @param {string} file absolute path
 * @param {number} timeoutMs
 */
export async function secretlintCli(file, timeoutMs) {
  const dir = dirname(file);
  const config = join(dir, '.secretlintrc.json');
  await writeFile(config, JSON.stringify({ rules: [{ id: PRESET_ID }] }));
  // The package's `exports` hide its bin script from resolve(); npm links it here.
  const bin = fileURLToPath(new URL('../../node_modules/secretlint/bin/secretlint.js', import.meta.url));
  const run = await wallTime(
    process.execPath,
    [bin, basename(file), '--secretlintrc', config, '--format', 'unix', '--no-color'],
    { cwd: dir, timeoutMs },
  );
  const openai = run.stdout.split('\n').filter((line) => line.includes(OPENAI_RULE)).length;
  return { ...run, openai };
}

// `keyward scan --format sarif`, validated against the official SARIF 2.1.0 JSON schema (the OASIS
// schema as published, shipped in @microsoft/jest-sarif), with what GitHub code scanning reads.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint, redact } from '../../utils/detect/index';
import { ALL_SHAPES, makeKey, seededRng } from '../helpers/keys';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
const schemaPath = join(require.resolve('@microsoft/jest-sarif/package.json'), '..', 'lib/schemas/sarif-2.1.0-rtm.5.json');
const rng = seededRng(2101);
let work: string;
let cli: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'keyward-sarif-'));
  cli = join(work, 'keyward.mjs');
  const built = spawnSync(process.execPath, [join(root, 'scripts/build-cli.mjs'), '--outfile', cli], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`CLI build failed: ${built.stderr}`);
}, 60_000);

afterAll(() => rmSync(work, { recursive: true, force: true }), 60_000);

function keyward(args: string[], cwd: string, input = '') {
  const run = spawnSync(process.execPath, [cli, ...args], { cwd, input, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function validateSarif(log: unknown): string[] {
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as { title: string };
  expect(schema.title).toBe('Static Analysis Results Format (SARIF) Version 2.1.0-rtm.5 JSON Schema');
  // unicodeRegExp off: the schema's `language` pattern has a stray `]` that only the u flag rejects.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return validate(log) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number; endColumn: number } } }>;
  partialFingerprints: Record<string, string>;
  properties?: { commit?: string };
}

interface SarifLog {
  version: string;
  runs: Array<{ tool: { driver: { name: string; rules: Array<{ id: string }> } }; columnKind: string; results: SarifResult[] }>;
}

describe('keyward scan --format sarif', () => {
  it('is valid SARIF 2.1.0 with one result per finding, located by line and column, never the key', async () => {
    const keys = ALL_SHAPES.map((spec) => makeKey(spec.shape, rng));
    const dir = mkdtempSync(join(work, 'tree-'));
    mkdirSync(join(dir, 'src dir'));
    writeFileSync(join(dir, 'src dir', 'keys.ts'), keys.map((key, i) => `const k${i} = '${key}';\n`).join(''));
    const { code, stdout, stderr } = keyward(['scan', '--format', 'sarif', '.'], dir);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    for (const key of keys) expect(stdout).not.toContain(key);
    const log = JSON.parse(stdout) as SarifLog;
    expect(validateSarif(log)).toEqual([]);
    // The validator does reject what GitHub would: a run without its tool, a level SARIF lacks.
    expect(validateSarif({ ...log, runs: [{ results: [] }] })).not.toEqual([]);
    expect(validateSarif(JSON.parse(stdout.replace('"level": "error"', '"level": "fatal"')))).not.toEqual([]);

    const [run] = log.runs;
    expect(log.version).toBe('2.1.0');
    expect(run?.tool.driver.name).toBe('KeyWard');
    expect(run?.columnKind).toBe('utf16CodeUnits');
    expect(run?.results).toHaveLength(keys.length);
    const rules = run?.tool.driver.rules ?? [];
    for (const [i, result] of (run?.results ?? []).entries()) {
      const key = keys[i] ?? '';
      expect(rules[result.ruleIndex]?.id).toBe(result.ruleId);
      expect(result.level).toBe('error');
      expect(result.locations[0]?.physicalLocation).toEqual({
        // Relative to the repository (here the current directory), so GitHub links it to the file.
        artifactLocation: { uri: 'src%20dir/keys.ts' },
        region: { startLine: i + 1, startColumn: `const k${i} = '`.length + 1, endColumn: `const k${i} = '`.length + 1 + key.length },
      });
      expect(result.message.text).toContain(redact(key));
      expect(result.partialFingerprints).toEqual({ 'keyward/fingerprint/v1': await fingerprint(key) });
    }
  });

  it('is valid SARIF with no results when nothing is found, and names standard input', () => {
    const dir = mkdtempSync(join(work, 'clean-'));
    const clean = keyward(['scan', '--format', 'sarif', '-'], dir, 'nothing here\n');
    expect(clean.code).toBe(0);
    const log = JSON.parse(clean.stdout) as SarifLog;
    expect(validateSarif(log)).toEqual([]);
    expect(log.runs[0]?.results).toEqual([]);
    const found = JSON.parse(keyward(['scan', '--format', 'sarif'], dir, `k=${makeKey('openai-legacy-51', rng)}\n`).stdout) as SarifLog;
    expect(validateSarif(found)).toEqual([]);
    expect(found.runs[0]?.results[0]?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('stdin');
  });

  it('carries the commit of each finding with --since', () => {
    const dir = mkdtempSync(join(work, 'repo-'));
    const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
    const git = (...args: string[]) => spawnSync('git', args, { cwd: dir, env, encoding: 'utf8' }).stdout.trim();
    git('init', '-q');
    git('config', 'user.name', 'T');
    git('config', 'user.email', 't@example.invalid');
    writeFileSync(join(dir, 'a.txt'), 'a\n');
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
    writeFileSync(join(dir, 'a.txt'), `a\n${makeKey('openai-project-164', rng)}\n`);
    git('commit', '-q', '-am', 'key');
    const log = JSON.parse(keyward(['scan', '--since', 'HEAD~1', '--format', 'sarif'], dir).stdout) as SarifLog;
    expect(validateSarif(log)).toEqual([]);
    expect(log.runs[0]?.results.map((r) => [r.locations[0]?.physicalLocation.region.startLine, r.properties?.commit])).toEqual([[2, git('rev-parse', 'HEAD')]]);
  });

  it.each([
    [['scan', '--format', 'xml', '.'], "unknown format 'xml' (expected text, json, sarif)"],
    [['scan', '--json', '--format', 'sarif', '.'], '--json contradicts --format sarif'],
    [['scan', '--format'], "option '--format' needs a value"],
    [['scan', '--staged', '--since', 'HEAD'], '--staged and --since cannot be combined'],
  ])('rejects %j as a usage error', (args, message) => {
    expect(keyward(args, work)).toEqual({ code: 2, stdout: '', stderr: `keyward: ${message}; run 'keyward --help' for usage\n` });
  });
});

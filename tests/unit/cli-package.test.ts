// The package users install: `npm pack` of this repository, installed into an empty project, where
// its `keyward` bin must run with no dependency of its own.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redact } from '../../utils/detect/index';
import { installTarball, packCli, type PackedCli } from '../helpers/pack-cli';
import { makeKey, seededRng } from '../helpers/keys';

let work: string;
let project: string;
let packed: PackedCli;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'keyward-package-'));
  packed = packCli(work);
  project = join(work, 'consumer');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  installTarball(project, packed.tarball);
}, 180_000);

afterAll(() => rmSync(work, { recursive: true, force: true }), 60_000);

describe('the packed keyward package', () => {
  it('holds the bundled CLI and its docs, nothing of the extension', () => {
    expect(packed.files).toEqual(['README.md', 'dist/keyward.mjs', 'docs/pre-commit.md', 'package.json']);
  });

  it('installs with no dependencies and without running any script of the extension', () => {
    const manifest = JSON.parse(readFileSync(join(project, 'node_modules/keyward/package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.dependencies).toBeUndefined();
    expect(manifest.bin).toEqual({ keyward: 'dist/keyward.mjs' });
    const lock = JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
    expect(Object.keys(lock.packages).sort()).toEqual(['', 'node_modules/keyward']);
  });

  it('runs as `keyward` from node_modules/.bin and through npx', () => {
    const key = makeKey('openai-project-164', seededRng(5));
    writeFileSync(join(project, 'leak.env'), `OPENAI_API_KEY=${key}\n`);
    const bin = spawnSync(join(project, 'node_modules/.bin/keyward'), ['scan', 'leak.env'], { cwd: project, encoding: 'utf8' });
    expect(bin.status).toBe(1);
    expect(bin.stdout).toMatch(new RegExp(`^leak\\.env:1:16 openai project ${redact(key).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} [0-9a-f]{16}\\n$`));
    const npx = spawnSync('npx', ['--no', '--', 'keyward', '--version'], { cwd: project, encoding: 'utf8' });
    const { version } = JSON.parse(readFileSync(join(project, 'node_modules/keyward/package.json'), 'utf8')) as { version: string };
    expect({ status: npx.status, stdout: npx.stdout }).toEqual({ status: 0, stdout: `${version}\n` });
  });
});

// The pre-commit hooks of docs/pre-commit.md, installed in throwaway git repositories: the plain git
// hook, and the pre-commit framework running this repository's .pre-commit-hooks.yaml.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeKey, seededRng } from '../helpers/keys';
import { installTarball, packCli } from '../helpers/pack-cli';

const root = fileURLToPath(new URL('../..', import.meta.url));
const rng = seededRng(11);
let work: string;
let repo: string;

// Keep the user's and the machine's git config (a global hooksPath, signing) out of the test.
const gitEnv = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };

function git(...args: string[]) {
  const run = spawnSync('git', args, { cwd: repo, env: gitEnv, encoding: 'utf8' });
  return { code: run.status, output: run.stdout + run.stderr };
}

/** The hook exactly as the doc gives it, pointed at this test's build of the CLI. */
function documentedHook(cli: string): string {
  const doc = readFileSync(join(root, 'docs/pre-commit.md'), 'utf8');
  const hook = /```sh\n(#!\/bin\/sh\n[\s\S]*?)```/.exec(doc)?.[1];
  if (hook === undefined) throw new Error('docs/pre-commit.md has no hook snippet');
  return hook.replaceAll('/path/to/keyward/dist/keyward.mjs', cli);
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'keyward-hook-'));
  const cli = join(work, 'keyward.mjs');
  const built = spawnSync(process.execPath, [join(root, 'scripts/build-cli.mjs'), '--outfile', cli], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`CLI build failed: ${built.stderr}`);
  repo = join(work, 'repo');
  spawnSync('git', ['init', '-q', repo], { env: gitEnv });
  git('config', 'user.name', 'KeyWard Test');
  git('config', 'user.email', 'test@example.invalid');
  git('config', 'commit.gpgsign', 'false');
  const hook = join(repo, '.git', 'hooks', 'pre-commit');
  writeFileSync(hook, documentedHook(cli));
  chmodSync(hook, 0o755);
}, 60_000);

afterAll(() => rmSync(work, { recursive: true, force: true }), 60_000);

const commitCount = () => Number(git('rev-list', '--count', '--all').output.trim() || '0');

describe('pre-commit hook', () => {
  it('lets a clean commit through', () => {
    writeFileSync(join(repo, 'README.md'), '# demo\nUse sk-... as a placeholder.\n');
    git('add', 'README.md');
    const commit = git('commit', '-q', '-m', 'clean');
    expect(commit.output).toBe('');
    expect(commit.code).toBe(0);
    expect(commitCount()).toBe(1);
  });

  it('refuses a commit that adds a key, naming the file but not printing the key', () => {
    const key = makeKey('openai-project-164', rng);
    writeFileSync(join(repo, 'settings with space.env'), `DEBUG=1\nOPENAI_API_KEY=${key}\n`);
    git('add', '.');
    const commit = git('commit', '-q', '-m', 'leak');
    expect(commit.code).not.toBe(0);
    expect(commit.output).toContain('settings with space.env:2:16 openai project sk-proj-…');
    expect(commit.output).not.toContain(key);
    expect(commitCount()).toBe(1);
  });

  it('lets the commit through once the key is replaced', () => {
    writeFileSync(join(repo, 'settings with space.env'), 'DEBUG=1\nOPENAI_API_KEY=${OPENAI_API_KEY}\n');
    git('add', '.');
    const commit = git('commit', '-q', '-m', 'use env');
    expect(commit.code).toBe(0);
    expect(commitCount()).toBe(2);
  });
});

describe('the pre-commit framework, with this repository as its hook repository', () => {
  let project: string;
  const run = (command: string, args: string[], cwd = project) => {
    const result = spawnSync(command, args, { cwd, env: { ...gitEnv, PRE_COMMIT_HOME: join(work, 'pre-commit-home') }, encoding: 'utf8' });
    return { code: result.status, output: result.stdout + result.stderr };
  };
  const projectGit = (...args: string[]) => run('git', args);

  beforeAll(() => {
    // The hook repository: the real .pre-commit-hooks.yaml, committed so pre-commit can clone a rev of it.
    const hooks = join(work, 'hook-repo');
    mkdirSync(hooks);
    copyFileSync(join(root, '.pre-commit-hooks.yaml'), join(hooks, '.pre-commit-hooks.yaml'));
    for (const args of [['init', '-q'], ['add', '-A'], ['-c', 'user.name=T', '-c', 'user.email=t@example.invalid', 'commit', '-q', '-m', 'hooks']]) {
      run('git', args, hooks);
    }
    const rev = run('git', ['rev-parse', 'HEAD'], hooks).output.trim();

    // A project that installed the packed keyward as a dev dependency, as the doc says.
    project = join(work, 'project');
    mkdirSync(project);
    projectGit('init', '-q');
    projectGit('config', 'user.name', 'KeyWard Test');
    projectGit('config', 'user.email', 'test@example.invalid');
    projectGit('config', 'commit.gpgsign', 'false');
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'project', version: '1.0.0', private: true }));
    installTarball(project, packCli(work).tarball);
    writeFileSync(join(project, '.gitignore'), 'node_modules/\n');
    writeFileSync(join(project, '.pre-commit-config.yaml'), `repos:\n  - repo: ${hooks}\n    rev: ${rev}\n    hooks:\n      - id: keyward\n`);
    const install = run('pre-commit', ['install']);
    if (install.code !== 0) throw new Error(`pre-commit install failed: ${install.output}`);
    projectGit('add', '-A');
    const first = projectGit('commit', '-q', '-m', 'set up pre-commit');
    if (first.code !== 0) throw new Error(`first commit failed: ${first.output}`);
  }, 180_000);

  it('refuses a commit that adds a key, printing the finding but not the key', () => {
    const key = makeKey('openai-project-164', rng);
    writeFileSync(join(project, 'settings.py'), `DEBUG = True\nOPENAI_API_KEY = "${key}"\n`);
    projectGit('add', 'settings.py');
    const commit = projectGit('commit', '-m', 'leak');
    expect(commit.code).not.toBe(0);
    expect(commit.output).toMatch(/keyward \(API keys\)\.+Failed/);
    expect(commit.output).toContain('settings.py:2:19 openai project sk-proj-…');
    expect(commit.output).not.toContain(key);
    expect(projectGit('rev-list', '--count', 'HEAD').output.trim()).toBe('1');
  });

  it('lets the same line through with a keyward:allow comment', () => {
    const key = makeKey('openai-project-164', rng);
    writeFileSync(join(project, 'settings.py'), `DEBUG = True\nOPENAI_API_KEY = "${key}"  # keyward:allow (revoked demo key)\n`);
    projectGit('add', 'settings.py');
    const commit = projectGit('commit', '-m', 'allowed demo key');
    expect(commit.output).toMatch(/keyward \(API keys\)\.+Passed/);
    expect(commit.code).toBe(0);
    expect(projectGit('rev-list', '--count', 'HEAD').output.trim()).toBe('2');
  });
});

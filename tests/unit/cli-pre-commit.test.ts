// The pre-commit hook of docs/pre-commit.md, installed in a throwaway git repository.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeKey, seededRng } from '../helpers/keys';

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

afterAll(() => rmSync(work, { recursive: true, force: true }));

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

// `keyward scan` in a git repository: --staged, --since, .gitignore, allow comments, .keywardignore,
// --baseline. The built bundle runs as a child process in throwaway repositories.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint, redact } from '../../utils/detect/index';
import { makeKey, seededRng } from '../helpers/keys';

const root = fileURLToPath(new URL('../..', import.meta.url));
const rng = seededRng(16);
const newKey = () => makeKey('openai-project-164', rng);
let work: string;
let cli: string;

// Keep the user's and the machine's git config (a global excludes file, signing) out of the test.
const gitEnv = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'keyward-git-'));
  cli = join(work, 'keyward.mjs');
  const built = spawnSync(process.execPath, [join(root, 'scripts/build-cli.mjs'), '--outfile', cli], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`CLI build failed: ${built.stderr}`);
}, 60_000);

afterAll(() => rmSync(work, { recursive: true, force: true }), 60_000);

/** A fresh repository with `files` written (not yet added); returns helpers bound to it. */
function repository(files: Record<string, string | Buffer> = {}) {
  const dir = mkdtempSync(join(work, 'repo-'));
  const git = (...args: string[]) => {
    const run = spawnSync('git', args, { cwd: dir, env: gitEnv, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`git ${args.join(' ')}: ${run.stderr}`);
    return run.stdout.trim();
  };
  git('init', '-q');
  git('config', 'user.name', 'KeyWard Test');
  git('config', 'user.email', 'test@example.invalid');
  git('config', 'commit.gpgsign', 'false');
  const write = (more: Record<string, string | Buffer>) => {
    for (const [path, content] of Object.entries(more)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
  };
  write(files);
  const keyward = (args: string[], cwd = dir) => {
    const run = spawnSync(process.execPath, [cli, ...args], { cwd, env: gitEnv, encoding: 'utf8' });
    return { code: run.status, stdout: run.stdout, stderr: run.stderr };
  };
  const commit = (message: string) => {
    git('add', '-A');
    git('commit', '-q', '-m', message);
    return git('rev-parse', 'HEAD');
  };
  return { dir, git, write, keyward, commit };
}

const jsonLines = (stdout: string) => stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);

describe('keyward scan --staged', () => {
  it('scans what the index holds, not the working tree, naming the staged file and line', async () => {
    const staged = newKey();
    const repo = repository({ 'README.md': '# demo\n' });
    repo.commit('start');
    repo.write({ 'config/app.env': `DEBUG=1\nOPENAI_API_KEY=${staged}\n`, 'notes.txt': 'clean\n' });
    repo.git('add', 'config/app.env', 'notes.txt');
    // After staging: the key removed from the working copy, and a key added that is not staged.
    repo.write({ 'config/app.env': 'DEBUG=1\nOPENAI_API_KEY=\n', 'notes.txt': `clean\n${newKey()}\n` });
    const { code, stdout, stderr } = repo.keyward(['scan', '--staged']);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(stdout).toBe(`config/app.env:2:16 openai project ${redact(staged)} ${await fingerprint(staged)}\n`);
    // The plain scan of the working tree sees the opposite.
    expect(repo.keyward(['scan', '.']).stdout).toMatch(/^\.\/notes\.txt:2:1 /);
  });

  it('limits the scan to the given paths, prints paths from the current directory, and passes a clean index', () => {
    const repo = repository({ 'a/one.txt': newKey(), 'b/two.txt': newKey() });
    repo.git('add', '-A');
    expect(repo.keyward(['scan', '--staged', 'b']).stdout).toMatch(/^b\/two\.txt:1:1 /);
    // Blobs packed by gc are no longer loose objects: git cat-file reads them instead.
    repo.git('gc', '-q');
    expect(repo.keyward(['scan', '--staged', 'b']).stdout).toMatch(/^b\/two\.txt:1:1 /);
    expect(repo.keyward(['scan', '--staged'], join(repo.dir, 'a')).stdout.split('\n')[0]).toMatch(/^one\.txt:1:1 /);
    repo.commit('both');
    expect(repo.keyward(['scan', '--staged'])).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('fails with status 2 outside a git repository', () => {
    const dir = mkdtempSync(join(work, 'plain-'));
    const { code, stderr } = repository().keyward(['scan', '--staged'], dir);
    expect(code).toBe(2);
    expect(stderr).toBe('keyward: git: not a git repository (or any of the parent directories)\n');
  });
});

describe('keyward scan --since', () => {
  it('reports each key added after REF with the commit that added it and its line in that commit', () => {
    const [first, second] = [newKey(), newKey()];
    const repo = repository({ 'app.py': 'import os\n' });
    const base = repo.commit('base');
    repo.write({ 'app.py': `import os\n\nclient = OpenAI(api_key="${first}")\n` });
    const addedFirst = repo.commit('first key');
    repo.write({ 'app.py': `import os\nimport sys\n\nclient = OpenAI(api_key="${first}")\n`, 'deploy/.env': `X=1\nKEY=${second}\n` });
    const addedSecond = repo.commit('second key, first key moved down a line');
    const findings = jsonLines(repo.keyward(['scan', '--since', base, '--json']).stdout);
    // Moving a line down is not an addition: the first key is reported once, where it was added.
    expect(findings).toEqual([
      expect.objectContaining({ path: 'app.py', line: 3, column: 26, offset: null, commit: addedFirst, redacted: redact(first) }),
      expect.objectContaining({ path: 'deploy/.env', line: 2, column: 5, offset: null, commit: addedSecond, redacted: redact(second) }),
    ]);
    expect(repo.keyward(['scan', '--since', addedFirst]).stdout).toMatch(new RegExp(`^deploy/\\.env:2:5 openai project .* ${addedSecond.slice(0, 12)}\\n$`));
    expect(repo.keyward(['scan', '--since', 'HEAD'])).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('scans the whole history, root commit included, when REF is the root commit', () => {
    const [inRoot, later] = [newKey(), newKey()];
    const repo = repository({ 'seed.txt': `${inRoot}\n` });
    const rootCommit = repo.commit('root');
    repo.write({ 'seed.txt': `${inRoot}\n${later}\n` });
    repo.commit('more');
    // A key added and later deleted is still in history: that is what a history scan is for.
    repo.write({ 'seed.txt': '' });
    repo.commit('remove');
    const findings = jsonLines(repo.keyward(['scan', '--since', rootCommit, '--json']).stdout);
    expect(findings.map((f) => [f.line, f.redacted, f.commit === rootCommit])).toEqual([
      [1, redact(inRoot), true],
      [2, redact(later), false],
    ]);
  });

  it('reports an unknown revision with status 2', () => {
    const repo = repository({ 'a.txt': 'a\n' });
    repo.commit('a');
    expect(repo.keyward(['scan', '--since', 'no-such-branch'])).toEqual({ code: 2, stdout: '', stderr: "keyward: git: unknown revision 'no-such-branch'\n" });
  });
});

describe('directory walks in a git repository', () => {
  it('skip what .gitignore files ignore, nested ones included; --no-ignore scans everything', () => {
    const key = newKey();
    const repo = repository({
      '.gitignore': 'build/\n*.log\n',
      'src/.gitignore': 'generated.ts\n',
      'src/app.ts': key,
      'src/generated.ts': key,
      'build/out.js': key,
      'debug.log': key,
      'tracked.log': key,
    });
    repo.git('add', '-f', 'tracked.log'); // tracked files are scanned even when a pattern matches them
    const paths = (args: string[]) => repo.keyward(args).stdout.trim().split('\n').map((line) => line.split(':')[0]);
    expect(paths(['scan', '.'])).toEqual(['./src/app.ts', './tracked.log']);
    expect(paths(['scan', '--no-ignore', '.'])).toEqual(['./build/out.js', './debug.log', './src/app.ts', './src/generated.ts', './tracked.log']);
    // A file named on the command line is scanned: it was asked for.
    expect(paths(['scan', 'debug.log'])).toEqual(['debug.log']);
  });

  it('do not report a tracked file deleted from the working tree', () => {
    const repo = repository({ 'gone.txt': 'x\n', 'here.txt': newKey() });
    repo.commit('two files');
    rmSync(join(repo.dir, 'gone.txt'));
    const { code, stdout, stderr } = repo.keyward(['scan', '.']);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(stdout).toMatch(/^\.\/here\.txt:1:1 /);
  });
});

describe('living with findings', () => {
  it('skips a key whose line carries an allow comment of KeyWard or of another scanner', () => {
    const markers = ['# keyward:allow', '// gitleaks:allow', '# betterleaks:allow', '# trufflehog:ignore', '# pragma: allowlist secret'];
    const lines = markers.map((marker) => `KEY="${newKey()}"  ${marker}`);
    const flagged = newKey();
    const repo = repository({ 'fixtures.sh': [...lines, `KEY="${flagged}"`, '# keyward:allow on its own line covers nothing'].join('\n') });
    const { code, stdout } = repo.keyward(['scan', '--json', 'fixtures.sh']);
    expect(code).toBe(1);
    expect(jsonLines(stdout)).toEqual([expect.objectContaining({ line: markers.length + 1, redacted: redact(flagged) })]);
    // Every line allowed: nothing to report.
    repo.write({ 'allowed.sh': lines.join('\n') });
    expect(repo.keyward(['scan', 'allowed.sh'])).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('honours .keywardignore at the repository root: fingerprints, path globs and comments', async () => {
    const [known, other] = [newKey(), newKey()];
    const repo = repository({
      'docs/example.md': other,
      'test/fixtures/a/keys.txt': other,
      'src/leak.ts': `${known}\n${other}\n`,
      'src/deep/leak.ts': known,
    });
    repo.write({
      '.keywardignore': `# revoked in 2024, kept in the changelog\n${await fingerprint(known)}\n\ndocs/*.md  # examples\n/test/fixtures/\n`,
    });
    const { stdout } = repo.keyward(['scan', '--json', '.']);
    expect(jsonLines(stdout).map((f) => [f.path, f.line])).toEqual([['./src/leak.ts', 2]]);
    // Globs apply from the root even when run from a subdirectory; --staged sees the same rules.
    expect(jsonLines(repo.keyward(['scan', '--json', '.'], join(repo.dir, 'test')).stdout)).toEqual([]);
    repo.git('add', '-A');
    expect(jsonLines(repo.keyward(['scan', '--staged', '--json']).stdout).map((f) => f.path)).toEqual(['src/leak.ts']);
    // --no-ignore drops the path globs but not the fingerprints: a fingerprint names one known key.
    expect(jsonLines(repo.keyward(['scan', '--no-ignore', '--json', '.']).stdout)).toHaveLength(3);
  });

  it('reports only findings not in the --baseline, and fails on a baseline it cannot read', () => {
    const oldEnv = `A=${newKey()}\nB=${newKey()}\n`;
    const repo = repository({ 'old.env': oldEnv });
    const before = repo.keyward(['scan', '--json', '.']);
    expect(jsonLines(before.stdout)).toHaveLength(2);
    repo.write({ 'baseline.jsonl': before.stdout });
    expect(repo.keyward(['scan', '--baseline', 'baseline.jsonl', '.'])).toEqual({ code: 0, stdout: '', stderr: '' });
    // Old keys moved down by an edit are still known; a new key is not.
    const added = newKey();
    repo.write({ 'old.env': `# header\n${oldEnv}`, 'new.env': `C=${added}\n` });
    const after = repo.keyward(['scan', '--baseline', 'baseline.jsonl', '--json', '.']);
    expect(after.code).toBe(1);
    expect(jsonLines(after.stdout).map((f) => [f.path, f.redacted])).toEqual([['./new.env', redact(added)]]);
    repo.write({ 'broken.jsonl': 'not json\n' });
    expect(repo.keyward(['scan', '--baseline', 'broken.jsonl', '.'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'keyward: cannot read baseline broken.jsonl: line 1 is not JSON (expected the output of keyward scan --json)\n',
    });
  });
});

// `keyward scan` end to end: the built bundle run as a child process, as users and git hooks run it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint, redact } from '../../utils/detect/index';
import { ALL_SHAPES, makeKey, seededRng } from '../helpers/keys';

const root = fileURLToPath(new URL('../..', import.meta.url));
const rng = seededRng(7);
const legacyKey = () => makeKey('openai-legacy-51', rng);
let work: string;
let cli: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'keyward-cli-'));
  // A private copy of the bundle: other test files build theirs in parallel.
  cli = join(work, 'keyward.mjs');
  const built = spawnSync(process.execPath, [join(root, 'scripts/build-cli.mjs'), '--outfile', cli], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`CLI build failed: ${built.stderr}`);
}, 60_000);

afterAll(() => rmSync(work, { recursive: true, force: true }), 60_000);

function keyward(args: string[], input: string | Buffer = '', env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, [cli, ...args], { cwd: work, input, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A fresh directory under the test's work dir; `files` maps relative paths to contents. */
function tree(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(work, 'tree-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

const jsonLines = (stdout: string) => stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);

describe('keyward scan output', () => {
  it('prints path:line:column provider type redacted fingerprint', async () => {
    const key = legacyKey();
    const dir = tree({ 'app.env': `# settings\nOPENAI_API_KEY=${key}\n` });
    const { code, stdout } = keyward(['scan', join(dir, 'app.env')]);
    expect(code).toBe(1);
    expect(stdout).toBe(`${join(dir, 'app.env')}:2:16 openai legacy ${redact(key)} ${await fingerprint(key)}\n`);
  });

  it('prints JSON Lines with exactly the documented fields, in order', async () => {
    const key = makeKey('openai-project-164', rng);
    const dir = tree({ 'a.json': `{"k": "${key}"}` });
    const [finding, ...rest] = jsonLines(keyward(['scan', '--json', join(dir, 'a.json')]).stdout);
    expect(rest).toEqual([]);
    expect(Object.keys(finding ?? {})).toEqual([
      'path', 'line', 'column', 'offset', 'length', 'provider', 'type', 'rule', 'redacted', 'fingerprint',
    ]);
    expect(finding).toEqual({
      path: join(dir, 'a.json'),
      line: 1,
      column: 8,
      offset: 7,
      length: key.length,
      provider: 'openai',
      type: 'project',
      rule: 'openai-project',
      redacted: redact(key),
      fingerprint: await fingerprint(key),
    });
  });

  it('counts lines across CRLF and columns and offsets in UTF-16 units past non-ASCII text', () => {
    const key = legacyKey();
    const before = 'naïve — 日本 😀 key=';
    const firstLines = 'line one\r\nline two ü\r\n';
    const dir = tree({ 'crlf.txt': `${firstLines}${before}${key}\r\nlast\r\n` });
    const [finding] = jsonLines(keyward(['scan', '--json', join(dir, 'crlf.txt')]).stdout);
    // The emoji is two UTF-16 units: one more unit than code points.
    expect(before.length).toBe([...before].length + 1);
    expect(finding).toMatchObject({ line: 3, column: before.length + 1, offset: firstLines.length + before.length, length: key.length });
  });

  it('drops a UTF-8 byte-order mark and replaces invalid bytes, one U+FFFD each', () => {
    const key = legacyKey();
    const dir = tree({
      'bom.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(key)]),
      'bad.txt': Buffer.concat([Buffer.from([0xff, 0xc3, 0x20]), Buffer.from(key)]),
    });
    const [bad, bom] = jsonLines(keyward(['scan', '--json', dir]).stdout);
    expect(bad).toMatchObject({ path: join(dir, 'bad.txt'), column: 4, offset: 3 });
    expect(bom).toMatchObject({ path: join(dir, 'bom.txt'), column: 1, offset: 0 });
  });

  it('measures length in the original text when invisible characters hide inside a key', () => {
    const key = legacyKey();
    const hidden = [...key].join('\u200b');
    const [finding] = jsonLines(keyward(['scan', '--json'], `x ${hidden}\n`).stdout);
    expect(finding).toMatchObject({ offset: 2, length: hidden.length, redacted: redact(key) });
  });

  it('never prints a full key, in either format, for any shape', () => {
    const keys = ALL_SHAPES.map((spec) => makeKey(spec.shape, rng));
    const dir = tree({ 'all.txt': keys.map((key, i) => `key${i} = "${key}"\n`).join('') });
    for (const format of [[], ['--json']]) {
      const { code, stdout, stderr } = keyward(['scan', ...format, join(dir, 'all.txt'), join(dir, 'missing')]);
      expect(code).toBe(1);
      // Every shape is reported, so the absence check below is not vacuous.
      expect(stdout.trim().split('\n')).toHaveLength(keys.length);
      for (const key of keys) {
        expect(stdout).not.toContain(key);
        expect(stderr).not.toContain(key);
      }
    }
  });
});

describe('keyward scan inputs', () => {
  it('reads standard input when no path is given, or for `-`, shown as `-`', () => {
    const key = legacyKey();
    for (const args of [['scan'], ['scan', '-'], ['scan', '--json', '-']]) {
      const { code, stdout } = keyward(args, `hello\n  ${key}\n`);
      expect(code).toBe(1);
      if (args.includes('--json')) expect(jsonLines(stdout)[0]).toMatchObject({ path: '-', line: 2, column: 3 });
      else expect(stdout).toMatch(/^-:2:3 openai legacy /);
    }
  });

  it('walks directories in sorted order, skipping .git, node_modules, binaries and linked directories', () => {
    const key = legacyKey();
    const dir = tree({
      'b.txt': key,
      'a/z.txt': key,
      'a/b/c.txt': key,
      'A.txt': key,
      '.git/config': key,
      'sub/node_modules/pkg/index.js': key,
      'image.bin': Buffer.concat([Buffer.from('PNG\0'), Buffer.from(` ${key}`)]),
      'late-nul.txt': `${'x'.repeat(9000)}\0 ${key}`,
      'outside/linked.txt': key,
    });
    symlinkSync(join(dir, 'a'), join(dir, 'loop-to-a'));
    symlinkSync(join(dir, 'outside', 'linked.txt'), join(dir, 'file-link.txt'));
    symlinkSync(join(dir, 'nowhere'), join(dir, 'dangling.txt'));
    const { code, stdout, stderr } = keyward(['scan', dir]);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const paths = stdout.trim().split('\n').map((line) => line.split(':')[0]?.slice(dir.length + 1));
    // A NUL byte after the first 8 KiB does not make a file binary.
    expect(paths).toEqual(['A.txt', 'a/b/c.txt', 'a/z.txt', 'b.txt', 'file-link.txt', 'late-nul.txt', 'outside/linked.txt']);
  });

  it('scans paths in the order given and follows a symbolic link named on the command line', () => {
    const key = legacyKey();
    const dir = tree({ 'real/k.txt': key, 'z.txt': key });
    symlinkSync(join(dir, 'real'), join(dir, 'link'));
    const { stdout } = keyward(['scan', join(dir, 'z.txt'), join(dir, 'link')]);
    expect(stdout.trim().split('\n').map((line) => line.split(':')[0])).toEqual([join(dir, 'z.txt'), join(dir, 'link', 'k.txt')]);
  });

  it('shares a large tree across threads and reports exactly what one thread does, in the same order', () => {
    const files: Record<string, string | Buffer> = {};
    // Past the 1,000 files scanned before threads start, with keys, binaries and clean files mixed.
    for (let i = 0; i < 2500; i++) {
      const dir = `d${i % 7}/s${i % 13}`;
      if (i % 97 === 0) files[`${dir}/bin${i}.dat`] = Buffer.concat([Buffer.from('\0'), Buffer.from(legacyKey())]);
      else if (i % 5 === 0) files[`${dir}/f${i}.env`] = `# file ${i}\nKEY_${i}=${legacyKey()}\n`;
      else files[`${dir}/f${i}.txt`] = `plain text ${i}\n`;
    }
    const dir = tree(files);
    const serial = keyward(['scan', '--json', dir], '', { KEYWARD_THREADS: '1' });
    const threaded = keyward(['scan', '--json', dir], '', { KEYWARD_THREADS: '3' });
    expect(serial.code).toBe(1);
    expect(jsonLines(serial.stdout)).toHaveLength(Object.keys(files).filter((path) => path.endsWith('.env')).length);
    expect(threaded).toEqual(serial);
  }, 60_000);

  it('cuts a large file across threads and reports exactly what one thread does', () => {
    // Over the 8 MiB a thread reads whole: BOM, CRLF, 1- to 4-byte characters, invisible characters
    // inside keys, allow comments, and keys on the lines where the cuts may fall.
    const fillers = ['plain ascii line', 'naïve café', '日本語のテキスト', 'emoji 😀 here', 'tab\tseparated'];
    let text = '\ufeff';
    for (let i = 0; text.length < 10 * 1024 * 1024; i++) {
      const filler = fillers[i % fillers.length] ?? '';
      if (i % 1500 === 0) {
        const key = legacyKey();
        const shown = i % 4500 === 0 ? [...key].join('\u200b') : key;
        text += `${filler} ${shown}${i % 3000 === 0 ? ' # keyward:allow' : ''}\r\n`;
      } else text += `${filler} ${'x'.repeat(i % 120)}\n`;
    }
    const dir = tree({ 'big.txt': text });
    const serial = keyward(['scan', '--json', join(dir, 'big.txt')], '', { KEYWARD_THREADS: '1' });
    expect(jsonLines(serial.stdout).length).toBeGreaterThan(40);
    for (const threads of ['2', '5']) expect(keyward(['scan', '--json', join(dir, 'big.txt')], '', { KEYWARD_THREADS: threads })).toEqual(serial);
  }, 120_000);

  it('scans a 64 MiB file, finding keys at its start, middle and end', () => {
    const keys = [legacyKey(), legacyKey(), legacyKey()];
    const line = 'const value = compute(input, 42); // plain code line\n';
    const filler = line.repeat(Math.floor((32 * 1024 * 1024) / line.length));
    const text = `${keys[0]}\n${filler}${keys[1]}\n${filler}${keys[2]}`;
    const dir = tree({ 'big.txt': text });
    const { code, stdout } = keyward(['scan', '--json', join(dir, 'big.txt')]);
    expect(code).toBe(1);
    expect(jsonLines(stdout).map((f) => f.offset)).toEqual(keys.map((key) => text.indexOf(key)));
  }, 60_000);
});

describe('keyward exit status', () => {
  it('is 0 with no output when nothing is found', () => {
    const dir = tree({ 'clean.txt': 'nothing to see; sk-learn and task-runner are words\n' });
    expect(keyward(['scan', dir])).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it.each([
    [[], 'no command given'],
    [['lint'], "unknown command 'lint'"],
    [['--frobnicate'], "unknown option '--frobnicate'"],
    [['scan', '--jsn', '.'], "unknown option '--jsn'"],
  ])('is 2 on the usage error %j, with a one-line hint to --help', (args, message) => {
    const { code, stdout, stderr } = keyward(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`keyward: ${message}; run 'keyward --help' for usage\n`);
  });

  it('reports an unreadable path and still scans the others: 1 with findings, else 2', () => {
    const dir = tree({ 'key.txt': legacyKey(), 'clean.txt': 'fine\n' });
    const missing = join(dir, 'missing.txt');
    const notDir = join(dir, 'clean.txt', 'child');
    const withKey = keyward(['scan', missing, join(dir, 'key.txt'), notDir]);
    expect(withKey.code).toBe(1);
    expect(withKey.stdout).toMatch(/key\.txt:1:1 openai legacy /);
    expect(withKey.stderr).toBe(
      `keyward: cannot read ${missing}: no such file or directory\nkeyward: cannot read ${notDir}: not a directory\n`,
    );
    const clean = keyward(['scan', join(dir, 'clean.txt'), missing]);
    expect(clean).toEqual({ code: 2, stdout: '', stderr: `keyward: cannot read ${missing}: no such file or directory\n` });
  });

  it('prints help (with the exit codes) and the version, exiting 0', () => {
    const help = keyward(['--help']);
    expect(help.code).toBe(0);
    for (const option of ['--staged', '--since REF', '--format FORMAT', '--json', '--baseline FILE', '--no-ignore', 'keyward:allow', '.keywardignore']) {
      expect(help.stdout).toContain(option);
    }
    expect(help.stdout).toContain('Exit status:');
    expect(keyward(['scan', '-h']).stdout).toBe(help.stdout);
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(keyward(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('bundles everything: the only imports left are Node builtins', () => {
    const bundle = readFileSync(cli, 'utf8');
    expect(bundle.startsWith('#!/usr/bin/env node\n')).toBe(true);
    const imported = [...bundle.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((m) => m[1]);
    expect(imported.length).toBeGreaterThan(0);
    for (const specifier of imported) expect(specifier).toMatch(/^node:/);
  });
});

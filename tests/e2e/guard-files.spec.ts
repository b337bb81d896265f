import { makeZip } from '../helpers/zip';
import { expect, test } from './fixtures';
import { base64, chooseFiles, dropFiles, pasteFiles } from './file-helpers';
import { GuardPage, testKey } from './guard-helpers';

/** Files by content, not by name: uploaded, dropped and pasted (block, the default). */
const MB = 1024 * 1024;
const PNG = base64(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));

test.describe('files are judged by their content', () => {
  test('text files of any name are read (.bashrc, .har, no extension) and a binary file is not', async ({ kw }) => {
    const keys = [71, 72, 73].map((seed) => testKey(seed));
    const g = await GuardPage.open(kw, 'claude');
    const input = 'input[data-testid="file-upload"]';
    await chooseFiles(g, input, [
      { name: '.bashrc', text: `alias ll='ls -l'\nexport OPENAI_API_KEY=${keys[0]!.key}\n` },
      { name: 'session.har', type: 'application/json', text: JSON.stringify({ log: { entries: [{ request: { headers: [{ name: 'Authorization', value: `Bearer ${keys[1]!.key}` }] } }] } }) },
      { name: 'NOTES', text: `todo\n${keys[2]!.key}\n` },
      { name: 'photo.png', type: 'image/png', base64: PNG },
    ]);
    const alert = await g.waitAlert('block');
    expect(alert.text, 'the alert names the files').toContain('".bashrc" and 2 more files');
    for (const { key, redacted } of keys) {
      expect(alert.text).toContain(redacted);
      expect(alert.text).not.toContain(key);
    }
    expect(await g.fileCount(input), 'the selection is held').toBe(0);
    expect(await g.uploads(), "the page's change handler got nothing").toEqual([]);
    await g.clickAlert('Attach with key redacted');
    await expect.poll(() => g.uploads()).toEqual(['.bashrc', 'session.har', 'NOTES', 'photo.png']);
    await expect.poll(() => g.pageSaw(`export OPENAI_API_KEY=${keys[0]!.redacted}`)).toBe(true);
    for (const { key } of keys) expect(await g.pageSaw(key)).toBe(false);
  });

  test('a page polling input.files while the guard reads never sees the held file; a clean one comes back', async ({ kw }) => {
    const { key } = testKey(74);
    const g = await GuardPage.open(kw, 'issue');
    // The page reads the input in every task it gets (a MessageChannel loop runs between any two tasks).
    await g.page.evaluate(() => {
      const input = document.querySelector<HTMLInputElement>('#attach')!;
      const w = window as unknown as { __polled: string[]; __stopPolling: boolean };
      w.__polled = [];
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        for (const f of Array.from(input.files ?? [])) if (!w.__polled.includes(f.name)) w.__polled.push(f.name);
        if (!w.__stopPolling) channel.port2.postMessage(0);
      };
      channel.port2.postMessage(0);
    });
    const polled = () => g.page.evaluate(() => (window as unknown as { __polled: string[] }).__polled);
    const afterEvents = await chooseFiles(g, '#attach', [{ name: 'prod.env', text: `API_KEY=${key}\n` }]);
    expect(afterEvents, 'the input is empty when the events return').toBe(0);
    await g.waitAlert('block');
    expect(await polled(), 'no page task saw the held file').toEqual([]);
    await g.clickAlert("Don't attach");
    await g.waitNoAlert();
    await chooseFiles(g, '#attach', [{ name: 'readme.txt', text: 'nothing secret\n' }]);
    await expect.poll(polled).toEqual(['readme.txt']);
    expect(await g.uploads()).toEqual(['readme.txt']);
    await g.page.evaluate(() => ((window as unknown as { __stopPolling: boolean }).__stopPolling = true));
    expect(await g.pageSaw(key)).toBe(false);
  });

  test('a file input inside a closed shadow root is covered', async ({ kw }) => {
    const { key, redacted } = testKey(75);
    const g = await GuardPage.open(kw, 'issue');
    // An upload widget with a closed root, its change handler on the input, and a window listener that
    // reads the input the moment any input event passes (the page holds the closed root).
    await g.page.evaluate(() => {
      const host = document.createElement('upload-widget');
      const root = host.attachShadow({ mode: 'closed' });
      root.innerHTML = '<label>Attach <input type="file" id="inner"></label>';
      document.querySelector('main')!.append(host);
      const input = root.querySelector('input')!;
      const w = window as unknown as { __closedInput: HTMLInputElement; __closedUploads: string[]; __seen: string[] };
      w.__closedInput = input;
      w.__closedUploads = [];
      const read = (where: string) => {
        for (const f of Array.from(input.files ?? [])) {
          w.__closedUploads.push(`${where}:${f.name}`);
          void f.text().then((t) => w.__seen.push(`closed-${where}|${t}`));
        }
      };
      input.addEventListener('change', () => read('change'));
      window.addEventListener('input', () => read('window-input'), true);
    });
    const uploads = () => g.page.evaluate(() => (window as unknown as { __closedUploads: string[] }).__closedUploads);
    expect(await chooseFiles(g, 'window.__closedInput', [{ name: 'creds', text: `token: ${key}\n` }])).toBe(0);
    const alert = await g.waitAlert('block');
    expect(alert.text).toContain('"creds" contains an API key');
    expect(alert.text).toContain(redacted);
    expect(await uploads(), 'neither the input nor the window listener got the file').toEqual([]);
    await g.clickAlert('Attach with key redacted');
    await expect.poll(uploads).toContain('change:creds');
    await expect.poll(() => g.pageSaw(`token: ${redacted}`)).toBe(true);
    expect(await g.pageSaw(key)).toBe(false);
  });

  test('zip archives are scanned inside; a zip bomb is stopped at its bound and the alert says so', async ({ kw }) => {
    const { key, redacted } = testKey(76, 'aws-akia');
    const g = await GuardPage.open(kw, 'chatgpt');
    const bomb = makeZip([{ name: 'a.txt', data: 'a'.repeat(100 * MB + 1) }]);
    await dropFiles(g, 'composer', [{ name: 'small.zip', type: 'application/zip', base64: base64(bomb) }]);
    let alert = await g.waitAlert('block', 30_000);
    expect(alert.heading).toContain('File not checked');
    expect(alert.text).toContain('"small.zip" unpacks to more than 100 MB');
    expect(alert.buttons).not.toContain('Attach with key redacted');
    await g.clickAlert("Don't attach");
    await g.waitNoAlert();
    const project = makeZip([
      { name: 'src/app.js', data: 'export const x = 1;\n' },
      { name: 'src/inner.zip', data: makeZip([{ name: '.env', data: `AWS_ACCESS_KEY_ID=${key}\n` }]) },
    ]);
    await dropFiles(g, 'composer', [{ name: 'project-code', base64: base64(project) }]);
    alert = await g.waitAlert('block', 30_000);
    expect(alert.text).toContain('"project-code" contains an API key');
    expect(alert.text).toContain(redacted);
    expect((await g.seen()).filter((e) => e.startsWith('drop')), 'the page saw no drop').toEqual([]);
    await g.clickAlert("Don't attach");
    await g.waitNoAlert();
    expect((await g.seen()).filter((e) => e.startsWith('drop'))).toEqual([]);
  });

  test('a pasted file (clipboardData.files) is read and held like an upload', async ({ kw }) => {
    const { key, redacted } = testKey(77);
    const g = await GuardPage.open(kw, 'chatgpt');
    const carried = await pasteFiles(g, 'composer', [{ name: '.envrc', text: `export OPENAI_API_KEY=${key}\n` }]);
    test.skip(!carried, 'this browser cannot put files in a script-made paste event');
    const alert = await g.waitAlert('block');
    expect(alert.text).toContain('".envrc" contains an API key');
    expect(alert.text).toContain(redacted);
    expect((await g.seen()).filter((e) => e.startsWith('paste')), 'the page saw no paste').toEqual([]);
    await g.clickAlert('Attach with key redacted');
    await expect.poll(() => g.pageSaw(`paste|file=.envrc|content=export OPENAI_API_KEY=${redacted}`)).toBe(true);
    expect(await g.pageSaw(key)).toBe(false);
  });

  test('a large text file is scanned whole; one over 100 MB is held unchecked, and "Insert anyway" attaches it', async ({ kw }) => {
    const { key, redacted } = testKey(78);
    const g = await GuardPage.open(kw, 'issue');
    await chooseFiles(g, '#attach', [{ name: 'server.log', fill: { size: 20 * MB, byte: 0x2e, prefix: 'start\n', suffix: `\nkey=${key}\n` } }]);
    const alert = await g.waitAlert('block', 60_000);
    expect(alert.text).toContain(redacted);
    await g.clickAlert("Don't attach");
    await g.waitNoAlert();
    await chooseFiles(g, '#attach', [{ name: 'huge.log', fill: { size: 100 * MB + 1, prefix: 'log\n' } }]);
    const held = await g.waitAlert('block', 60_000);
    expect(held.heading).toContain('File not checked');
    expect(held.text).toContain('"huge.log" is larger than 100 MB');
    expect(await g.uploads()).toEqual([]);
    await g.clickAlert('Attach anyway');
    await expect.poll(() => g.uploads()).toEqual(['huge.log']);
  });
});

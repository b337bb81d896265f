import { expect, test } from './fixtures';
import { GuardPage, testKey } from './guard-helpers';

/** Fields inside open shadow roots and same-origin frames are guarded like any other. */
test.describe('shadow roots and frames', () => {
  for (const [field, kind] of [
    ['composer', 'textarea'],
    ['rich', 'contenteditable'],
  ] as const) {
    test(`a paste into a ${kind} inside an open shadow root is blocked before the shadow root's own handler`, async ({ kw }) => {
      const { key, redacted } = testKey(81);
      const g = await GuardPage.open(kw, 'shadow');
      await g.paste(field, key);
      const alert = await g.waitAlert('block');
      expect(alert.text).toContain(redacted);
      const seen = await g.seen();
      expect(seen.filter((e) => e.includes('paste')), 'neither the window nor the shadow root handler saw the paste').toEqual([]);
      await g.clickAlert('Insert with key redacted');
      await expect.poll(() => g.text(field)).toContain(redacted);
      expect(await g.text(field)).not.toContain(key);
    });
  }

  test('the guard runs in both same-origin frames (by URL and srcdoc)', async ({ kw }) => {
    const g = await GuardPage.open(kw, 'frame');
    const marks = await g.page.waitFor(() => {
      const found = Array.from(document.querySelectorAll('iframe')).map((f) => f.contentDocument?.documentElement.dataset.keywardGuard);
      return found.every((m) => m === 'on') ? found : null;
    });
    expect(marks).toEqual(['on', 'on']);
  });

  for (const [field, kind] of [
    ['frameBody', 'frame loaded by URL'],
    ['srcdocBody', 'srcdoc frame'],
  ] as const) {
    test(`a paste into a textarea in a same-origin ${kind} is blocked`, async ({ kw }) => {
      const { key, redacted } = testKey(82);
      const g = await GuardPage.open(kw, 'frame');
      await g.paste(field, `x ${key} y`);
      const alert = await g.waitAlert('block');
      expect(alert.text).toContain(redacted);
      expect(await g.pageSaw(key)).toBe(false);
      expect((await g.seen()).filter((e) => e.startsWith('paste'))).toEqual([]);
      await g.clickAlert('Insert with key redacted');
      await expect.poll(() => g.text(field)).toBe(`x ${redacted} y`);
    });
  }

  test('a real paste (Control+V) into a frame', async ({ kw }) => {
    const { key } = testKey(83);
    const g = await GuardPage.open(kw, 'frame');
    expect(await g.realPaste('frameBody', key)).toBe(true);
    await g.waitAlert('block');
    await new Promise((r) => setTimeout(r, 300));
    expect(await g.text('frameBody')).not.toContain(key);
    expect(await g.pageSaw(key)).toBe(false);
  });
});

/** What a made frame's probe answers (pages/sites.ts FRAME_PROBE). */
interface ProbeState {
  /** How many paste events the frame's own handler saw. */
  seen: number;
  value: string;
  mark: string | null;
  alert: string | null;
}

/** Sends a message to a made frame (or the popup) and returns its answer. */
function ask(g: GuardPage, target: string, message: { kw: 'paste'; text: string } | { kw: 'state' }): Promise<ProbeState> {
  return g.page.evaluate(
    ({ target, message }) =>
      new Promise<ProbeState>((resolve) => {
        const id = Math.random();
        addEventListener('message', function answer(event) {
          if (event.data?.id !== id) return;
          removeEventListener('message', answer);
          resolve(event.data as ProbeState);
        });
        const win = target === 'popup' ? (window as unknown as { __popup: Window }).__popup : document.querySelector<HTMLIFrameElement>(target)!.contentWindow!;
        win.postMessage({ ...message, id }, '*');
      }),
    { target, message },
  );
}

/** Frames and windows a guarded page makes are guarded as that page. */
test.describe('documents a guarded page makes', () => {
  for (const [target, kind] of [
    ['#sandboxed', 'sandboxed srcdoc frame'],
    ['#blob', 'blob: frame'],
    ['#data', 'data: frame'],
    ['popup', "window.open('') popup it writes"],
  ] as const) {
    test(`a pasted key is stopped in a ${kind}`, async ({ kw }) => {
      const { key } = testKey(138);
      const g = await GuardPage.open(kw, 'makers');
      if (target === 'popup') await g.page.click('#open-popup');
      await expect.poll(async () => (await ask(g, target, { kw: 'state' })).mark, { message: `the guard runs in the ${kind}` }).toBe('on');
      const pasted = await ask(g, target, { kw: 'paste', text: `x ${key}` });
      expect(pasted.seen, "the frame's own paste handler never saw the paste").toBe(0);
      await expect.poll(async () => (await ask(g, target, { kw: 'state' })).alert).toBe('block');
    });
  }
});

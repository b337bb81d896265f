import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { createDetector, redact } from '../../utils/detect';
import { DEFAULTS } from '../../utils/policy/defaults';
import type { Settings } from '../../utils/policy/schema';
import { startGuard } from '../../utils/guard';
import { standDownForNewer, startCopy } from '../../utils/guard/copies';
import type { GuardWindow } from '../../utils/guard/core';
import { makeKey, seededRng } from '../helpers/keys';
import { paste } from './guard-harness';

const frame = () => new Window({ url: 'https://github.com/' }) as unknown as GuardWindow;

/** Starts a copy of the guard as the entrypoint does; `gone()` answers whether its extension is gone. */
function copy(win: GuardWindow, gone: () => boolean) {
  const life = startCopy(win);
  if (life) standDownForNewer(win, life, gone, life.signal);
  return life;
}

describe('copies of the guard in one frame', () => {
  it('a second copy of a running extension does nothing; the first keeps guarding', () => {
    const win = frame();
    const first = copy(win, () => false);
    expect(first).toBeDefined();
    expect(copy(win, () => false)).toBeUndefined();
    expect(first!.signal.aborted).toBe(false);
  });

  it('a copy whose extension is gone (updated, reloaded) stands down when a newer copy starts, which then guards', () => {
    const win = frame();
    let gone = false;
    const old = copy(win, () => gone);
    gone = true;
    const newer = copy(win, () => false);
    expect(old!.signal.aborted).toBe(true);
    expect(newer).toBeDefined();
    expect(newer!.signal.aborted).toBe(false);
  });

  it("the page sending the same event does not stop a copy whose extension is there, nor stop it listening", () => {
    const win = frame();
    let gone = false;
    const life = copy(win, () => gone);
    win.dispatchEvent(new win.Event('keyward:guard-started'));
    expect(life!.signal.aborted).toBe(false);
    gone = true;
    copy(win, () => false);
    expect(life!.signal.aborted).toBe(true);
  });

  it('a copy that stood down no longer stops a pasted key: the page (or the newer copy) gets it', () => {
    const win = frame();
    win.document.body.innerHTML = '<textarea></textarea>';
    let gone = false;
    const life = startCopy(win)!;
    const detector = createDetector();
    const settings = structuredClone(DEFAULTS) as unknown as Settings;
    startGuard(
      win,
      {
        findKeys: (t) => detector.findKeys(t),
        settings: () => ({ settings, managed: [], errors: [], organization: {} }),
        active: () => true,
        fingerprint: async (k) => k,
        redact,
        providerLabel: (id) => id,
        report: () => {},
        showAlert: () => ({ result: new Promise(() => {}), host: win.document.createElement('keyward-alert'), close: () => {}, update: () => {} }),
        signal: life.signal,
      },
      (signal) => standDownForNewer(win, life, () => gone, signal),
    );
    const key = makeKey('openai-project-164', seededRng(3));
    const field = win.document.querySelector('textarea')!;
    expect(paste(win, field, key).defaultPrevented).toBe(true);
    gone = true;
    startCopy(win);
    expect(paste(win, field, key).defaultPrevented).toBe(false);
  });
});

import type { GuardCore } from './core';
import { modeOf } from './decide';
import { isFromAlert, stopHard } from './events';
import { describeFiles, fileNamesWithKeys, readableFiles, readTexts, redactedFiles, toFileList } from './files';
import { isElement } from './fields';

/**
 * File inputs: when the user chooses text-like files, the `input` and `change` events are stopped in
 * the capture phase (the page has not read the files yet), the files are read, and then either fresh
 * `input` + `change` events are dispatched (no key) or, in block mode, the selection is cleared and
 * the alert says which file held a key.
 */
export function installUpload(core: GuardCore): void {
  const reading = new WeakSet<HTMLInputElement>();
  let redispatching = false;

  const redispatch = (input: HTMLInputElement) => {
    redispatching = true;
    try {
      input.dispatchEvent(new core.win.Event('input', { bubbles: true, composed: true }));
      input.dispatchEvent(new core.win.Event('change', { bubbles: true }));
    } finally {
      redispatching = false;
    }
  };

  const onFiles = (event: Event) => {
    if (redispatching || isFromAlert(event)) return;
    const input = event.composedPath()[0] as HTMLInputElement;
    if (!isElement(input) || input.localName !== 'input' || input.type !== 'file') return;
    if (reading.has(input)) {
      // The `change` that follows the `input` of the same choice: held too.
      stopHard(event);
      return;
    }
    if (core.action('upload') === 'off') return;
    const files = [...(input.files ?? [])];
    if (readableFiles(files).length === 0) return;
    stopHard(event);
    reading.add(input);
    void check(input, files, event.isTrusted).finally(() => reading.delete(input));
  };

  const check = async (input: HTMLInputElement, files: File[], trusted: boolean) => {
    const texts = await readTexts(files);
    const findings = core.scan(...texts.filter((t): t is string => t !== null));
    const action = core.action('upload');
    if (findings.length === 0 || action === 'off') {
      redispatch(input);
      return;
    }
    const mode = modeOf(action);
    const names = describeFiles(fileNamesWithKeys(core, files, texts));
    if (mode === 'block') input.value = '';
    else if (mode === 'warn') redispatch(input);
    await core.incident({
      kind: 'upload',
      mode,
      trusted,
      findings,
      anchor: input,
      message:
        mode === 'block'
          ? `${names} contains an API key, so KeyWard did not attach it.`
          : `${names} contains an API key and was attached.`,
      proceed(keys) {
        input.files = toFileList(core.win, redactedFiles(core, files, texts, keys));
        redispatch(input);
      },
      remove() {
        input.value = '';
        redispatch(input);
      },
    });
  };

  core.listen('input', onFiles);
  core.listen('change', onFiles);
}

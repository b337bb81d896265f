// The Monaco editor of VS Code web, CodeSandbox and StackBlitz, built from the real npm package
// (monaco-editor: the editor API and all its editor features, no language services). Bundled on its
// own (see build.ts): it is megabytes, so only the page that uses it loads it, as `window.KwMonaco`.
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/features/register.all';
import type { FixtureEditor } from './types';

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker };
  }
}

// No language service runs here, so no worker script is shipped: the editor worker Monaco asks for
// is an idle one (what it would compute, such as links and word suggestions, the tests never use).
self.MonacoEnvironment = {
  getWorker: () => new Worker(URL.createObjectURL(new Blob(['self.onmessage = () => {};'], { type: 'text/javascript' }))),
};

/**
 * Mounts a Monaco editor in `place`, with Monaco's defaults: in a browser with EditContext (Chromium)
 * input goes to an EditContext element, elsewhere (Firefox) to a hidden `textarea.inputarea` that
 * holds only a window of the text (`editContext: false`: the textarea everywhere). The document
 * lives in Monaco's model either way.
 */
export function mountMonaco(place: HTMLElement, options: { label?: string; language?: string; editContext?: boolean } = {}): FixtureEditor {
  const editor = monaco.editor.create(place, {
    // false: the hidden textarea in every browser, as Monaco before EditContext (and VS Code's setting off).
    editContext: options.editContext ?? true,
    value: '',
    language: options.language ?? 'plaintext',
    ariaLabel: options.label ?? 'Editor content',
    automaticLayout: true,
    minimap: { enabled: false },
    quickSuggestions: false,
    wordBasedSuggestions: 'off',
  });
  const model = editor.getModel()!;
  const setText = (value: string) => {
    model.setValue(value);
    editor.setPosition(model.getFullModelRange().getEndPosition());
  };
  return {
    kind: 'monaco',
    // The element that has focus when Monaco is focused: it receives key events and paste.
    target: () => place.querySelector<HTMLElement>('.native-edit-context, textarea.inputarea') ?? editor.getDomNode()!,
    // A user drops text on the rendered lines, under the pointer.
    dropTarget: () => place.querySelector<HTMLElement>('.view-lines')!,
    // The site's text is Monaco's model, never the DOM (the view renders only the visible lines).
    text: () => model.getValue(),
    // Monaco keeps its caret where it was (setText puts it at the end of the file).
    focus: () => editor.focus(),
    clear: () => setText(''),
    setText,
  };
}

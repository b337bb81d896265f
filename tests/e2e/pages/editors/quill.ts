// The Quill 2 prompt box that Gemini uses, built from the real npm package.
import Quill from 'quill';
import type { FixtureEditor } from './types';

/**
 * Mounts a Quill editor on `el` (Quill makes its `.ql-editor` contenteditable inside), with no
 * toolbar and Quill's bare base theme (no theme CSS). Enter (no Shift) calls `onEnter`: bindings
 * passed to the constructor run before Quill's own Enter handling, and returning false stops Quill
 * from inserting a new line.
 */
export function mountQuill(el: HTMLElement, options: { onEnter?: () => void; label?: string } = {}): FixtureEditor {
  const enter = {
    key: 'Enter',
    shiftKey: false,
    handler: () => {
      if (!options.onEnter) return true;
      options.onEnter();
      return false;
    },
  };
  const quill = new Quill(el, { modules: { toolbar: false, keyboard: { bindings: { send: enter } } } });
  quill.root.setAttribute('role', 'textbox');
  quill.root.setAttribute('aria-label', options.label ?? 'Enter a prompt here');
  // Quill's document always ends with one "\n" of its own: the site's text is what comes before it.
  const text = () => quill.getText().replace(/\n$/, '');
  return {
    kind: 'quill',
    target: () => quill.root,
    text,
    focus: () => quill.focus(),
    clear: () => quill.setText(''),
    setText: (value) => quill.setText(value),
  };
}

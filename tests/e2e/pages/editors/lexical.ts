// The Lexical composer that Messenger and WhatsApp Web use, built from the real npm packages.
import { registerPlainText } from '@lexical/plain-text';
import { $getRoot, COMMAND_PRIORITY_HIGH, createEditor, KEY_ENTER_COMMAND } from 'lexical';
import type { FixtureEditor } from './types';

/** Mounts a plain-text Lexical editor on a contenteditable `el`; Enter (no Shift) calls `onEnter`. */
export function mountLexical(el: HTMLElement, options: { onEnter?: () => void } = {}): FixtureEditor {
  const editor = createEditor({ namespace: 'composer', onError: (error) => console.error(error) });
  editor.setRootElement(el);
  registerPlainText(editor);
  editor.registerCommand(
    KEY_ENTER_COMMAND,
    (event: KeyboardEvent | null) => {
      if (!options.onEnter || event?.shiftKey) return false;
      event?.preventDefault();
      options.onEnter();
      return true;
    },
    COMMAND_PRIORITY_HIGH,
  );
  const text = () => editor.getEditorState().read(() => $getRoot().getTextContent());
  return {
    kind: 'lexical',
    target: () => el,
    text,
    focus: () => editor.focus(),
    clear: () => editor.update(() => void $getRoot().clear(), { discrete: true }),
    setText: (value) =>
      editor.update(
        () => {
          const root = $getRoot();
          root.clear();
          root.selectEnd().insertText(value);
        },
        { discrete: true },
      ),
  };
}

// The ProseMirror composer that ChatGPT and Claude use, built from the real npm packages.
import { baseKeymap, splitBlock } from 'prosemirror-commands';
import { history, redo, undo } from 'prosemirror-history';
import { keymap } from 'prosemirror-keymap';
import { schema } from 'prosemirror-schema-basic';
import { EditorState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import type { FixtureEditor } from './types';

/** Mounts a composer in `place`; Enter calls `onEnter` (send) when given, Shift+Enter starts a new paragraph. */
export function mountProseMirror(place: HTMLElement, options: { id?: string; onEnter?: () => void } = {}): FixtureEditor {
  const sendOnEnter = keymap({
    Enter: () => {
      if (!options.onEnter) return false;
      options.onEnter();
      return true;
    },
    'Shift-Enter': splitBlock,
  });
  const view = new EditorView(place, {
    state: EditorState.create({
      schema,
      plugins: [history(), sendOnEnter, keymap({ 'Mod-z': undo, 'Mod-y': redo, 'Mod-Shift-z': redo }), keymap(baseKeymap)],
    }),
    attributes: { id: options.id ?? 'prompt-textarea', 'aria-label': 'Message', role: 'textbox' },
  });
  const text = () => view.state.doc.textBetween(0, view.state.doc.content.size, '\n');
  return {
    kind: 'prosemirror',
    target: () => view.dom as HTMLElement,
    text,
    focus: () => view.focus(),
    clear: () => view.dispatch(view.state.tr.delete(0, view.state.doc.content.size)),
    setText: (value) => {
      view.dispatch(view.state.tr.insertText(value, 0, view.state.doc.content.size));
    },
  };
}

// The Slate message composer that Discord uses, built from the real npm packages (slate, slate-react,
// slate-history on React). Written with React.createElement so the bundle needs no JSX setup.
import { createElement as h, type KeyboardEvent } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { createEditor, Editor, Node, Transforms, type Descendant } from 'slate';
import { withHistory } from 'slate-history';
import { Editable, ReactEditor, Slate, withReact } from 'slate-react';
import type { FixtureEditor } from './types';

/** Discord's document: one paragraph element per line of plain text. */
const lines = (value: string): Descendant[] => value.split('\n').map((text) => ({ type: 'paragraph', children: [{ text }] }) as Descendant);

/**
 * Mounts a Slate editor in `el` (React renders the contenteditable, `role="textbox"`, inside it).
 * Enter (no Shift) calls `onEnter` from the editable's own key handler, as Discord's composer does:
 * preventing the key press keeps Slate from splitting the line.
 */
export function mountSlate(el: HTMLElement, options: { onEnter?: () => void; label?: string; placeholder?: string } = {}): FixtureEditor {
  const editor = withHistory(withReact(createEditor()));
  const onKeyDown = (event: KeyboardEvent) => {
    if (!options.onEnter || event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    options.onEnter();
  };
  const label = options.label ?? 'Message @friend';
  const editable = h(Editable, { 'aria-label': label, 'aria-multiline': true, placeholder: options.placeholder ?? label, onKeyDown });
  // Rendered at once, so the editable exists when the page publishes its fields.
  flushSync(() => createRoot(el).render(h(Slate, { editor, initialValue: lines(''), children: editable })));

  const target = () => ReactEditor.toDOMNode(editor, editor);
  // The site's text is Slate's model: the string of each line, joined by line breaks.
  const text = () => editor.children.map((line) => Node.string(line)).join('\n');
  const setText = (value: string) => {
    Editor.withoutNormalizing(editor, () => {
      for (let i = editor.children.length - 1; i >= 0; i--) Transforms.removeNodes(editor, { at: [i] });
      Transforms.insertNodes(editor, lines(value), { at: [0] });
    });
    Transforms.select(editor, Editor.end(editor, []));
  };
  return {
    kind: 'slate',
    target,
    text,
    focus: () => ReactEditor.focus(editor),
    clear: () => setText(''),
    setText,
  };
}

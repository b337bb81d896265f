// The CodeMirror 6 editor that GitHub's file editor and paste sites use, built from the real npm packages.
import { markdown } from '@codemirror/lang-markdown';
import { basicSetup, EditorView } from 'codemirror';
import type { FixtureEditor } from './types';

/** Mounts an editor in `place` with CodeMirror's basic setup (history, autocompletion, brackets...). */
export function mountCodeMirror(place: HTMLElement, options: { label?: string } = {}): FixtureEditor {
  const view = new EditorView({
    parent: place,
    extensions: [basicSetup, markdown(), EditorView.contentAttributes.of({ 'aria-label': options.label ?? 'File contents' })],
  });
  return {
    kind: 'codemirror',
    target: () => view.contentDOM,
    text: () => view.state.doc.toString(),
    focus: () => view.focus(),
    clear: () => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: '' } }),
    setText: (value) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: value } }),
  };
}

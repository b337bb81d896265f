// The bundle entry: exposes the real editors and the page runtime to fixture pages as `window.KwFixture`.
export { mountCodeMirror } from './codemirror';
export { mountLexical } from './lexical';
export { mountProseMirror } from './prosemirror';
export { mountQuill } from './quill';
export { mountSlate } from './slate';
// Monaco (./monaco) is megabytes: it is a bundle of its own, `window.KwMonaco`, loaded only by its page.
export { chat, enterSends, plainField, publish, recordPageEvents, watchSubmit, watchUploads } from './runtime';

/** What every fixture field offers the tests, whatever editor library is behind it. */
export interface FixtureEditor {
  kind: 'textarea' | 'input' | 'contenteditable' | 'prosemirror' | 'codemirror' | 'lexical' | 'quill' | 'slate' | 'monaco';
  /** The element that receives focus, key events, paste and drop. */
  target(): HTMLElement;
  /** Where a user drops text when it is not `target()` (Monaco: its rendered lines, not its input element). */
  dropTarget?(): HTMLElement;
  /** The text the site would read from the editor (its model, not just the DOM). */
  text(): string;
  focus(): void;
  clear(): void;
  setText(value: string): void;
}

import type { KwBrowser } from '../harness';
import { fixtureBundle, monacoBundle } from './build';

/**
 * Fixture sites, served at the real sites' URLs by request routing so KeyWard's real match
 * patterns run. Each page loads the fixture bundle first (the real editor libraries from npm and
 * the page runtime), then registers its own event recorder before anything else on the page.
 * No page contains a key: tests inject keys at run time.
 */
export interface FixtureSite {
  url: string;
  /** Field names, addressable through `window.__kw.fields` (fields in same-origin frames included). */
  fields: readonly string[];
  /** The field that is the chat composer, where Enter and the send button send. */
  composer?: string;
  /** CSS selector of the send or submit button. */
  send?: string;
  /** CSS selector of a file input the page reads. */
  upload?: string;
}

export const SITES = {
  /** GitHub's new issue form: a text input, a plain textarea, a file input and a submit button. */
  issue: {
    url: 'https://github.com/octo/repo/issues/new',
    fields: ['title', 'body'],
    send: '#submit-issue',
    upload: '#attach',
  },
  /** Stack Overflow's ask form: inputs of each text type and a plain contenteditable body. */
  ask: {
    url: 'https://stackoverflow.com/questions/ask',
    fields: ['title', 'search', 'website', 'password', 'body'],
    send: '#post-question',
  },
  /** ChatGPT: a ProseMirror composer in a form, Enter or the send button sends. */
  chatgpt: {
    url: 'https://chatgpt.com/',
    fields: ['composer'],
    composer: 'composer',
    send: 'button[data-testid="send-button"]',
    upload: 'input[type="file"]',
  },
  /** Claude: a ProseMirror composer outside any form, Enter or the send button sends. */
  claude: {
    url: 'https://claude.ai/new',
    fields: ['composer'],
    composer: 'composer',
    send: 'button[aria-label="Send message"]',
    upload: 'input[data-testid="file-upload"]',
  },
  /** GitHub's file editor: CodeMirror 6 and a file name input. */
  githubEditor: {
    url: 'https://github.com/octo/repo/new/main',
    fields: ['filename', 'editor'],
    send: '#commit',
  },
  /** A paste site: CodeMirror 6 in a form. */
  pastebin: {
    url: 'https://pastebin.com/',
    fields: ['editor'],
    send: '#create-paste',
  },
  /** Messenger: a Lexical composer, Enter sends. */
  messenger: {
    url: 'https://www.messenger.com/t/1',
    fields: ['composer'],
    composer: 'composer',
    send: 'button[aria-label="Press enter to send"]',
  },
  /** Gemini: a Quill prompt box, Enter or the send button sends. */
  gemini: {
    url: 'https://gemini.google.com/u/0/app',
    fields: ['composer'],
    composer: 'composer',
    send: 'button[aria-label="Send message"]',
  },
  /** Discord: a Slate composer in a form, Enter sends (no send button, as on Discord). */
  discord: {
    url: 'https://discord.com/channels/@me/1',
    fields: ['composer'],
    composer: 'composer',
  },
  /** CodeSandbox: a file open in a real Monaco editor (its model is the file; nothing is sent). */
  codesandbox: {
    url: 'https://codesandbox.io/p/sandbox/demo',
    fields: ['editor'],
  },
  /** The same with Monaco's EditContext off: its hidden textarea in Chromium too (older Monaco, VS Code's setting off). */
  codesandboxTextarea: {
    url: 'https://codesandbox.io/p/sandbox/textarea',
    fields: ['editor'],
  },
  /** Gemini-like composer inside an open shadow root: a textarea and a rich contenteditable. */
  shadow: {
    url: 'https://gemini.google.com/app',
    fields: ['composer', 'rich'],
    composer: 'composer',
    send: 'chat-composer >>> button.send',
  },
  /** GitLab issue form whose editor lives in same-origin iframes (one by URL, one srcdoc). */
  frame: {
    url: 'https://gitlab.com/octo/repo/-/issues/new',
    fields: ['frameBody', 'srcdocBody'],
  },
  /** A page that rewrites itself with document.open/write/close (which erases every listener) when the test calls `__reopen()`. */
  reopen: {
    url: 'https://paste.ee/reopen',
    fields: ['notes'],
  },
  /** A wiki editor in the TinyMCE / CKEditor 4 style: a contenteditable body in an about:blank iframe its parent writes with document.open/write. */
  writtenFrame: {
    url: 'https://gitlab.com/octo/repo/-/wikis/new',
    fields: ['rte', 'after'],
  },
  /**
   * Documents a guarded page makes: a sandboxed srcdoc frame, a blob: frame, a data: frame (each
   * answers `{ kw: 'paste' | 'state' }` messages, see FRAME_PROBE) and a window.open('') popup.
   */
  makers: {
    url: 'https://gitlab.com/octo/repo/-/snippets/new',
    fields: [],
  },
  /** ChatGPT's send as it is now: a button with an SVG and no word anywhere (no label, title or text), a ProseMirror composer in a form. */
  sendChatgpt: {
    url: 'https://chatgpt.com/c/icon-send',
    fields: ['composer'],
    composer: 'composer',
    send: 'button[data-testid="composer-action"]',
  },
  /** Claude's send: an icon button named only by its aria-label, a plain contenteditable composer outside any form. */
  sendClaude: {
    url: 'https://claude.ai/chat/icon-send',
    fields: ['composer'],
    composer: 'composer',
    send: 'button[aria-label="Send message"]',
  },
  /** Gemini's send: a button whose icon is an empty icon-font element, a Quill composer. */
  sendGemini: {
    url: 'https://gemini.google.com/app/icon-send',
    fields: ['composer'],
    composer: 'composer',
    send: 'button.send-button',
  },
  /** Slack's send: an SVG-only button (no label), a Quill composer; Enter sends too. */
  sendSlack: {
    url: 'https://app.slack.com/client/T01/C01',
    fields: ['composer'],
    composer: 'composer',
    send: 'button[data-qa="texty_send_button"]',
  },
  /** A chat page that sends on pointerdown (not click), from a wordless SVG icon in a plain element. */
  pointerSend: {
    url: 'https://poe.com/chat/pointer-send',
    fields: ['composer'],
    composer: 'composer',
    send: '.send-icon',
  },
  /** A settings form with 60 text fields and a submit button. */
  bigForm: {
    url: 'https://gitlab.com/-/profile/big-form',
    fields: ['first', 'last'],
    send: '#save',
  },
} as const satisfies Record<string, FixtureSite>;

/**
 * The page inside a made frame: a textarea, and a message handler that pastes text into it (a
 * synthetic paste, as GuardPage.paste makes one) and answers with what the frame's own paste handler
 * saw, or reports the guard's mark and alert. Opaque-origin frames can be reached no other way.
 */
const FRAME_PROBE = `<!doctype html><html><body><textarea id="t"></textarea><script>
  let seen = 0;
  document.getElementById('t').addEventListener('paste', () => seen++);
  addEventListener('message', (m) => {
    const t = document.getElementById('t');
    if (m.data && m.data.kw === 'paste') {
      t.focus();
      const transfer = new DataTransfer();
      transfer.setData('text/plain', m.data.text);
      let e = new ClipboardEvent('paste', { bubbles: true, cancelable: true, composed: true, clipboardData: transfer });
      if (!e.clipboardData || e.clipboardData.getData('text/plain') === '') e = new ClipboardEvent('paste', { bubbles: true, cancelable: true, composed: true, data: m.data.text, dataType: 'text/plain' });
      t.dispatchEvent(e);
    }
    if (m.data && m.data.kw) {
      const host = document.querySelector('keyward-alert');
      m.source.postMessage({ id: m.data.id, seen, value: t.value, mark: document.documentElement.dataset.keywardGuard || null, alert: host ? host.dataset.keywardAlert : null }, '*');
    }
  });
<\/script></body></html>`;

export type SiteName = keyof typeof SITES;

const STYLE = `
  body { font: 15px/1.45 system-ui, sans-serif; margin: 0; color: #1f2328; background: #f6f8fa; }
  header { background: #24292f; color: #fff; padding: 10px 20px; font-weight: 600; }
  main { max-width: 760px; margin: 20px auto; background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 16px 20px; }
  label { display: block; font-weight: 600; margin: 12px 0 4px; }
  input:not([type=file]), textarea, [contenteditable], .cm-editor { width: 100%; box-sizing: border-box; border: 1px solid #d0d7de; border-radius: 6px; padding: 6px 8px; font: inherit; background: #fff; }
  textarea, [contenteditable] { min-height: 90px; }
  .cm-editor { min-height: 160px; padding: 0; }
  .ProseMirror { min-height: 48px; outline: none; white-space: pre-wrap; }
  .ProseMirror p { margin: 0; }
  .ql-editor { white-space: pre-wrap; outline: none; min-height: 48px; }
  .ql-editor p { margin: 0; }
  [data-slate-editor] { min-height: 44px; outline: none; }
  #editor.monaco { height: 240px; border: 1px solid #d0d7de; }
  .ql-clipboard { position: absolute; left: -10000px; height: 1px; overflow-y: hidden; }
  button { margin-top: 12px; padding: 6px 14px; border-radius: 6px; border: 1px solid #1f883d; background: #1f883d; color: #fff; font: inherit; cursor: pointer; }
  #messages { list-style: none; padding: 0; } #messages li { background: #eef; border-radius: 8px; padding: 6px 10px; margin: 6px 0; white-space: pre-wrap; }
  .help { background: #fff8c5; border: 1px solid #d4a72c; border-radius: 6px; padding: 8px 12px; margin-bottom: 12px; }
  .help:empty { display: none; }
`;

/**
 * A page: the fixture bundle, then the page's own recorder, first of all scripts (`scripts`: more
 * bundles the page loads after them, such as Monaco's).
 */
function page(title: string, body: string, setup: string, help = '', scripts: string[] = []): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<script src="/__kw/fixture.js"></script><script>KwFixture.recordPageEvents();</script>${scripts.map((src) => `<script src="${src}"></script>`).join('')}
<style>${STYLE}</style></head><body><header>${title}</header><main><div class="help" id="help">${help}</div>${body}</main>
<script>(() => { const F = KwFixture, $ = (s) => document.querySelector(s); ${setup} })();</script></body></html>`;
}

/** The HTML of each site, by name. `help` is shown at the top (the `npm start` demo puts instructions there). */
export function siteHtml(name: SiteName | 'frameInner', help = ''): string {
  switch (name) {
    case 'issue':
      return page(
        'octo/repo · New issue',
        `<form id="new_issue" action="/octo/repo/issues" method="post">
          <label for="issue_title">Title</label><input id="issue_title" name="title" type="text" autocomplete="off">
          <label for="issue_body">Description</label><textarea id="issue_body" name="body" rows="8"></textarea>
          <label for="attach">Attach files</label><input id="attach" type="file" name="attachment">
          <button id="submit-issue" type="submit">Submit new issue</button></form>`,
        `F.publish({ title: F.plainField($('#issue_title')), body: F.plainField($('#issue_body')) });
         F.watchSubmit($('#new_issue')); F.watchUploads($('#attach'));`,
        help,
      );
    case 'ask':
      return page(
        'Ask a public question',
        `<form id="post-form" action="/questions/ask/submit" method="post">
          <label for="title">Title</label><input id="title" name="title" type="text">
          <label for="search">Search similar questions</label><input id="search" name="q" type="search">
          <label for="website">Your website</label><input id="website" name="website" type="url">
          <label for="password">Password</label><input id="password" name="password" type="password">
          <label id="body-label">Body</label><div id="wmd-input" contenteditable="true" role="textbox" aria-labelledby="body-label"></div>
          <button id="post-question" type="submit">Post your question</button></form>`,
        `F.publish({ title: F.plainField($('#title')), search: F.plainField($('#search')), website: F.plainField($('#website')),
           password: F.plainField($('#password')), body: F.plainField($('#wmd-input')) });
         F.watchSubmit($('#post-form'));`,
        help,
      );
    case 'chatgpt':
      return page(
        'ChatGPT',
        `<ol id="messages" aria-label="Conversation"></ol>
         <form id="composer-form"><label>Message ChatGPT</label><div id="composer"></div>
           <input type="file" id="upload-files" multiple hidden>
           <button type="submit" data-testid="send-button" aria-label="Send prompt">Send</button></form>`,
        `let send; const composer = F.mountProseMirror($('#composer'), { onEnter: () => send() });
         send = F.chat(composer, $('[data-testid=send-button]'), $('#messages'));
         $('#composer-form').addEventListener('submit', (e) => { e.preventDefault(); send(); });
         F.publish({ composer }); F.watchUploads($('#upload-files'));`,
        help,
      );
    case 'claude':
      return page(
        'Claude',
        `<ol id="messages" aria-label="Conversation"></ol>
         <fieldset style="border:0;padding:0"><label>Talk with Claude</label><div id="composer"></div>
           <input type="file" data-testid="file-upload" aria-label="Upload files" multiple>
           <button type="button" aria-label="Send message">Send</button></fieldset>`,
        `let send; const composer = F.mountProseMirror($('#composer'), { id: 'claude-input', onEnter: () => send() });
         send = F.chat(composer, $('[aria-label="Send message"]'), $('#messages'));
         F.publish({ composer }); F.watchUploads($('[data-testid=file-upload]'));`,
        help,
      );
    case 'githubEditor':
      return page(
        'octo/repo · New file',
        `<form id="new-file"><label for="filename">Name your file</label><input id="filename" name="filename" type="text" value="">
          <label>Contents</label><div id="editor"></div><button id="commit" type="submit">Commit changes</button></form>`,
        `const editor = F.mountCodeMirror($('#editor')); F.publish({ filename: F.plainField($('#filename')), editor });
         F.watchSubmit($('#new-file'));`,
        help,
      );
    case 'pastebin':
      return page(
        'Pastebin · New paste',
        `<form id="paste-form"><label>New Paste</label><div id="editor"></div><button id="create-paste" type="submit">Create New Paste</button></form>`,
        `const editor = F.mountCodeMirror($('#editor'), { label: 'Paste text' }); F.publish({ editor });
         F.watchSubmit($('#paste-form'));`,
        help,
      );
    case 'messenger':
      return page(
        'Messenger',
        `<ol id="messages" aria-label="Conversation"></ol><label id="composer-label">Aa</label>
         <div id="composer" contenteditable="true" role="textbox" aria-labelledby="composer-label" data-lexical-editor="true"></div>
         <button type="button" aria-label="Press enter to send">Send</button>`,
        `let send; const composer = F.mountLexical($('#composer'), { onEnter: () => send() });
         send = F.chat(composer, $('[aria-label="Press enter to send"]'), $('#messages'));
         F.publish({ composer });`,
        help,
      );
    case 'gemini':
      return page(
        'Gemini',
        `<ol id="messages" aria-label="Conversation"></ol>
         <rich-textarea><label>Ask Gemini</label><div id="composer"></div></rich-textarea>
         <button type="button" aria-label="Send message">Send</button>`,
        `let send; const composer = F.mountQuill($('#composer'), { onEnter: () => send() });
         send = F.chat(composer, $('[aria-label="Send message"]'), $('#messages'));
         F.publish({ composer });`,
        help,
      );
    case 'discord':
      // Discord's composer sits in a form with no submit button: Enter is the only way to send.
      return page(
        'Discord',
        `<ol id="messages" aria-label="Messages in friend"></ol>
         <form id="channel-form"><div id="composer" class="channelTextArea"></div></form>`,
        `let send; const composer = F.mountSlate($('#composer'), { label: 'Message @friend', onEnter: () => send() });
         send = F.chat(composer, null, $('#messages'));
         F.publish({ composer });`,
        help,
      );
    case 'codesandbox':
    case 'codesandboxTextarea':
      return page(
        'demo - CodeSandbox',
        `<label>src/index.js</label><div id="editor" class="monaco"></div>`,
        `const editor = KwMonaco.mountMonaco($('#editor'), { label: 'src/index.js', editContext: ${name === 'codesandbox'} });
         F.publish({ editor });`,
        help,
        ['/__kw/monaco.js'],
      );
    case 'shadow':
      return page(
        'Gemini',
        `<ol id="messages" aria-label="Conversation"></ol><chat-composer></chat-composer>`,
        `const host = $('chat-composer'); const root = host.attachShadow({ mode: 'open' });
         root.innerHTML = '<style>textarea,[contenteditable]{display:block;width:100%;min-height:60px;margin:6px 0;border:1px solid #ccc;border-radius:6px}</style>' +
           '<label>Prompt<textarea id="prompt"></textarea></label><div id="rich" contenteditable="true" role="textbox" aria-label="Rich prompt"></div>' +
           '<button class="send" type="button">Send</button>';
         const composer = F.plainField(root.querySelector('#prompt'));
         const send = F.chat(composer, root.querySelector('button.send'), $('#messages'));
         F.enterSends(root.querySelector('#prompt'), send);
         root.addEventListener('paste', (e) => window.__seen.push('shadow-root-paste|' + (e.clipboardData?.getData('text/plain') ?? '')), true);
         F.publish({ composer, rich: F.plainField(root.querySelector('#rich')) });`,
        help,
      );
    case 'frame':
      return page(
        'octo/repo · New issue · GitLab',
        `<label>Description (editor frame)</label><iframe id="editor-frame" src="/octo/repo/-/editor-frame" style="width:100%;height:140px;border:1px solid #ccc"></iframe>
         <label>Notes (inline frame)</label><iframe id="srcdoc-frame" style="width:100%;height:140px;border:1px solid #ccc"
           srcdoc="&lt;body&gt;&lt;textarea id=notes style='width:95%;height:100px'&gt;&lt;/textarea&gt;&lt;/body&gt;"></iframe>`,
        `const frames = { frameBody: ['#editor-frame', 'textarea'], srcdocBody: ['#srcdoc-frame', 'textarea'] };
         const inFrame = ([frame, selector]) => {
           const get = () => $(frame).contentDocument.querySelector(selector);
           return { kind: 'textarea', target: get, text: () => get().value, focus: () => { $(frame).contentWindow.focus(); get().focus(); },
             clear: () => { get().value = ''; }, setText: (v) => { get().value = v; } };
         };
         F.publish({ frameBody: inFrame(frames.frameBody), srcdocBody: inFrame(frames.srcdocBody) });
         $('#srcdoc-frame').addEventListener('load', () => F.recordPageEvents($('#srcdoc-frame').contentWindow));`,
        help,
      );
    case 'reopen':
      // The rewritten page registers its own recorder in a later task: one registered in the same task as
      // document.open() runs before the guard is back (see README, Limits).
      return page(
        'Paste.ee',
        `<label for="notes">Paste</label><textarea id="notes"></textarea>`,
        `F.publish({ notes: F.plainField($('#notes')) });
         window.__reopen = () => {
           document.open();
           document.write('<!doctype html><html><head><title>Paste.ee (rewritten)</title></head><body><label for="notes">Paste</label><textarea id="notes"></textarea></body></html>');
           document.close();
           KwFixture.publish({ notes: KwFixture.plainField(document.getElementById('notes')) });
           setTimeout(() => { KwFixture.recordPageEvents(); window.__reopened = true; });
         };`,
        help,
      );
    case 'writtenFrame':
      return page(
        'octo/repo · New wiki page · GitLab',
        `<label>Content</label><div id="rte-holder"></div><label for="after">Commit message</label><input id="after" type="text">`,
        `const frame = document.createElement('iframe');
         frame.id = 'rte'; frame.style.cssText = 'width:100%;height:140px;border:1px solid #ccc';
         $('#rte-holder').append(frame);
         const d = frame.contentDocument;
         d.open();
         d.write('<!doctype html><html><head><style>body{margin:8px;min-height:100px;font:15px system-ui}</style></head><body contenteditable="true"></body></html>');
         d.close();
         const body = () => frame.contentDocument.body;
         F.publish({
           rte: { kind: 'contenteditable', target: body, text: () => body().innerText, focus: () => { frame.contentWindow.focus(); body().focus(); },
             clear: () => { body().textContent = ''; }, setText: (v) => { body().textContent = v; } },
           after: F.plainField($('#after')),
         });
         // The editor's own handlers, on the frame's window, once the frame is written.
         setTimeout(() => { F.recordPageEvents(frame.contentWindow); window.__written = true; });`,
        help,
      );
    case 'makers':
      return page(
        'octo/repo · New snippet · GitLab',
        `<label>Sandboxed preview</label><iframe id="sandboxed" sandbox="allow-scripts"></iframe>
         <label>Blob preview</label><iframe id="blob"></iframe>
         <label>Data preview</label><iframe id="data"></iframe>
         <button id="open-popup" type="button">Open in a new window</button>`,
        `const probe = ${JSON.stringify(FRAME_PROBE).replace(/</g, '\\u003c')};
         $('#sandboxed').srcdoc = probe;
         $('#blob').src = URL.createObjectURL(new Blob([probe], { type: 'text/html' }));
         $('#data').src = 'data:text/html;charset=utf-8,' + encodeURIComponent(probe);
         $('#open-popup').addEventListener('click', () => {
           const w = window.open('', 'snippet', 'width=480,height=320');
           w.document.open();
           w.document.write(probe);
           w.document.close();
           window.__popup = w;
         });
         F.publish({});`,
        help,
      );
    case 'sendChatgpt':
      return page(
        'ChatGPT',
        `<ol id="messages" aria-label="Conversation"></ol>
         <form id="composer-form"><div id="composer"></div>
           <button type="button" id="composer-submit-button" data-testid="composer-action"><svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true"><path d="M2 10 18 2 10 18z" fill="currentColor"/></svg></button></form>`,
        `let send; const composer = F.mountProseMirror($('#composer'), { id: 'prompt-textarea', onEnter: () => send() });
         send = F.chat(composer, $('#composer-submit-button'), $('#messages'));
         F.publish({ composer });`,
        help,
      );
    case 'sendClaude':
      return page(
        'Claude',
        `<ol id="messages" aria-label="Conversation"></ol>
         <div class="composer"><div id="composer" contenteditable="true" role="textbox" aria-label="Write your prompt to Claude"></div>
           <div class="toolbar"><button type="button" aria-label="Send message"><svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true"><path d="M2 10 18 2 10 18z" fill="currentColor"/></svg></button></div></div>`,
        `const composer = F.plainField($('#composer'));
         const send = F.chat(composer, $('[aria-label="Send message"]'), $('#messages'));
         F.enterSends($('#composer'), send); F.publish({ composer });`,
        help,
      );
    case 'sendGemini':
      return page(
        'Gemini',
        `<ol id="messages" aria-label="Conversation"></ol>
         <div class="input-area"><rich-textarea><div id="composer"></div></rich-textarea>
           <div class="send-button-container"><button type="button" class="send-button" aria-label="Send message"><mat-icon fonticon="send" data-mat-icon-name="send"></mat-icon></button></div></div>`,
        `let send; const composer = F.mountQuill($('#composer'), { label: 'Enter a prompt here', onEnter: () => send() });
         send = F.chat(composer, $('button.send-button'), $('#messages'));
         F.publish({ composer });`,
        help,
      );
    case 'sendSlack':
      return page(
        'Slack',
        `<ol id="messages" aria-label="Messages"></ol>
         <div class="c-wysiwyg_container"><div id="composer"></div>
           <div class="c-wysiwyg_container__footer"><button type="button" class="c-button-unstyled" data-qa="texty_send_button"><svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true"><path d="M2 10 18 2 10 18z" fill="currentColor"/></svg></button></div></div>`,
        `let send; const composer = F.mountQuill($('#composer'), { label: 'Message #general', onEnter: () => send() });
         send = F.chat(composer, $('[data-qa=texty_send_button]'), $('#messages'));
         F.publish({ composer });`,
        help,
      );
    case 'pointerSend':
      return page(
        'Poe',
        `<ol id="messages" aria-label="Conversation"></ol>
         <div class="composer"><textarea id="composer" aria-label="Talk to the bot" rows="3"></textarea>
           <div class="send-icon" style="display:inline-block;width:28px;height:28px;cursor:pointer"><svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true"><path d="M2 10 18 2 10 18z" fill="currentColor"/></svg></div></div>`,
        `const composer = F.plainField($('#composer'));
         const send = F.chat(composer, null, $('#messages'));
         // Sends as the pointer goes down, before any click.
         $('.send-icon').addEventListener('pointerdown', (e) => { e.preventDefault(); send(); });
         F.publish({ composer });`,
        help,
      );
    case 'bigForm':
      return page(
        'Profile · GitLab',
        `<form id="profile-form" action="/-/profile" method="post">
          ${Array.from({ length: 60 }, (_, i) => `<label for="setting-${i + 1}">Setting ${i + 1}</label><input id="setting-${i + 1}" name="setting${i + 1}" type="text">`).join('')}
          <button id="save" type="submit">Save changes</button></form>`,
        `F.publish({ first: F.plainField($('#setting-1')), last: F.plainField($('#setting-60')) });
         F.watchSubmit($('#profile-form'));`,
        help,
      );
    case 'frameInner':
      return page('Editor', `<textarea id="frame-body" rows="5"></textarea>`, `F.publish({ body: F.plainField($('#frame-body')) });`);
  }
}

/** Serves every fixture site (and the fixture bundle on each origin) in `kw`. */
export async function serveSites(kw: KwBrowser, help: Partial<Record<SiteName, string>> = {}): Promise<void> {
  const [bundle, monaco] = await Promise.all([fixtureBundle(), monacoBundle()]);
  const byOrigin = new Map<string, Record<string, string>>();
  for (const [name, site] of Object.entries(SITES) as [SiteName, FixtureSite][]) {
    const url = new URL(site.url);
    const paths = byOrigin.get(url.origin) ?? {};
    paths[url.pathname] = siteHtml(name, help[name]);
    byOrigin.set(url.origin, paths);
  }
  byOrigin.get('https://gitlab.com')!['/octo/repo/-/editor-frame'] = siteHtml('frameInner');
  for (const [origin, paths] of byOrigin) {
    await kw.route(`${origin}/`, (url) => {
      if (url.pathname === '/__kw/fixture.js') return { body: bundle, contentType: 'text/javascript; charset=utf-8' };
      if (url.pathname === '/__kw/monaco.js') return { body: monaco, contentType: 'text/javascript; charset=utf-8' };
      return paths[url.pathname];
    });
  }
}

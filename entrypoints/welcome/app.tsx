import { browser } from 'wxt/browser';
import { TryIt } from '../../components/welcome/try-it';
import { CHAT_SITES, CODE_SITES } from '../../utils/sites';

/** A site pattern's host for people: `*://chatgpt.com/*` → `chatgpt.com`. */
function host(pattern: string): string {
  return pattern.replace(/^[^:]+:\/\/(\*\.)?/, '').replace(/\/.*$/, '');
}

/** Opens the options page (a tab of its own). */
function openSettings(e: MouseEvent): void {
  e.preventDefault();
  void browser.runtime.openOptionsPage();
}

/** The page opened on install: what KeyWard guards and where, a field to try it, the modes, the settings, and what stays here. */
export function App() {
  return (
    <main>
      <h1>KeyWard is on guard</h1>
      <p class="lead">KeyWard stops API keys from leaking: it catches a key you paste, drop, type or upload into a web page before the page sees it.</p>

      <section aria-labelledby="where">
        <h2 id="where">Where it guards</h2>
        <p>
          On chat sites, where a key in a prompt leaves your browser at once: <span class="sites">{CHAT_SITES.map(host).join(', ')}</span>.
        </p>
        <p>
          On code-sharing and Q&amp;A sites, where a key is published: <span class="sites">{CODE_SITES.map(host).join(', ')}</span>.
        </p>
        <p>To guard another site, open KeyWard from the toolbar while you are on it and choose “Guard this site”.</p>
      </section>

      <TryIt />

      <section aria-labelledby="modes">
        <h2 id="modes">What the modes mean</h2>
        <dl class="modes">
          <dt>Block (ask first)</dt>
          <dd>The page gets nothing until you choose: cancel, insert with the key redacted, or insert anyway.</dd>
          <dt>Warn (let it through)</dt>
          <dd>The text goes in, and KeyWard tells you a key went with it, so you can remove it.</dd>
          <dt>Redact automatically</dt>
          <dd>The key is replaced by its redacted form, such as sk-proj-…Ab3d, without asking.</dd>
          <dt>Off</dt>
          <dd>KeyWard does nothing for that kind of action.</dd>
        </dl>
        <p>
          Each action (pasting, dropping, typing, sending, uploading) has its own mode, in{' '}
          <a href={browser.runtime.getURL('/options.html')} class="settings-link" onClick={openSettings}>
            KeyWard's settings
          </a>
          . The toolbar button opens the list of keys seen and the keys to rotate.
        </p>
      </section>

      <section aria-labelledby="private">
        <h2 id="private">What never leaves your browser</h2>
        <ul>
          <li>Your keys: KeyWard never stores, sends or shows a key, only its redacted form and a fingerprint.</li>
          <li>The list of keys seen: kept in this browser, deleted with one click, exported only when you ask.</li>
          <li>What you type and paste: checked here, on your computer. KeyWard makes no network requests.</li>
        </ul>
      </section>
    </main>
  );
}

import { browser } from 'wxt/browser';
import { TryIt } from '../../components/welcome/try-it';
import { CHAT_SITES, CODE_SITES } from '../../utils/sites';
import { t, tNodes } from '../../utils/i18n';

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
      <h1>{t('welcome_heading')}</h1>
      <p class="lead">{t('welcome_lead')}</p>

      <section aria-labelledby="where">
        <h2 id="where">{t('welcome_whereTitle')}</h2>
        <p>{tNodes('welcome_chatSites', <span class="sites">{CHAT_SITES.map(host).join(', ')}</span>)}</p>
        <p>{tNodes('welcome_codeSites', <span class="sites">{CODE_SITES.map(host).join(', ')}</span>)}</p>
        <p>{t('welcome_guardAnother')}</p>
      </section>

      <TryIt />

      <section aria-labelledby="modes">
        <h2 id="modes">{t('welcome_modesTitle')}</h2>
        <dl class="modes">
          <dt>{t('action_block')}</dt>
          <dd>{t('options_blockHelp')}</dd>
          <dt>{t('action_warn')}</dt>
          <dd>{t('welcome_warnHelp')}</dd>
          <dt>{t('action_redact')}</dt>
          <dd>{t('welcome_redactHelp')}</dd>
          <dt>{t('action_off')}</dt>
          <dd>{t('welcome_offHelp')}</dd>
        </dl>
        <p>
          {tNodes(
            'welcome_eachAction',
            <a href={browser.runtime.getURL('/options.html')} class="settings-link" onClick={openSettings}>
              {t('welcome_settingsLink')}
            </a>,
          )}
        </p>
      </section>

      <section aria-labelledby="private">
        <h2 id="private">{t('welcome_privateTitle')}</h2>
        <ul>
          <li>{t('welcome_privateKeys')}</li>
          <li>{t('welcome_privateList')}</li>
          <li>{t('welcome_privateText')}</li>
        </ul>
      </section>
    </main>
  );
}

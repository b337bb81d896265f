import { fakeBrowser } from 'wxt/testing';
import en from '../../public/_locales/en/messages.json';

// fakeBrowser has no i18n: unit tests read the English messages, as the e2e browsers (in English) do.
const messages: Record<string, { message: string }> = en;
fakeBrowser.i18n.getMessage = ((name: string, substitutions?: string | string[]) => {
  const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  return (messages[name]?.message ?? '').replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
}) as typeof fakeBrowser.i18n.getMessage;
fakeBrowser.i18n.getUILanguage = () => 'en';

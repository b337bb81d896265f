import type { AlertMode } from '../../utils/guard/alert';
import { formatNumber, t, tn, type MessageKey } from '../../utils/i18n';
import type { EventKind } from '../../utils/policy/schema';

/** What the alert says and what its buttons are called, for one event and mode. */
export interface AlertWords {
  title: string;
  message: string;
  /** block: the choice that lets the content through with the key redacted, "… anyway", and Cancel. */
  redacted: string;
  anyway: string;
  cancel: string;
}

/** The keyboard shortcut that moves focus into the alert (it never takes focus by itself); its label is `alert_shortcut`. */
export const SHORTCUT_CODE = 'KeyK';

/** What the user did, as the buttons name it. */
type Act = 'insert' | 'send' | 'attach' | 'typing';
const VERBS: Record<Act, readonly [redacted: MessageKey, anyway: MessageKey, cancel: MessageKey]> = {
  insert: ['alert_insertRedacted', 'alert_insertAnyway', 'cancel'],
  send: ['alert_sendRedacted', 'alert_sendAnyway', 'alert_dontSend'],
  attach: ['alert_attachRedacted', 'alert_attachAnyway', 'alert_dontAttach'],
  typing: ['alert_keepRedacted', 'alert_putBack', 'alert_removeKey'],
};

/** What happened, as the message tells it: one file and several take different verbs in both languages. */
type Story = 'paste' | 'drop' | 'submit' | 'typing' | 'file' | 'files';

/**
 * The one place the alert's words come from, so each says what really happened: in block mode the
 * page did not get the key; in warn mode it did; typed characters reach the page as they are typed,
 * so typing is never said to have been stopped before the page saw it. `files`: the names of the
 * files that held the keys.
 */
export function alertWords(event: EventKind, mode: AlertMode, count: number, files: readonly string[] = [], note?: string, counting = false): AlertWords {
  const words = keyWords(event, mode, count, files, note !== undefined, counting);
  if (!note) return words;
  // No key, only a file too big to check: the note is the whole story.
  if (count === 0) return { ...words, title: t('alert_title_notChecked'), message: note };
  return { ...words, message: `${words.message} ${note}` };
}

function keyWords(event: EventKind, mode: AlertMode, count: number, files: readonly string[], aboutFiles: boolean, counting: boolean): AlertWords {
  // `counting`: a big text is still being scanned, so the count so far is a lower bound.
  const aKey = counting ? t('alert_atLeastKeys', formatNumber(count)) : tn('alert_keys', count);
  const withFiles = event === 'upload' || files.length > 0;
  const act: Act = event === 'submit' ? 'send' : event === 'typing' ? 'typing' : withFiles || aboutFiles ? 'attach' : 'insert';
  const story: Story = event === 'submit' || event === 'typing' ? event : withFiles ? (files.length > 1 ? 'files' : 'file') : event === 'drop' ? 'drop' : 'paste';
  const message: MessageKey = `alert_${story}_${mode}`;
  const [redacted, anyway, cancel] = VERBS[act].map((key) => t(key)) as [string, string, string];
  return {
    title: t(`alert_title_${mode}`, aKey),
    message: withFiles ? t(message, describeFiles(files), aKey) : t(message, aKey),
    redacted,
    anyway,
    cancel,
  };
}

/** `"a.env"`, or `"a.env" and 2 more files`, quoted as the language quotes. */
export function describeFiles(names: readonly string[]): string {
  const [first] = names;
  if (first === undefined) return t('alert_thisFile');
  return names.length > 1 ? tn('alert_moreFiles', names.length - 1, first) : t('alert_fileName', first);
}

/** A named key seen off the sites it is meant for: which key it is, and where it belongs. */
export function namedKeyWords(name: string, meantFor: readonly string[]): string {
  const hosts = meantFor.map((origin) => origin.replace(/^https?:\/\//, ''));
  return hosts.length > 0 ? t('alert_namedKeyMeantFor', name, hosts.join(', ')) : t('alert_namedKeyNotHere', name);
}

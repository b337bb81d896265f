import type { AlertMode } from '../../utils/guard/alert';
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

/** The keyboard shortcut that moves focus into the alert (it never takes focus by itself). */
export const SHORTCUT = { label: 'Alt+Shift+K', code: 'KeyK' } as const;

/**
 * The one place the alert's words come from, so each says what really happened: in block mode the
 * page did not get the key; in warn mode it did; typed characters reach the page as they are typed,
 * so typing is never said to have been stopped before the page saw it.
 */
export function alertWords(event: EventKind, mode: AlertMode, count: number, files?: string, note?: string, counting = false): AlertWords {
  const words = keyWords(event, mode, count, files, note !== undefined, counting);
  if (!note) return words;
  // No key, only a file too big to check: the note is the whole story.
  if (count === 0) return { ...words, title: 'KeyWard · File not checked', message: note };
  return { ...words, message: `${words.message} ${note}` };
}

function keyWords(event: EventKind, mode: AlertMode, count: number, files?: string, aboutFiles = false, counting = false): AlertWords {
  // `counting`: a big text is still being scanned, so the count so far is a lower bound.
  const aKey = counting ? `at least ${count} API keys` : count === 1 ? 'an API key' : `${count} API keys`;
  const title = mode === 'block' ? `KeyWard stopped ${aKey}` : mode === 'warn' ? `KeyWard found ${aKey}` : `KeyWard redacted ${aKey}`;
  const holds = `${files} contain${files?.includes(' more file') ? '' : 's'} ${aKey}.`;
  const verbs = { redacted: 'Insert with key redacted', anyway: 'Insert anyway', cancel: 'Cancel' };
  let message: string;
  if (event === 'submit') {
    Object.assign(verbs, { redacted: 'Send with key redacted', anyway: 'Send anyway', cancel: "Don't send" });
    message =
      mode === 'block'
        ? `This message contains ${aKey}. KeyWard held it back: nothing was sent, and this page did not receive the key.`
        : mode === 'warn'
          ? `This message contained ${aKey} and was sent: this page received the key.`
          : `This message contained ${aKey}. KeyWard sent it with only the redacted form.`;
  } else if (event === 'upload' || ((event === 'drop' || event === 'paste') && (files || aboutFiles))) {
    Object.assign(verbs, { redacted: 'Attach with key redacted', anyway: 'Attach anyway', cancel: "Don't attach" });
    message =
      mode === 'block'
        ? `${holds} KeyWard did not attach it: this page did not receive the key.`
        : mode === 'warn'
          ? `${holds} It was attached: this page received the key.`
          : `${holds} KeyWard attached a copy with only the redacted form.`;
  } else if (event === 'typing') {
    Object.assign(verbs, { redacted: 'Keep key redacted', anyway: 'Put key back', cancel: 'Remove key' });
    message =
      mode === 'block'
        ? `You typed ${aKey}. This page saw the characters as you typed them; KeyWard then replaced the key with its redacted form until you decide.`
        : mode === 'warn'
          ? `You typed ${aKey} into this field: this page received it as you typed. Anything you send from here will include it.`
          : `You typed ${aKey}. This page saw the characters as you typed them; KeyWard then replaced the key with its redacted form.`;
  } else {
    const did = event === 'drop' ? 'dropped' : 'pasted';
    message =
      mode === 'block'
        ? `You ${did} ${aKey}. KeyWard stopped it: this page did not receive the key.`
        : mode === 'warn'
          ? `You ${did} ${aKey}: this page received the key.`
          : `You ${did} ${aKey}. KeyWard put in only its redacted form: this page did not receive the key.`;
  }
  return { title, message, ...verbs };
}

/** A named key seen off the sites it is meant for: which key it is, and where it belongs. */
export function namedKeyWords(name: string, meantFor: readonly string[]): string {
  const hosts = meantFor.map((origin) => origin.replace(/^https?:\/\//, ''));
  return hosts.length > 0 ? `Your key “${name}” is meant for ${hosts.join(', ')}, not this site.` : `Your key “${name}” is not meant for this site.`;
}

import type { ComponentChildren } from 'preact';
import { browser } from 'wxt/browser';
import type en from '../public/_locales/en/messages.json';

/** A message's name in public/_locales/en/messages.json: a name missing there is a type error. */
export type MessageKey = keyof typeof en;

/** The names of messages with one/other forms (`count_keys` for `count_keys_one` and `count_keys_other`). */
export type PluralKey = { [K in MessageKey]: K extends `${infer Base}_one` ? (`${Base}_other` extends MessageKey ? Base : never) : never }[MessageKey];

/**
 * A message in the browser's language (public/_locales), with `$1`…`$9` replaced by `substitutions`.
 * An unknown name gives '' in the browser: the type keeps that from happening.
 */
export function t(key: MessageKey, ...substitutions: (string | number)[]): string {
  if (substitutions.length === 0) {
    // Labels repeat in every row of a long list (the popup's first screen has a time budget): ask once.
    let message = fixed.get(key);
    if (message === undefined) fixed.set(key, (message = getMessage(key)));
    return message;
  }
  return getMessage(key, substitutions.map(String));
}

const fixed = new Map<MessageKey, string>();

// WXT types getMessage from the messages it found at `wxt prepare`; our own MessageKey is the check.
const getMessage = (name: string, substitutions?: string[]): string =>
  (browser.i18n.getMessage as (name: string, substitutions?: string[]) => string)(name, substitutions);

let plurals: Intl.PluralRules | undefined;

/** The one or other form of a message by `count` (the language's plural rule), with the count, formatted, as `$1`. */
export function tn(key: PluralKey, count: number, ...more: (string | number)[]): string {
  plurals ??= new Intl.PluralRules(uiLanguage());
  // English and German both have only these two forms for whole numbers.
  const form = plurals.select(count) === 'one' ? 'one' : 'other';
  return t(`${key}_${form}` as MessageKey, formatNumber(count), ...more);
}

/** The browser's interface language, e.g. `de` or `en-US`: the language of the messages, for Intl. */
export function uiLanguage(): string {
  return browser.i18n.getUILanguage();
}

let numbers: Intl.NumberFormat | undefined;

/** A whole number as the interface language writes it ("10,000", "10.000"). */
export function formatNumber(n: number): string {
  numbers ??= new Intl.NumberFormat(uiLanguage());
  return numbers.format(n);
}

// Substituted for a node, then split on: control characters never occur in a message.
const SLOT = /\u0001(\d)\u0001/;

/**
 * A message with elements in it ("KeyWard guards <strong>host</strong>."): each `$n` becomes the n-th
 * node, so the translation decides where the element goes.
 */
export function tNodes(key: MessageKey, ...nodes: ComponentChildren[]): ComponentChildren[] {
  const parts = t(key, ...nodes.map((_, i) => `\u0001${i}\u0001`)).split(SLOT);
  return parts.map((part, i) => (i % 2 === 0 ? part : nodes[Number(part)]));
}

/** Sets the page's language and title from the messages, for pages whose HTML is static. */
export function localisePage(title: MessageKey): void {
  document.documentElement.lang = uiLanguage();
  document.title = t(title);
}

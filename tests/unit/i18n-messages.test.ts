import { describe, expect, it } from 'vitest';
import de from '../../public/_locales/de/messages.json';
import en from '../../public/_locales/en/messages.json';

type Messages = Record<string, { message: string }>;

/** German messages that are rightly the same as the English: names and notation. */
const SAME_IN_GERMAN = new Set(['extName', 'exposure_how']);

const placeholders = (message: string) => [...new Set(message.match(/\$\d/g) ?? [])].sort();

describe('messages (public/_locales)', () => {
  const english: Messages = en;
  const german: Messages = de;

  it('German has exactly the English message names', () => {
    expect(Object.keys(german).sort()).toEqual(Object.keys(english).sort());
  });

  it('each German message takes the same $1…$9 as its English one', () => {
    for (const name of Object.keys(english)) expect([name, placeholders(german[name]?.message ?? '')]).toEqual([name, placeholders(english[name]!.message)]);
  });

  it('every German message is translated, except the listed loanwords', () => {
    const untranslated = Object.keys(english).filter((name) => german[name]?.message === english[name]!.message);
    expect(untranslated.sort()).toEqual([...SAME_IN_GERMAN].sort());
  });

  it('names are valid message names (letters, digits, underscores) and plural pairs are complete', () => {
    for (const name of Object.keys(english)) {
      expect(name).toMatch(/^[A-Za-z0-9_]+$/);
      if (name.endsWith('_one')) expect(english).toHaveProperty(name.replace(/_one$/, '_other'));
    }
  });
});

import { useState } from 'preact/hooks';
import { loadDetector } from '../../utils/detect/detector';
import { redact } from '../../utils/detect/redact';
import { providerLabel } from '../inventory/view';
import { t } from '../../utils/i18n';

const B64U = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** A made-up key in the shape of an Anthropic API key: random, so it opens nothing anywhere. */
export function madeUpKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(93));
  return `sk-ant-api03-${Array.from(bytes, (b) => B64U[b % 64]).join('')}AA`;
}

type Caught = { provider: string; type: string; redacted: string }[];

let built: ReturnType<typeof loadDetector> | undefined;
/** The engine with every built-in provider, built on first use. */
const detector = () => (built ??= loadDetector());

/** One key caught, in words: "an OpenAI key (sk-proj-…Ab3d)"; English picks "a" or "an" by the provider's first letter. */
function caughtKey(c: Caught[number]): string {
  if (c.provider === 'custom') return t('try_caughtCustom', c.redacted);
  return t(/^[AEIOU]/.test(c.provider) ? 'try_caughtKeyVowel' : 'try_caughtKey', c.provider, c.redacted);
}

/**
 * "Try it": a field that runs KeyWard's own detection engine on what is pasted or typed into it.
 * The guard itself runs only on web pages (an extension page is not one), so this field calls the
 * engine directly, and shows what the guard would do on a guarded site. Nothing is recorded.
 */
export function TryIt() {
  const [text, setText] = useState('');
  const [caught, setCaught] = useState<Caught>();

  const check = (value: string): Caught =>
    detector().findKeys(value).map((f) => ({ provider: providerLabel(f.provider), type: f.type, redacted: redact(f.key) }));

  const onPaste = (e: ClipboardEvent) => {
    const pasted = e.clipboardData?.getData('text/plain') ?? '';
    const found = check(pasted);
    setCaught(found);
    // As in block mode: the field never gets the key.
    if (found.length > 0) e.preventDefault();
  };

  return (
    <section aria-labelledby="try" class="try-it">
      <h2 id="try">{t('try_title')}</h2>
      <p>{t('try_intro')}</p>
      <label for="try-field">{t('try_field')}</label>
      <textarea
        id="try-field"
        rows={3}
        value={text}
        onPaste={onPaste}
        onInput={(e) => {
          setText(e.currentTarget.value);
          setCaught(check(e.currentTarget.value));
        }}
      />
      <button
        type="button"
        class="make-key"
        onClick={() => {
          const value = t('try_myKey', madeUpKey());
          setText(value);
          setCaught(check(value));
        }}
      >
        {t('try_fill')}
      </button>
      <p class="try-result" role="status">
        {caught === undefined
          ? ''
          : caught.length === 0
            ? t('try_none')
            : t('try_caught', caught.map(caughtKey).join(', '))}
      </p>
    </section>
  );
}

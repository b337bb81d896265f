import { useState } from 'preact/hooks';
import { loadDetector } from '../../utils/detect/detector';
import { redact } from '../../utils/detect/redact';
import { providerLabel } from '../inventory/view';

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
      <h2 id="try">Try it</h2>
      <p>
        Paste a made-up key into this field. This page runs KeyWard's detection right here (the guard itself works on web pages, not on
        KeyWard's own pages), and nothing you try is recorded.
      </p>
      <label for="try-field">Text with a key</label>
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
          const value = `My key is ${madeUpKey()}`;
          setText(value);
          setCaught(check(value));
        }}
      >
        Fill in a made-up key
      </button>
      <p class="try-result" role="status">
        {caught === undefined
          ? ''
          : caught.length === 0
            ? 'No key found in this text.'
            : `KeyWard caught ${caught.map((c) => `${c.provider === 'custom' ? 'a key' : `a${/^[AEIOU]/.test(c.provider) ? 'n' : ''} ${c.provider} key`} (${c.redacted})`).join(', ')}. On a guarded site the page would not have seen it: KeyWard would have asked you first.`}
      </p>
    </section>
  );
}

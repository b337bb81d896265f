import { useLayoutEffect } from 'preact/hooks';
import { afterNextPaint } from '../after-paint';

/** First run: what KeyWard does and how to try it, in two lines. */
export function EmptyState() {
  // For the benchmark: the popup's first screen with nothing in the inventory (painted), the baseline.
  useLayoutEffect(() => afterNextPaint(() => performance.mark('keyward:empty-shown')), []);
  return (
    <section class="empty" aria-labelledby="empty-title">
      <h2 id="empty-title">No keys seen yet</h2>
      <p>KeyWard stops API keys from leaking: it catches a key pasted, dropped or typed into a web page before the page sees it.</p>
      <p>To try it, paste an API key into a ChatGPT or GitHub text box; it will show up here, redacted.</p>
    </section>
  );
}

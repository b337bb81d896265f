import type { KeyFinding } from './types';

/**
 * Keys in an HTML clipboard (`text/html`), where tags may split a key's characters
 * (`sk-proj-<b></b>…`, a key half bold, a span per syntax-highlighted token). The keys are looked for
 * in the HTML's text, as the page would render it, and their spans mapped back to the HTML.
 */

/** Tags after which rendered text starts on a new line: they separate words, inline tags do not. */
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'div', 'dl', 'dt', 'figcaption', 'footer', 'form', 'h1', 'h2',
  'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'td', 'th', 'tr', 'ul',
]);

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** The text of `html` (tags dropped, entities decoded), with each char's span in the HTML. */
export interface HtmlText {
  text: string;
  /** `from[i]`, `to[i]`: where the HTML source of the text's char `i` starts and ends. */
  from: Int32Array;
  to: Int32Array;
}

/** Reads the text of `html`: a tag is dropped (a block tag becomes a line end), an entity decoded. */
export function htmlText(html: string): HtmlText {
  let text = '';
  const from = new Int32Array(html.length + 1);
  const to = new Int32Array(html.length + 1);
  const emit = (s: string, start: number, end: number) => {
    from[text.length] = start;
    to[text.length] = end;
    text += s;
  };
  for (let i = 0; i < html.length; ) {
    const c = html[i]!;
    if (c === '<' && /[A-Za-z/!?]/.test(html[i + 1] ?? '')) {
      const close = html.indexOf('>', i);
      if (close === -1) break;
      const name = /^<\/?([A-Za-z0-9]+)/.exec(html.slice(i, Math.min(close + 1, i + 16)))?.[1]?.toLowerCase();
      if (name !== undefined && BLOCK.has(name)) emit('\n', i, close + 1);
      // Scripts and styles hold no rendered text.
      if (name === 'script' || name === 'style') {
        const end = html.toLowerCase().indexOf(`</${name}`, close);
        i = end === -1 ? html.length : end;
      } else {
        i = close + 1;
      }
      continue;
    }
    if (c === '&') {
      const m = /^&(?:#(\d{1,7})|#[xX]([0-9A-Fa-f]{1,6})|([A-Za-z]{2,6}));/.exec(html.slice(i, i + 12));
      const code = m === null ? undefined : m[1] !== undefined ? Number(m[1]) : m[2] !== undefined ? parseInt(m[2], 16) : undefined;
      const named = m?.[3] === undefined ? undefined : NAMED[m[3]];
      if (m !== null && (named !== undefined || (code !== undefined && code <= 0xffff))) {
        emit(named ?? String.fromCharCode(code!), i, i + m[0].length);
        i += m[0].length;
        continue;
      }
    }
    emit(c, i, i + 1);
    i++;
  }
  return { text, from, to };
}

/**
 * Keys in `html`: those in its source (an attribute's value, text the tags do not split) and those in
 * its text, with spans in the HTML, sorted and without overlaps (a key found both ways once).
 */
export function findKeysInHtml(html: string, findKeys: (text: string) => KeyFinding[]): KeyFinding[] {
  const inSource = findKeys(html);
  if (!/[<&]/.test(html)) return inSource;
  const read = htmlText(html);
  const inText = findKeys(read.text).map((f) => ({ ...f, start: read.from[f.start]!, end: read.to[f.end - 1]! }));
  const all = [...inSource, ...inText].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: KeyFinding[] = [];
  for (const f of all) if (kept.length === 0 || f.start >= kept[kept.length - 1]!.end) kept.push(f);
  return kept;
}

// Inputs built to hurt a key scanner: endless prefixes, markers with no key around them,
// candidate runs that never complete, invisible characters, no line breaks at all.
import { flatCopy } from './corpus.mjs';
import { ALNUM, B64U, randomString } from './rng.mjs';

const MARKER = ['T3Bl', 'bkFJ'].join(''); // split so this file holds no key-like literal

/**
 * Repeats `unit` (or a function's successive outputs) until `chars` UTF-16 units, cut to size.
 * @param {number} chars
 * @param {string | (() => string)} unit
 */
function fill(chars, unit) {
  const parts = [];
  let length = 0;
  if (typeof unit === 'string') return unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars);
  while (length < chars) {
    const part = unit();
    parts.push(part);
    length += part.length;
  }
  return parts.join('').slice(0, chars);
}

/**
 * The adversarial inputs, each `chars` long.
 * @param {number} chars
 * @param {() => number} rng
 * @param {(index: number) => string} keyAt builds real keys (for the dense and invisible cases)
 * @param {string} benign benign text to flatten into one line
 * @param {(index: number) => string} openAiKeyAt builds OpenAI keys (for the wrapped case: the shapes read across breaks)
 * @returns {Array<{ name: string, text: string }>} each text a flat string (see `flatCopy`)
 */
export function generateAdversarial(chars, rng, keyAt, benign, openAiKeyAt) {
  const b64uRun = randomString(rng, 4096, B64U);
  const anRun = randomString(rng, 4096, ALNUM);
  let keyIndex = 0;
  const invisible = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad'];
  // Default-ignorable chars beyond the zero-width ones: bidi marks and isolates, the grapheme joiner, a
  // Mongolian separator, a Hangul filler, a variation selector, a tag char and a musical one (astral).
  const ignorable = ['\u200e', '\u202a', '\u2066', '\u034f', '\u180e', '\u3164', '\ufe0f', '\u{e0041}', '\u{1d173}'];
  const breaks = ['\n', '\r\n', ' ', '\n    '];
  let wrapIndex = 0;
  /** An OpenAI key broken by a line break (or a space) somewhere in its body, then a line end. */
  const wrapped = () => {
    const key = openAiKeyAt(wrapIndex++ % 1000); // the bench plants 1000 OpenAI keys
    const at = key.length - 10 - (wrapIndex * 7) % 30;
    return key.slice(0, at) + breaks[wrapIndex % breaks.length] + key.slice(at) + '\n';
  };
  const inputs = [
    { name: '`sk-` repeated', text: fill(chars, 'sk-') },
    { name: 'marker repeated', text: fill(chars, MARKER) },
    { name: '`sk-proj-` + one b64u run, no marker', text: 'sk-proj-' + fill(chars - 8, b64uRun) },
    { name: '`sk-proj-` + 200 b64u, repeated', text: fill(chars, `sk-proj-${b64uRun.slice(0, 200)} `) },
    { name: 'near-miss: prefix+20+marker+19, repeated', text: fill(chars, `sk-${anRun.slice(0, 20)}${MARKER}${anRun.slice(20, 39)} `) },
    { name: 'marker in alnum run, no prefix', text: fill(chars, `${anRun.slice(0, 300)}${MARKER}`) },
    { name: 'all prefixes glued, repeated', text: fill(chars, 'sk-ant-api03-AIzaghp_gsk_hf_xai-pplx-r8_sk-or-v1-AKIAgithub_pat_sk_live_xoxb-sk-svcacct-sk-admin-sk-None-') },
    {
      name: 'keys with invisible chars interleaved',
      text: fill(chars, () => [...keyAt(keyIndex++)].join(invisible[keyIndex % invisible.length]) + ' '),
    },
    {
      name: 'keys with other default-ignorable chars interleaved',
      text: fill(chars, () => [...keyAt(keyIndex++)].join(ignorable[keyIndex % ignorable.length]) + ' '),
    },
    { name: 'OpenAI keys wrapped across lines', text: fill(chars, wrapped) },
    { name: 'dense real keys, space-separated', text: fill(chars, () => `${keyAt(keyIndex++)} `) },
    { name: 'benign text as one line, no newline', text: fill(chars, benign.replace(/\n/g, ' ')) },
  ];
  return inputs.map(({ name, text }) => ({ name, text: flatCopy(text) }));
}

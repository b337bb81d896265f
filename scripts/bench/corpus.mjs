// Builds the benchmark's benign corpus at run time: code, logs, prose, JSON and env lines with
// sparse keys, plus the near-misses real text has (UUIDs, hashes, `sk-learn`, placeholders).
import { ALNUM, B64U, HEX, pick, randomString } from './rng.mjs';

const WORDS = (
  'the a request user token value config server client handler error retry cache index page build ' +
  'deploy model prompt response stream buffer queue worker session account project service admin ' +
  'learn task mask ask desk risk disk key secret api test local remote origin branch commit review'
).split(' ');
// Sparse non-ASCII, as in real files; one such character makes V8 store the text as two-byte.
const RARE_WORDS = ['café', 'naïve', 'über', '—', '→', '✓', '日本語', 'Ünïcödé'];
const LEVELS = ['DEBUG', 'INFO', 'INFO', 'INFO', 'WARN', 'ERROR'];
const SERVICES = ['api', 'auth', 'billing', 'gateway', 'worker', 'scheduler'];
// Benign lookalikes that a scanner must not flag (see shared/KEY-FORMATS.md).
const LOOKALIKES = ['sk-learn', 'sk-...', 'sk-xxxxxxxxxxxxxxxx', 'task-runner', 'ask-me', 'disk-usage', 'sk-SK'];

/** @param {() => number} rng */
function word(rng) {
  return rng() < 0.01 ? pick(rng, RARE_WORDS) : pick(rng, WORDS);
}

/** @param {() => number} rng */
function ident(rng) {
  return `${pick(rng, WORDS)}${pick(rng, WORDS).replace(/^./, (c) => c.toUpperCase())}`;
}

/** @param {() => number} rng */
function uuid(rng) {
  const h = (n) => randomString(rng, n, HEX);
  return `${h(8)}-${h(4)}-4${h(3)}-a${h(3)}-${h(12)}`;
}

/** @type {Array<(rng: () => number) => string>} */
const LINE_KINDS = [
  (rng) => `const ${ident(rng)} = await ${ident(rng)}(${ident(rng)}, ${Math.floor(rng() * 1e4)});`,
  (rng) => `  if (${ident(rng)}.length > ${Math.floor(rng() * 100)}) return ${ident(rng)}.map((x) => x.${pick(rng, WORDS)});`,
  (rng) => `import { ${ident(rng)}, ${ident(rng)} } from './${pick(rng, WORDS)}-${pick(rng, WORDS)}';`,
  (rng) => `def ${ident(rng)}(self, ${pick(rng, WORDS)}): return self.${pick(rng, WORDS)}[${Math.floor(rng() * 9)}]`,
  (rng) =>
    `2024-05-${String(1 + Math.floor(rng() * 28)).padStart(2, '0')}T12:${String(Math.floor(rng() * 60)).padStart(2, '0')}:07.123Z ` +
    `${pick(rng, LEVELS)} [${pick(rng, SERVICES)}] request_id=${uuid(rng)} status=${pick(rng, [200, 201, 404, 500])} latency=${Math.floor(rng() * 900)}ms`,
  (rng) => `${pick(rng, SERVICES)}.${pick(rng, LEVELS).toLowerCase()} commit ${randomString(rng, 40, HEX)} by ${word(rng)} ${word(rng)}`,
  (rng) => Array.from({ length: 8 + Math.floor(rng() * 14) }, () => word(rng)).join(' ') + '.',
  (rng) => `We use ${pick(rng, LOOKALIKES)} for the ${word(rng)} ${word(rng)}; see the ${word(rng)} ${word(rng)} notes.`,
  (rng) =>
    `{"id": ${Math.floor(rng() * 1e6)}, "name": "${ident(rng)}", "tags": ["${word(rng)}", "${word(rng)}"], "sha": "${randomString(rng, 40, HEX)}"},`,
  (rng) => `{"session": "${uuid(rng)}", "blob": "${randomString(rng, 64, `${ALNUM}+/`)}=="},`,
  (rng) => `${pick(rng, WORDS).toUpperCase()}_${pick(rng, WORDS).toUpperCase()}=${randomString(rng, 8 + Math.floor(rng() * 24), B64U)}`,
  (rng) => `OPENAI_API_KEY=${pick(rng, ['sk-...', 'sk-proj-XXXXXXXXXXXXXXXXXXXX', '<your key here>', '${OPENAI_API_KEY}'])}`,
];

// Contexts a key is planted in: the places people actually paste them.
/** @type {Array<(key: string) => string>} */
const KEY_CONTEXTS = [
  (key) => `OPENAI_API_KEY=${key}`,
  (key) => `  "apiKey": "${key}",`,
  (key) => `client = OpenAI(api_key="${key}")`,
  (key) => `export const token = '${key}'; // TODO move to vault`,
];

/**
 * @typedef {{ text: string, keyEnds: number[] }} Corpus
 * `keyEnds`: UTF-16 end offset of every planted key, ascending, to count those inside a prefix.
 */

/**
 * Generates about `chars` UTF-16 units of benign text (whole lines) with one key per `keyEvery` units.
 * @param {number} chars
 * @param {() => number} rng
 * @param {(index: number) => string} keyAt builds the index-th planted key
 * @param {number} [keyEvery]
 * @returns {Corpus}
 */
export function generateBenign(chars, rng, keyAt, keyEvery = 100_000) {
  /** @type {string[]} */
  const lines = [];
  /** @type {number[]} */
  const keyEnds = [];
  let length = 0;
  let nextKeyAt = Math.floor(keyEvery / 2);
  while (length < chars) {
    let line;
    if (length >= nextKeyAt) {
      const key = keyAt(keyEnds.length);
      line = pick(rng, KEY_CONTEXTS)(key);
      keyEnds.push(length + line.indexOf(key) + key.length);
      nextKeyAt += keyEvery;
    } else {
      line = pick(rng, LINE_KINDS)(rng);
    }
    lines.push(line);
    length += line.length + 1;
  }
  return { text: lines.join('\n') + '\n', keyEnds };
}

/**
 * The longest whole-line prefix of the corpus of at most `chars` units, with its planted key count.
 * @param {Corpus} corpus
 * @param {number} chars
 */
export function prefixOf(corpus, chars) {
  const end = corpus.text.length <= chars ? corpus.text.length : corpus.text.lastIndexOf('\n', chars - 1) + 1;
  return { text: flatCopy(corpus.text.slice(0, end)), planted: corpus.keyEnds.filter((e) => e <= end).length };
}

/**
 * A flat copy of `text`, like the string the CLI decodes from a file or a page gets from a paste.
 * A slice would stay a view into the bigger string it was cut from, and V8 reads each char of such
 * a view through one more indirection (about 20% more time for the engine on text dense with keys).
 * @param {string} text
 */
export function flatCopy(text) {
  return Buffer.from(text).toString('utf8');
}

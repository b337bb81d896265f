import { AN, B64U, allIn, freeOnLeft, isIn } from './chars';
import { isPlaceholderBody, isPlaceholderBrokenBody } from './placeholder';
import type { KeyFinding } from './types';
import { MAX_BREAKS, joinBroken, mayBreak, skipBreak, skipBreakBack } from './wrap';

/**
 * Base64 of "OpenAI". Every known OpenAI secret key carries it between two random halves of equal
 * length, so the scanner looks for it first and reads the key around it.
 */
export const OPENAI_MARKER = 'T3BlbkFJ';

/**
 * Lengths of each half that are accepted. Known keys have 20, 46, 58 or 74; newer ones drift (about
 * 44 and 51 are reported, `sk-admin-` with 74), and other scanners accept 20 to 100, so any length in
 * that range is a key: the equal halves around the marker are what makes the shape safe.
 */
export const MIN_HALF = 20;
export const MAX_HALF = 100;
/** Longest `<name>` accepted in `sk-<name>-` / `sk-service-<name>-`; bounds the look-back. */
const MAX_NAME = 64;
const DASH = 0x2d;
const S = 0x73;

/**
 * A key's type and the id of its rule, made once: a string built, or looked up by type, per finding
 * costs on a text dense with keys.
 */
interface KeyType {
  type: string;
  rule: string;
}

const keyType = (type: string): KeyType => ({ type, rule: `openai-${type}` });
const LEGACY = keyType('legacy');
const PROJECT_EARLY = keyType('project-early');
const PROJECT = keyType('project');
const NONE = keyType('none');
const SERVICE_ACCOUNT = keyType('service-account');
const ADMIN = keyType('admin');
const SERVICE = keyType('service');

/**
 * The key's type, from its prefix: `sk-` alone is a legacy key, `sk-proj-` a project key (`-early` for
 * the first, 20-char form), `sk-svcacct-` a service account, `sk-admin-` an admin key, `sk-None-` the
 * keys of that name, and any other `sk-<name>-` (`sk-service-<name>-` included) a named service key.
 */
function typeOf(text: string, from: number, to: number, half: number): KeyType {
  const n = to - from;
  if (n <= 0) return LEGACY;
  if (n === 4 && text.startsWith('proj', from)) return half === MIN_HALF ? PROJECT_EARLY : PROJECT;
  if (n === 4 && text.startsWith('None', from)) return NONE;
  if (n === 7 && text.startsWith('svcacct', from)) return SERVICE_ACCOUNT;
  if (n === 5 && text.startsWith('admin', from)) return ADMIN;
  return SERVICE;
}

/**
 * Run ends remembered from one marker to the next within one scan: markers come in increasing order,
 * so a marker inside the run of the previous one shares its run, and a text made of markers is read
 * once rather than once per marker.
 */
export interface RunMemo {
  /** End of the b64u run that starts at or before `b64From`; -1 before the first marker. */
  b64End: number;
  /** End of the alphanumeric run after the last marker. */
  anEnd: number;
}

export const newRunMemo = (): RunMemo => ({ b64End: -1, anEnd: -1 });

/**
 * End of the run of `cls` chars from `from`, read at most `cap` chars past `from`. `known` is where an
 * earlier read (from a smaller `from` in the same run) stopped: everything before it is in the run,
 * so the read resumes there.
 */
function runEndMemo(text: string, from: number, cls: number, known: number, cap: number): number {
  const stop = Math.min(text.length, from + cap);
  let i = from < known ? known : from;
  while (i < stop && isIn(text.charCodeAt(i), cls)) i++;
  return i;
}

/**
 * Reads the OpenAI key whose marker starts at `m` (the caller has checked the marker) and adds it to
 * `out`; returns its end, or -1 when there is none. The right half is the run of b64u chars after the
 * marker (or of alphanumerics, when the key is followed by `-` or `_`); the left half must be as long
 * and follow a `-` that ends an `sk-` prefix. Each marker costs O(half), and the runs read are
 * remembered in `memo` for the next markers.
 */
export function matchOpenAi(text: string, m: number, out: KeyFinding[], memo: RunMemo): number {
  const after = m + OPENAI_MARKER.length;
  // The run after the marker is read once: its alphanumeric part, then the b64u rest (a `-` or `_`
  // on). A run longer than MAX_HALF holds no half, and need not be read to its end, but its
  // alphanumeric part is, so that the caller can skip the markers inside it.
  let anEnd = runEndMemo(text, after, AN, memo.anEnd, MAX_HALF + 1);
  if (anEnd - after > MAX_HALF) {
    memo.anEnd = memo.b64End = runEndMemo(text, after, AN, anEnd, text.length);
    return -1;
  }
  memo.anEnd = anEnd;
  const b64End = (memo.b64End = runEndMemo(text, anEnd, B64U, memo.b64End, after + MAX_HALF + 1 - anEnd));
  let half = b64End - after;
  if (half >= MIN_HALF && half <= MAX_HALF && text.charCodeAt(m - half - 1) === DASH) {
    const end = matchLeft(text, m, half, b64End, B64U, out);
    if (end !== -1) return end;
  }
  // An alphanumeric key followed by `-` or `_` (`sk-…-`, as in a sentence): shorter, with AN bodies.
  half = anEnd - after;
  if (anEnd === b64End || half < MIN_HALF || text.charCodeAt(m - half - 1) !== DASH) return -1;
  return matchLeft(text, m, half, anEnd, AN, out);
}

/** The left half of `half` chars of `cls` before the marker at `m`, and the `sk-` prefix before it. */
function matchLeft(text: string, m: number, half: number, end: number, cls: number, out: KeyFinding[]): number {
  const bodyStart = m - half;
  if (!allIn(text, bodyStart, m, cls)) return -1;
  if (isPlaceholderBody(text, bodyStart, m) || isPlaceholderBody(text, m + OPENAI_MARKER.length, end)) return -1;
  const start = prefixStart(text, bodyStart - 1);
  if (start === -1 || typedBodyInName(text, start + 3, bodyStart - 1)) return -1;
  // `sk-` alone is the legacy key, whose body is alphanumeric: a long b64u body right after `sk-` is
  // a key with its head cut off (`sk-proj-` read from its `proj-`), or no key.
  if (start + 3 === bodyStart && cls !== AN && !allIn(text, bodyStart, end, AN)) return -1;
  const { type, rule } = typeOf(text, start + 3, bodyStart - 1, half);
  out.push({ start, end, key: text.slice(start, end), provider: 'openai', type, rule });
  return end;
}

/**
 * Whether the name `text[from, to)` of an `sk-<name>-` prefix is a typed prefix and the start of its
 * body (`proj-` + chars): then a `-` inside a b64u half was taken for the prefix's end, and the key
 * read is a piece of a longer one (a wrapped key, cut at its break).
 */
function typedBodyInName(text: string, from: number, to: number): boolean {
  // `proj`, `None`, `admin`: a name no longer than the shortest typed prefix holds none with a body
  // char after it.
  if (to - from <= SHORTEST_TYPED) return false;
  for (const typed of TYPED) if (to - from > typed.length && text.startsWith(typed, from)) return true;
  return false;
}

const TYPED = ['proj-', 'svcacct-', 'admin-', 'None-'];
const SHORTEST_TYPED = Math.min(...TYPED.map((t) => t.length));

/**
 * Start of the `sk-` prefix whose final dash is at `dash`, or -1. Walks back over name chars and takes
 * the leftmost `sk-` not glued to a word before it: `sk-service-my-app-` is one named key, `task-` is
 * no key at all.
 */
export function prefixStart(text: string, dash: number): number {
  if (dash < 2) return -1;
  const limit = Math.max(0, dash - 3 - MAX_NAME);
  let runStart = dash;
  while (runStart > limit && isIn(text.charCodeAt(runStart - 1), B64U)) runStart--;
  for (let start = runStart; start <= dash - 2; start++) {
    // start === dash - 3 would be `sk--`: an empty name is no shape.
    if (start === dash - 3 || text.charCodeAt(start) !== S || !text.startsWith('sk-', start)) continue;
    if (!freeOnLeft(text, start)) continue;
    return start;
  }
  return -1;
}

/**
 * Scratch space of `matchWrappedOpenAi`, reused from call to call: a text of wrapped keys calls it
 * once per key, and arrays made per call cost more in garbage collection than the reads themselves.
 * Right half: each possible end of the key and the half's length there, and the breaks read through,
 * `text[BREAK_FROM[b], BREAK_TO[b])`. Left half: its pieces between breaks, nearest first,
 * `text[LEFT_FROM[k], LEFT_TO[k])`.
 */
const RIGHT_ENDS = new Int32Array(MAX_BREAKS + 1);
const RIGHT_COUNTS = new Int32Array(MAX_BREAKS + 1);
const BREAK_FROM = new Int32Array(MAX_BREAKS + 1);
const BREAK_TO = new Int32Array(MAX_BREAKS + 1);
/** Ends the list of breaks in BREAK_FROM: past any key's end. */
const NO_BREAK = 0x7fffffff;
const LEFT_FROM = new Int32Array(MAX_BREAKS + 1);
const LEFT_TO = new Int32Array(MAX_BREAKS + 1);

/**
 * A key broken across lines (or by a space), as an email, a PDF or a narrow terminal breaks it. The
 * marker's equal halves make the join safe: two unrelated runs of text are very unlikely to give
 * equal halves around the marker after an `sk-` prefix. Called only where the plain read failed and a
 * break touches the marker's run. The marker's chars are `text[m, markerEnd)`, a break possibly
 * among them; the prefix `sk-<name>-` must be on one line. `read`: the runs at `markerEnd` when the
 * caller has read them (`matchOpenAi`, with a b64u run of at most MAX_HALF chars), else null.
 *
 * Each char of the halves is read once, alphanumerics first: where a `-` or `_` comes nearest the
 * marker on each side tells whether a key's body is alphanumeric, with no second read of the key.
 */
export function matchWrappedOpenAi(text: string, m: number, markerEnd: number, read: RunMemo | null, out: KeyFinding[]): number {
  // Right half: runs of b64u through breaks; each run's end is a possible end of the key.
  let ends = 0;
  let i = read === null ? readRun(text, markerEnd, markerEnd + MAX_HALF + 1) : read.b64End;
  const anEnd = read === null ? lastAnEnd : read.anEnd;
  /** First char of the right half that is not alphanumeric. */
  let rightNonAn = anEnd < i ? anEnd : NO_BREAK;
  let count = i - markerEnd;
  BREAK_FROM[0] = NO_BREAK;
  for (let breaks = 0; ; breaks++) {
    if (count > MAX_HALF) break;
    if (count >= MIN_HALF) {
      RIGHT_ENDS[ends] = i;
      RIGHT_COUNTS[ends++] = count;
    }
    if (breaks === MAX_BREAKS || !mayBreak(text.charCodeAt(i))) break;
    const pieceStart = skipBreak(text, i, B64U);
    // A line that starts with `sk-` starts another key (keys one per line, or space-separated).
    if (pieceStart === -1 || text.startsWith('sk-', pieceStart)) break;
    BREAK_FROM[breaks] = i;
    BREAK_TO[breaks] = pieceStart;
    BREAK_FROM[breaks + 1] = NO_BREAK;
    i = readRun(text, pieceStart, pieceStart + MAX_HALF + 1 - count);
    if (lastAnEnd < i && rightNonAn === NO_BREAK) rightNonAn = lastAnEnd;
    count += i - pieceStart;
    // A short line inside a key is no wrapped line: it can only be the last one.
    if (i - pieceStart < MIN_LINE && count <= MAX_HALF) {
      if (count >= MIN_HALF) {
        RIGHT_ENDS[ends] = i;
        RIGHT_COUNTS[ends++] = count;
      }
      break;
    }
  }
  if (ends === 0) return -1;
  // Left half, up to the longest half wanted: pieces of b64u before the marker, through breaks.
  const most = RIGHT_COUNTS[ends - 1]!;
  let pieces = 0;
  let left = 0;
  let j = m;
  /** Char of the left half nearest the marker that is not alphanumeric. */
  let leftNonAn = -1;
  for (let breaks = 0; ; breaks++) {
    const pieceEnd = j;
    const stop = Math.max(0, j - (most - left));
    while (j > stop && isIn(text.charCodeAt(j - 1), AN)) j--;
    if (leftNonAn === -1 && j > stop && isIn(text.charCodeAt(j - 1), B64U)) leftNonAn = j - 1;
    while (j > stop && isIn(text.charCodeAt(j - 1), B64U)) j--;
    LEFT_FROM[pieces] = j;
    LEFT_TO[pieces++] = pieceEnd;
    left += pieceEnd - j;
    if (left === most || (breaks > 0 && pieceEnd - j < MIN_LINE)) break;
    if (breaks === MAX_BREAKS || j === 0 || !mayBreak(text.charCodeAt(j - 1))) break;
    j = skipBreakBack(text, j, B64U);
    if (j === -1) break;
  }
  // Of the ends that make a key, the one with the shortest prefix: a `-` inside a b64u half can look
  // like the end of a longer `sk-<name>-` prefix for a shorter half, by chance.
  let bestStart = -1;
  let bestEnd = -1;
  let bestHalf = 0;
  let bestPrefix = -1;
  let bestBody = 0;
  let bestPiece = 0;
  for (let c = 0; c < ends; c++) {
    const half = RIGHT_COUNTS[c]!;
    const end = RIGHT_ENDS[c]!;
    if (half > left) break;
    // The half-th char before the marker, counted through the pieces.
    let k = 0;
    let before = half;
    for (let n; before > (n = LEFT_TO[k]! - LEFT_FROM[k]!); k++) before -= n;
    const bodyStart = LEFT_TO[k]! - before;
    // The break may fall right after the prefix: `sk-proj-` at a line end.
    const broken = skipBreakBack(text, bodyStart, B64U);
    const dash = (broken === -1 ? bodyStart : broken) - 1;
    if (text.charCodeAt(dash) !== DASH) continue;
    const start = prefixStart(text, dash);
    if (start === -1 || typedBodyInName(text, start + 3, dash)) continue;
    const prefixLength = dash + 1 - start;
    // No break in it: the plain read's to find.
    if ((bestPrefix !== -1 && prefixLength >= bestPrefix) || end - start === prefixLength + 2 * half + OPENAI_MARKER.length) continue;
    // The body's chars are the halves' (and the marker's, alphanumeric).
    const cls = leftNonAn < bodyStart && rightNonAn >= end ? AN : B64U;
    if (end < text.length && isIn(text.charCodeAt(end), cls)) continue;
    if (prefixLength === 3 && cls !== AN) continue; // see matchLeft
    // Each half is tested where it lies in the text, through its breaks if it has any: the joined
    // key is built once, for the key kept, and a first read of it would copy it.
    if (k === 0 ? isPlaceholderBody(text, bodyStart, m) : isPlaceholderBrokenBody(text, bodyStart, m)) continue;
    if (BREAK_FROM[0]! >= end ? isPlaceholderBody(text, markerEnd, end) : isPlaceholderBrokenBody(text, markerEnd, end)) continue;
    bestStart = start;
    bestEnd = end;
    bestHalf = half;
    bestPrefix = prefixLength;
    bestBody = bodyStart;
    bestPiece = k;
  }
  if (bestStart === -1) return -1;
  const dash = bestStart + bestPrefix - 1;
  const key = joinPieces(text, bestStart, dash, bestBody, bestPiece, m, markerEnd, bestEnd);
  const { type, rule } = typeOf(text, bestStart + 3, dash, bestHalf);
  out.push({ start: bestStart, end: bestEnd, key, provider: 'openai', type, rule });
  return bestEnd;
}

/**
 * `joinBroken(text, start, end)` for the key `matchWrappedOpenAi` is reading, cut at the breaks its
 * reads went through rather than by a test of every char: the prefix up to `dash` (a break may
 * follow it, up to `bodyStart`), the left half from its piece `k`, the marker `text[m, markerEnd)`,
 * and the right half up to `end`.
 */
function joinPieces(text: string, start: number, dash: number, bodyStart: number, k: number, m: number, markerEnd: number, end: number): string {
  let key = '';
  let from = start;
  if (bodyStart !== dash + 1) {
    key = text.slice(start, dash + 1);
    from = bodyStart;
  }
  for (let p = k; p > 0; p--) {
    key += text.slice(from, LEFT_TO[p]!);
    from = LEFT_FROM[p - 1]!;
  }
  if (markerEnd - m !== OPENAI_MARKER.length) {
    // A marker with a break in it (`brokenMarkerStart`).
    key += text.slice(from, m) + joinBroken(text, m, markerEnd);
    from = markerEnd;
  }
  for (let b = 0; BREAK_FROM[b]! < end; b++) {
    key += text.slice(from, BREAK_FROM[b]!);
    from = BREAK_TO[b]!;
  }
  return key + text.slice(from, end);
}

/** Where the last `readRun` met its first char that is not alphanumeric (its end, when none). */
let lastAnEnd = 0;

/** End of the b64u run at `from`, read up to `stop` at most: its alphanumeric part, then the rest. */
function readRun(text: string, from: number, stop: number): number {
  const last = Math.min(stop, text.length);
  let i = from;
  while (i < last && isIn(text.charCodeAt(i), AN)) i++;
  lastAnEnd = i;
  while (i < last && isIn(text.charCodeAt(i), B64U)) i++;
  return i;
}

/** Shortest line inside a wrapped key (the first and last lines may be shorter). */
const MIN_LINE = 16;

/**
 * Start of a marker broken by one break before its last two chars (`FJ` at `hit`), or -1. A break
 * between its last two chars is not looked for: the scan finds markers by those two.
 */
export function brokenMarkerStart(text: string, hit: number): number {
  let j = hit;
  let broke = false;
  for (let k = OPENAI_MARKER.length - 2; k > 0; ) {
    if (text.charCodeAt(j - 1) === OPENAI_MARKER.charCodeAt(k - 1)) {
      j--;
      k--;
      continue;
    }
    if (broke || !mayBreak(text.charCodeAt(j - 1))) return -1;
    j = skipBreakBack(text, j, B64U);
    if (j === -1) return -1;
    broke = true;
  }
  return broke ? j : -1;
}

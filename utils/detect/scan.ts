import { B64U, freeOnLeft, freeOnRight, isIn, runEnd } from './chars';
import { MAX_HALF, OPENAI_MARKER, brokenMarkerStart, matchOpenAi, matchWrappedOpenAi, newRunMemo } from './openai';
import { joinBroken, mayBreak, readThroughBreaks } from './wrap';
import { isPlaceholderBody } from './placeholder';
import type { PrefixRule } from './rules';
import type { KeyFinding } from './types';

/**
 * A key found in the scanned text, with offsets in that text (the stripped copy when invisible chars
 * were removed; scanText maps them back). Already in the shape of the finding returned, so a text
 * dense with keys costs one object per key: the findings stay alive, and every extra object per key
 * is copied by each garbage collection while the scan runs.
 */
export type RawFinding = KeyFinding;

/**
 * Anchors of the prefilter, in priority order: each rule is searched through the first anchor its
 * prefix contains. Chosen by measurement in V8 on 64 MB of code, logs and
 * prose: `indexOf` of a 1–6 char string runs at several GB/s (memchr on its first char), one
 * combined regex of all prefixes at about 0.6 GB/s, `indexOf` of 7+ chars at about 2 GB/s. Hence
 * few passes, each shared by several rules (`_` serves `gsk_`, `hf_`, `ghp_`, `sk_live_`, ...),
 * and no anchor starting with `s`, `k` or `-`, so text like `sk-sk-sk-…` costs no JS work per char.
 * Each hit that comes back to JS costs far more than a char memchr skips, so the rarer the better: a
 * source map's mappings are mostly `A` (a copy of node_modules holds 8.6M), so the rules starting
 * with `A` are found through a rarer part of their prefix (`za` of `AIza`, `IA` of `AKIA`, `ASIA`,
 * `ABIA`, `CCA` of `ACCA`), and the Anthropic keys through `1-` and `03-` rather than the `AA` they
 * end with (`3-` would stop at every `3` of a text of OpenAI markers); `1-` also serves `sk-or-v1-`,
 * and `/se` finds the Slack webhook (`h` is common). Measured on that copy (340 MB of text: scan
 * CPU 545 → 357 ms) and on the bench's benign and adversarial texts (the same within noise).
 */
const ANCHORS: readonly string[] = ['_', 'x', '1-', '03-', 'za', 'IA', 'CCA', '/se'];

/**
 * The marker is found through its last 2 chars, `FJ`, then checked whole. V8's `indexOf` runs
 * memchr on the anchor's first char and stops at each occurrence: `T` (of `T3Bl`) is a common
 * capital in code and logs, `F` much less so, which halves the cost of this pass on such text.
 */
const MARKER_ANCHOR = OPENAI_MARKER.slice(-2);
const MARKER_ANCHOR_AT = OPENAI_MARKER.length - MARKER_ANCHOR.length;
const MARKER_HEAD = OPENAI_MARKER.slice(0, MARKER_ANCHOR_AT);

interface Candidate {
  /**
   * The cheapest test of a candidate start: the prefix's char at `checkAt` is `check`. The char that
   * tells the candidate apart from the most others of its dispatch list (set by buildPasses): at a hit
   * of the `x` pass followed by `o`, the nine Slack `xox…` prefixes are told apart by their 4th char
   * rather than each tried in full (text dense with Slack tokens, or `xoxb-` glued to words, made up
   * to nine `freeOnLeft` and `startsWith` calls per hit).
   */
  checkAt: number;
  check: number;
  /** Offset of the anchor inside the prefix: the distance from an anchor hit back to the key's start. */
  back: number;
  // The rule's fields the hot path reads, copied here so that every load is from one object shape
  // (rules differ in their optional fields, and V8 slows down on property loads over many shapes),
  // what a finding reports of its rule included.
  id: string;
  provider: PrefixRule['provider'];
  type: string;
  prefix: string;
  glue: number;
  matchBody: ((text: string, from: number) => number) | null;
  isExample: ((key: string) => boolean) | null;
  /**
   * For a fixed-length key, its length (the char after it decides the right-hand glue before the
   * body is read); -1 for variable-length keys.
   */
  fixedLength: number;
  /** `rule.body`, flattened; `cls` 0 when the rule has none and `matchBody` reads the body instead. */
  cls: number;
  min: number;
  max: number;
  tail: string;
  wrap: boolean;
}

/**
 * One prefilter pass. At a hit, the char next to the anchor (after it, or before it when some
 * prefix ends with the anchor) picks the few candidates worth a `startsWith`.
 */
interface AnchorPass {
  anchor: string;
  /** Where the dispatch char sits relative to the hit. */
  dispatchAt: number;
  byChar: (Candidate[] | undefined)[];
  /** Used instead of `byChar` when no neighbour char is common to all prefixes of the pass. */
  all: Candidate[] | undefined;
}

function candidateFor(rule: PrefixRule): { anchor: string; candidate: Candidate } {
  // A rule without any anchor is its own anchor: correct, if one pass slower.
  const anchor = ANCHORS.find((a) => rule.prefix.includes(a)) ?? rule.prefix.slice(0, 4);
  const body = rule.body;
  const candidate: Candidate = {
    checkAt: 0,
    check: rule.prefix.charCodeAt(0),
    back: rule.prefix.indexOf(anchor),
    id: rule.id,
    provider: rule.provider,
    type: rule.type,
    prefix: rule.prefix,
    glue: rule.glue,
    matchBody: rule.matchBody ?? null,
    isExample: rule.isExample ?? null,
    fixedLength: body !== undefined && body.min === body.max ? rule.prefix.length + body.max + body.tail.length : -1,
    cls: body?.cls ?? 0,
    min: body?.min ?? 0,
    max: body?.max ?? 0,
    tail: body?.tail ?? '',
    wrap: rule.wrap === true,
  };
  return { anchor, candidate };
}

function buildPasses(rules: readonly PrefixRule[]): AnchorPass[] {
  const groups = new Map<string, Candidate[]>();
  for (const rule of rules) {
    const { anchor, candidate } = candidateFor(rule);
    groups.set(anchor, [...(groups.get(anchor) ?? []), candidate]);
  }
  const passes: AnchorPass[] = [];
  for (const [anchor, candidates] of groups) {
    const useNext = candidates.every((c) => c.back + anchor.length < c.prefix.length);
    const usePrev = candidates.every((c) => c.back > 0);
    const dispatchAt = useNext ? anchor.length : -1;
    // Filled, not `new Array(128)`: V8 reads a holey array more slowly (hole checks per lookup).
    const byChar: (Candidate[] | undefined)[] = Array.from({ length: 128 }, () => undefined);
    if (useNext || usePrev) {
      for (const c of candidates) (byChar[c.prefix.charCodeAt(c.back + dispatchAt)] ??= []).push(c);
      for (const list of byChar) if (list !== undefined) setChecks(list);
    } else {
      setChecks(candidates);
    }
    passes.push({ anchor, dispatchAt, byChar, all: useNext || usePrev ? undefined : candidates });
  }
  return passes;
}

/**
 * Sets each candidate's check char: the char of its prefix shared (at the same place relative to the
 * hit) with the fewest others of `list`, the first char on ties. So the chars every candidate of the
 * list shares (the anchor, the dispatch char), already known at a hit, are chosen only for a list of one.
 */
function setChecks(list: Candidate[]): void {
  for (const c of list) {
    let best = Infinity;
    for (let at = 0; at < c.prefix.length; at++) {
      const code = c.prefix.charCodeAt(at);
      const shared = list.filter((o) => o !== c && o.prefix.charCodeAt(at + o.back - c.back) === code).length;
      if (shared < best) {
        best = shared;
        c.checkAt = at;
        c.check = code;
      }
    }
  }
}

/**
 * Tries the candidate's rule at `start`, where its check char is and which is free on its left;
 * returns the key's end or -1.
 * Bounded: O(longest key). The one-load tests come first: text made of prefixes glued to each other
 * and to words (an adversarial input) is rejected without a `startsWith` call or a body read.
 */
function matchRule(text: string, start: number, c: Candidate): number {
  // A fixed-length key glued to what follows it is no key, whatever its body (unless it is wrapped).
  if (c.fixedLength !== -1 && !freeOnRight(text, start + c.fixedLength, c.glue)) return c.wrap ? matchWrapped(text, start, c) : -1;
  if (!text.startsWith(c.prefix, start)) return -1;
  // A table loop (or the rule's own reader) instead of the sticky regex: a regex call costs about as
  // much as reading a whole key, and text full of prefixes (or of keys) makes one call per hit.
  const bodyStart = start + c.prefix.length;
  let end: number;
  if (c.matchBody !== null) {
    end = c.matchBody(text, bodyStart);
    if (end === -1) return -1;
  } else {
    end = runEnd(text, bodyStart, c.max, c.cls);
    if (end - bodyStart < c.min) return c.wrap && mayBreak(text.charCodeAt(end)) ? matchWrapped(text, start, c) : -1;
    if (c.tail !== '') {
      if (!text.startsWith(c.tail, end)) return -1;
      end += c.tail.length;
    }
  }
  if (!freeOnRight(text, end, c.glue)) return -1;
  if (isPlaceholderBody(text, bodyStart, end)) return -1;
  if (c.isExample !== null && c.isExample(text.slice(start, end))) return -1;
  return end;
}

/**
 * The key `matchWrapped` last read, breaks removed; taken (and cleared) by `runPass`. A variable rather
 * than a return value: the hot path returns a plain number.
 */
let wrappedKey: string | null = null;

/** A fixed-length key of a wrap-safe rule broken across lines at `start`; returns its end or -1. */
function matchWrapped(text: string, start: number, c: Candidate): number {
  if (!text.startsWith(c.prefix, start)) return -1;
  const bodyStart = start + c.prefix.length;
  const end = readThroughBreaks(text, bodyStart, c.max, c.cls);
  if (end === -1 || end - bodyStart === c.max || !freeOnRight(text, end, c.glue)) return -1;
  const key = joinBroken(text, start, end);
  if (isPlaceholderBody(key, c.prefix.length, key.length)) return -1;
  wrappedKey = key;
  return end;
}

function runPass(text: string, pass: AnchorPass, out: RawFinding[]): void {
  const { anchor, dispatchAt, byChar, all } = pass;
  // For a 1-char anchor, a run like `____` is walked with charCodeAt: much cheaper than a call
  // to indexOf per char, and only one extra load per hit in ordinary text.
  const single = anchor.length === 1 ? anchor.charCodeAt(0) : -1;
  let hit = text.indexOf(anchor);
  while (hit !== -1) {
    let next = hit + 1;
    // Keep the array load in bounds (NaN off the text's ends, codes >= 128): V8 deoptimises otherwise.
    const code = text.charCodeAt(hit + dispatchAt);
    const candidates = all ?? (code < 128 ? byChar[code] : undefined);
    if (candidates !== undefined) {
      for (let i = 0; i < candidates.length; i++) {
        const c = candidates[i]!;
        const start = hit - c.back;
        // The left-hand test is matchRule's first, made here: most hits of a pass fall inside words
        // or base64 runs, and are turned away without a call.
        if (start < 0 || text.charCodeAt(start + c.checkAt) !== c.check || !freeOnLeft(text, start)) continue;
        const end = matchRule(text, start, c);
        if (end === -1) continue;
        const key = wrappedKey ?? text.slice(start, end);
        wrappedKey = null;
        out.push({ start, end, key, provider: c.provider, type: c.type, rule: c.id });
        // Nothing overlapping this key can be reported, so resume after it.
        next = end;
        break;
      }
    }
    hit = text.charCodeAt(next) === single ? next : text.indexOf(anchor, next);
  }
}

function runOpenAi(text: string, out: RawFinding[]): void {
  const memo = newRunMemo();
  const near = nearSk(text);
  // Hits are the marker's last chars: the marker starts MARKER_ANCHOR_AT before each.
  let hit = text.indexOf(MARKER_ANCHOR, MARKER_ANCHOR_AT);
  while (hit !== -1) {
    const m = hit - MARKER_ANCHOR_AT;
    const after = hit + MARKER_ANCHOR.length;
    let next = hit + 1;
    let end = -1;
    if (text.startsWith(MARKER_HEAD, m)) {
      const first = text.charCodeAt(after);
      if (isIn(first, B64U)) {
        end = matchOpenAi(text, m, out, memo);
        if (end === -1 && memo.anEnd - after > MAX_HALF) {
          // Markers followed by more than MAX_HALF alphanumerics have no key around them, wrapped or
          // not: jump to the first marker that may. Keeps a text made of markers cheap.
          next = Math.max(next, memo.anEnd - MAX_HALF - MARKER_ANCHOR.length);
        } else if (end === -1 && memo.b64End - after <= MAX_HALF && near(m)) {
          // A wrapped key: a break ends the run after the marker, or starts the one before it.
          if (mayBreak(text.charCodeAt(memo.b64End)) || breakBefore(text, m)) end = matchWrappedOpenAi(text, m, after, memo, out);
        }
      } else if (mayBreak(first) && near(m)) {
        end = matchWrappedOpenAi(text, m, after, null, out);
      }
    } else {
      // A marker with a break in it (fails at the first char that is neither the marker's nor a break).
      const head = brokenMarkerStart(text, hit);
      if (head !== -1 && near(head)) end = matchWrappedOpenAi(text, head, after, null, out);
    }
    // Resume with markers starting at or after the key's end.
    if (end !== -1) next = end + MARKER_ANCHOR_AT;
    hit = text.indexOf(MARKER_ANCHOR, next);
  }
}

/** Farthest a wrapped key's `sk-` can be before its marker: prefix, name, half and a few breaks. */
const WRAP_REACH = 3 + 64 + 100 + 8 * 44;

/** Whether the b64u run holding the marker at `m` starts right after a break, within a key's reach. */
function breakBefore(text: string, m: number): boolean {
  let i = m;
  const stop = Math.max(0, m - WRAP_REACH);
  while (i > stop && isIn(text.charCodeAt(i - 1), B64U)) i--;
  return i > 0 && mayBreak(text.charCodeAt(i - 1));
}

/**
 * `near(m)`: whether an `sk-` starts within WRAP_REACH before `m`. Asked with increasing `m`, it
 * walks the text's `sk-` once in all, so a text full of markers and breaks stays linear.
 */
function nearSk(text: string): (m: number) => boolean {
  let last = -1;
  let next = -2;
  return (m) => {
    if (next === -2) next = text.indexOf('sk-');
    while (next !== -1 && next < m) {
      last = next;
      next = text.indexOf('sk-', next + 1);
    }
    return last !== -1 && m - last <= WRAP_REACH;
  };
}

/**
 * Orders findings by start (longest first on ties, then first found) and keeps only those that do
 * not overlap an earlier one, compacting `findings` in place.
 */
export function orderAndDropOverlaps(findings: RawFinding[]): RawFinding[] {
  if (findings.length < 2) return findings;
  const ordered = mergeRuns(findings) ?? findings.sort((a, b) => a.start - b.start || b.end - a.end);
  let kept = 0;
  let lastEnd = -1;
  for (const f of ordered) {
    const last = kept > 0 ? findings[kept - 1]! : undefined;
    if (last !== undefined && f.start === last.start) {
      // Runs are merged by start only: of findings with one start, the longest wins.
      if (f.end > last.end) {
        findings[kept - 1] = f;
        lastEnd = f.end;
      }
    } else if (f.start >= lastEnd) {
      findings[kept++] = f;
      lastEnd = f.end;
    }
  }
  findings.length = kept;
  return findings;
}

/** Past this many ascending runs, a comparison sort is cheaper than merging run heads. */
const MAX_RUNS = 16;
const NO_HEAD = 0x7fffffff;

/**
 * Each pass of the scan (and each custom pattern) appends its findings in order of start, so
 * `findings` is a few ascending runs: they are merged by comparing the runs' next starts, a few int
 * compares per finding where `sort` makes a comparator call per comparison (a text dense with keys
 * has 10^5 findings per 10 MB). Findings in order of start, equal starts in the order found (a copy,
 * unless `findings` was one run); null when there are more than MAX_RUNS runs.
 */
function mergeRuns(findings: RawFinding[]): RawFinding[] | null {
  const runStarts = [0];
  for (let i = 1; i < findings.length; i++) {
    if (findings[i]!.start >= findings[i - 1]!.start) continue;
    if (runStarts.push(i) > MAX_RUNS) return null;
  }
  const runs = runStarts.length;
  if (runs === 1) return findings;
  const next = Int32Array.from(runStarts);
  const ends = Int32Array.from(runStarts, (_, r) => (r + 1 < runs ? runStarts[r + 1]! : findings.length));
  const heads = Int32Array.from(runStarts, (i) => findings[i]!.start);
  const ordered: RawFinding[] = new Array<RawFinding>(findings.length);
  for (let o = 0; o < ordered.length; ) {
    // The run with the smallest head (the first on ties), and the smallest head of the others: the
    // run's findings before that one are taken in a row, without comparing heads again (consecutive
    // keys often come from one pass: keys of one provider listed together).
    let run = 0;
    let other = NO_HEAD;
    for (let r = 1; r < runs; r++) {
      if (heads[r]! < heads[run]!) {
        other = heads[run]!;
        run = r;
      } else if (heads[r]! < other) {
        other = heads[r]!;
      }
    }
    const end = ends[run]!;
    let i = next[run]!;
    do ordered[o++] = findings[i++]!;
    while (i < end && findings[i]!.start < other);
    next[run] = i;
    heads[run] = i < end ? findings[i]!.start : NO_HEAD;
  }
  return ordered;
}

/** The built-in scan, precompiled for one set of enabled rules. */
export type Scanner = (text: string, out: RawFinding[]) => void;

/**
 * Builds the built-in scan: one `indexOf` pass per anchor (plus one for the OpenAI marker), and a
 * bounded match only where a pass hits. Linear in the text: each hit costs O(longest key).
 */
export function createScanner(rules: readonly PrefixRule[], openai: boolean): Scanner {
  const passes = buildPasses(rules);
  return (text, out) => {
    if (openai) runOpenAi(text, out);
    for (const pass of passes) runPass(text, pass, out);
  };
}

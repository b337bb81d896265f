/**
 * Placeholders in docs and tutorials (`sk-proj-XXXX…`, `sk_test_0000…`) have the right shape but no
 * randomness. Only bodies with almost no variety are dropped, so a real random key is never lost:
 * the chance that a random body of 10+ chars trips one of these checks is below 1e-8.
 */

/** Longest run of one repeated char, or of consecutive codes (`abcdefgh`, `12345678`), allowed. */
const MAX_RUN = 7;

/** Whether the key body `text[from, to)` looks like a placeholder rather than a random secret. */
export function isPlaceholderBody(text: string, from: number, to: number): boolean {
  if (to - from <= 0) return true;
  return hasFewDistinct(text, from, to, -1) || hasLongRun(text, from, to);
}

/**
 * Whether `text[from, to)` is made of three distinct chars or fewer (`XXXXxxxx0000`). A random body
 * shows more within a few chars, so this usually stops early. The distinct chars seen so far are
 * kept in locals rather than an array: this runs once per finding, and an allocation per finding
 * shows when a text is dense with keys (-1: none yet). Chars up to `skipUpTo` are not counted (the
 * breaks in a wrapped body; -1 for a plain one).
 */
function hasFewDistinct(text: string, from: number, to: number, skipUpTo: number): boolean {
  let d0 = -1;
  let d1 = -1;
  let d2 = -1;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === d0 || c === d1 || c === d2 || c <= skipUpTo) continue;
    if (d0 === -1) d0 = c;
    else if (d1 === -1) d1 = c;
    else if (d2 === -1) d2 = c;
    else return false;
  }
  return true;
}

/**
 * Whether `text[from, to)` holds a run of more than MAX_RUN chars that are all the same or rise
 * by one (`abcdefgh`). Such a run covers MAX_RUN + 1 consecutive positions, so it contains one of
 * the probes placed every MAX_RUN + 1 chars: only the runs through the probes are measured, which
 * in a random body costs a few loads per probe instead of work on every char.
 */
function hasLongRun(text: string, from: number, to: number): boolean {
  for (let p = from + MAX_RUN; p < to; p += MAX_RUN + 1) {
    const c = text.charCodeAt(p);
    // Such a run through p also holds p - 1 or p + 1, one equal to c or one step from it: when
    // neither is (nearly every probe of a random body), two loads settle the probe.
    if ((c - text.charCodeAt(p - 1)) >>> 0 > 1 && (p + 1 >= to || (text.charCodeAt(p + 1) - c) >>> 0 > 1)) continue;
    // The same-char run and the rising run through p, each measured left and right of p.
    let same = 1;
    let rising = 1;
    for (let i = p - 1; i >= from && text.charCodeAt(i) === c; i--) same++;
    for (let i = p + 1; i < to && text.charCodeAt(i) === c; i++) same++;
    for (let i = p - 1, next = c; i >= from && text.charCodeAt(i) === next - 1; i--, next--) rising++;
    for (let i = p + 1, prev = c; i < to && text.charCodeAt(i) === prev + 1; i++, prev++) rising++;
    if (same > MAX_RUN || rising > MAX_RUN) return true;
  }
  return false;
}

/** Highest char code of a break (space, tab, CR, LF; see wrap.ts): every b64u char is above it. */
const BREAK_MAX = 0x20;

/**
 * `isPlaceholderBody` of the body `text[from, to)` of a wrapped key, its breaks taken out: the body is
 * tested where it lies in the text rather than in the joined key (whose first read copies it). The
 * range holds body chars and breaks only.
 */
export function isPlaceholderBrokenBody(text: string, from: number, to: number): boolean {
  return hasFewDistinct(text, from, to, BREAK_MAX) || hasLongRunThroughBreaks(text, from, to);
}

/**
 * `hasLongRun` through breaks. A run of more than MAX_RUN body chars spans as many positions of the
 * text or more, so the probes, placed by position, still meet it; a probe with no break next to it
 * is settled by the same two loads, and one on or beside a break measures the run through the body
 * char there, skipping breaks.
 */
function hasLongRunThroughBreaks(text: string, from: number, to: number): boolean {
  for (let p = from + MAX_RUN; p < to; p += MAX_RUN + 1) {
    const c = text.charCodeAt(p);
    const before = text.charCodeAt(p - 1);
    const after = p + 1 < to ? text.charCodeAt(p + 1) : 0x7fff;
    if (c > BREAK_MAX && before > BREAK_MAX && after > BREAK_MAX && (c - before) >>> 0 > 1 && (after - c) >>> 0 > 1) continue;
    // The body char at or after p: a run whose span holds p holds it too.
    let q = p;
    while (q < to && text.charCodeAt(q) <= BREAK_MAX) q++;
    if (q < to && hasRunThrough(text, from, to, q)) return true;
  }
  return false;
}

/**
 * Whether the run of equal chars, or of chars rising by one, through the body char `text[at]` is
 * longer than MAX_RUN, counted through any breaks within `[from, to)`.
 */
function hasRunThrough(text: string, from: number, to: number, at: number): boolean {
  for (let step = 0; step <= 1; step++) {
    let run = 1;
    for (let i = at - 1, next = text.charCodeAt(at); i >= from; i--) {
      const c = text.charCodeAt(i);
      if (c <= BREAK_MAX) continue;
      if (c !== next - step) break;
      run++;
      next = c;
    }
    for (let i = at + 1, prev = text.charCodeAt(at); i < to; i++) {
      const c = text.charCodeAt(i);
      if (c <= BREAK_MAX) continue;
      if (c !== prev + step) break;
      run++;
      prev = c;
    }
    if (run > MAX_RUN) return true;
  }
  return false;
}

import type { RawFinding } from './scan';
import type { DetectorSpec } from './types';

/**
 * How custom patterns are kept cheap. A pattern never runs over the whole text at once:
 * - if it starts with a literal of 3+ chars (`acme_[A-Za-z0-9]{32}`), `indexOf` finds the
 *   candidates and the regex runs sticky at each one, on a window of CONTEXT + MAX_CUSTOM_MATCH;
 * - otherwise it runs on consecutive windows of CHUNK chars (plus CONTEXT before and
 *   MAX_CUSTOM_MATCH after, so matches across a chunk border are still found).
 * Within a window the cost is bounded by the window size, since `checkCustomPattern` refused the
 * super-linear shapes (only checked patterns reach a detector spec); across windows a wall-clock
 * budget (`customBudgetMs`, default 100 ms per `findKeys` call) stops the custom scan on a huge text. Built-in rules are not affected by it.
 * Matches longer than MAX_CUSTOM_MATCH chars are not reported (one touching the end of its window
 * may have been cut short by it).
 */
const CHUNK = 2048;
/** Text before a window's first allowed start, so `\b`, `^` with `m` and short lookbehinds see context. */
const CONTEXT = 32;
/** Longest custom match reported. */
export const MAX_CUSTOM_MATCH = 256;
/** Default wall-clock budget for all custom patterns of one `findKeys` call. */
export const DEFAULT_CUSTOM_BUDGET_MS = 100;

/** A custom pattern ready to run. */
export interface CompiledCustom {
  name: string;
  /** Flags of the pattern plus `g`, for chunked windows. */
  global: RegExp;
  /** When every match starts with a literal: the literal, and the pattern with `gy` to try at each one. */
  prefilter: { literal: string; sticky: RegExp } | null;
}

/** A custom pattern the detector refused to run, and why. */
export interface RejectedPattern {
  name: string;
  reason: string;
}

/** Compiles the checked custom patterns of a detector spec to run. */
export function compileCustom(patterns: DetectorSpec['custom']): CompiledCustom[] {
  return patterns.map(({ name, source, flags, literal }) => ({
    name,
    global: new RegExp(source, flags),
    prefilter: literal === null ? null : { literal, sticky: new RegExp(source, flags + 'y') },
  }));
}

/** Runs the custom patterns on `text`, appending findings, until done or `deadline` (ms) passes. */
export function runCustom(
  text: string,
  patterns: readonly CompiledCustom[],
  deadline: number,
  out: RawFinding[],
): void {
  for (const p of patterns) {
    let finished: boolean;
    try {
      finished =
        p.prefilter !== null ? runAtLiterals(text, p, p.prefilter, deadline, out) : runChunked(text, p, deadline, out);
    } catch {
      // A regex can still throw at run time (V8's backtrack stack has a limit): findKeys must not.
      continue;
    }
    if (!finished) return;
  }
}

function push(out: RawFinding[], text: string, p: CompiledCustom, start: number, end: number): void {
  out.push({ start, end, key: text.slice(start, end), provider: 'custom', type: p.name, rule: `custom:${p.name}` });
}

/** Returns false when the budget ran out. */
function runAtLiterals(
  text: string,
  p: CompiledCustom,
  { literal, sticky }: { literal: string; sticky: RegExp },
  deadline: number,
  out: RawFinding[],
): boolean {
  let hits = 0;
  let hit = text.indexOf(literal);
  while (hit !== -1) {
    // performance.now() costs tens of ns: look at the clock every 64 candidates only.
    if ((++hits & 63) === 0 && performance.now() > deadline) return false;
    let next = hit + 1;
    const from = Math.max(0, hit - CONTEXT);
    const to = Math.min(text.length, hit + MAX_CUSTOM_MATCH + 1);
    sticky.lastIndex = hit - from;
    const m = sticky.exec(text.slice(from, to));
    if (m !== null && m[0].length > 0) {
      const end = hit + m[0].length;
      if (end < to || to === text.length) {
        push(out, text, p, hit, end);
        next = end;
      }
    }
    hit = text.indexOf(literal, next);
  }
  return true;
}

/** Returns false when the budget ran out. */
function runChunked(text: string, p: CompiledCustom, deadline: number, out: RawFinding[]): boolean {
  const re = p.global;
  let resumeAt = 0;
  for (let chunk = 0; chunk < text.length; chunk += CHUNK) {
    if (performance.now() > deadline) return false;
    const from = Math.max(0, chunk - CONTEXT);
    const to = Math.min(text.length, chunk + CHUNK + MAX_CUSTOM_MATCH);
    const window = text.slice(from, to);
    re.lastIndex = Math.max(chunk, resumeAt) - from;
    for (let m = re.exec(window); m !== null; m = re.exec(window)) {
      const start = from + m.index;
      if (start >= chunk + CHUNK) break; // the next chunk's business
      if (m[0].length === 0) {
        re.lastIndex++; // never loop on an empty match
        continue;
      }
      const end = start + m[0].length;
      // Too long, or perhaps cut by the window: either way past the documented maximum.
      if (m[0].length > MAX_CUSTOM_MATCH || (end === to && to < text.length)) continue;
      push(out, text, p, start, end);
      resumeAt = end;
    }
  }
  return true;
}

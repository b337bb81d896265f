import { AN, B64U, allIn, freeOnLeft, freeOnRight, isIn } from './chars';
import { isPlaceholderBody } from './placeholder';
import type { KeyFinding } from './types';

/**
 * Base64 of "OpenAI". Every known OpenAI secret key carries it between two random halves of equal
 * length, so the scanner looks for it first and reads the key around it.
 */
export const OPENAI_MARKER = 'T3BlbkFJ';

interface Shape {
  prefix: string;
  type: string;
  rule: string;
}

const shape = (prefix: string, type: string): Shape => ({ prefix, type, rule: `openai-${type}` });

/**
 * Long shapes: a fixed prefix, `half` b64u chars, the marker, `half` b64u chars. Listed longest
 * first so that a short shape hidden inside a long key's body never wins over the long key.
 */
const LONG_SHAPES: readonly { half: number; shapes: readonly Shape[] }[] = [
  {
    half: 74,
    shapes: [shape('sk-proj-', 'project'), shape('sk-svcacct-', 'service-account'), shape('sk-None-', 'none')],
  },
  { half: 58, shapes: [shape('sk-proj-', 'project'), shape('sk-admin-', 'admin')] },
  { half: 46, shapes: [shape('sk-svcacct-', 'service-account')] },
];

/** Short shapes: `sk-` [name `-`] + 20 an + marker + 20 an (legacy, early project, sk-None, named). */
const SHORT_HALF = 20;
const LEGACY = shape('sk-', 'legacy');
const PROJECT_EARLY = shape('sk-proj-', 'project-early');
const NONE = shape('sk-None-', 'none');
const SERVICE = shape('sk-service-', 'service');
/** Longest `<name>` accepted in `sk-<name>-` / `sk-service-<name>-`; bounds the look-back. */
const MAX_NAME = 64;
const DASH = 0x2d;
const S = 0x73;
/** Distance from the marker back to the dash that ends each prefix: half + 1. */
const DASH_OFFSETS: readonly number[] = [SHORT_HALF, ...LONG_SHAPES.map((s) => s.half)].map((half) => half + 1);

/**
 * Cheap necessary condition for a key around the marker at `m`: every prefix ends in `-`, so one of
 * these chars must be a dash. Lets a text made of markers be skipped at a few loads per marker.
 */
export function mayHaveKeyAround(text: string, m: number): boolean {
  // Guarded: charCodeAt out of range returns NaN, and V8 then leaves its fast path.
  for (let i = 0; i < DASH_OFFSETS.length; i++) {
    const at = m - DASH_OFFSETS[i]!;
    if (at >= 0 && text.charCodeAt(at) === DASH) return true;
  }
  return false;
}


/**
 * Reads the OpenAI key whose marker starts at `m` (the caller has checked the marker) and adds it to
 * `out`; returns its end, or -1 when there is none. Every check is bounded by the longest shape, so
 * each marker costs O(1); the first test of each shape is one char (every prefix ends in `-`), so a
 * text full of markers stays cheap.
 */
export function matchOpenAi(text: string, m: number, out: KeyFinding[]): number {
  const after = m + OPENAI_MARKER.length;
  for (let i = 0; i < LONG_SHAPES.length; i++) {
    const { half, shapes } = LONG_SHAPES[i]!;
    const bodyStart = m - half;
    const end = after + half;
    if (text.charCodeAt(bodyStart - 1) !== DASH || end > text.length) continue;
    for (let j = 0; j < shapes.length; j++) {
      const s = shapes[j]!;
      const start = bodyStart - s.prefix.length;
      if (start < 0 || !text.startsWith(s.prefix, start)) continue;
      if (!freeOnLeft(text, start) || !freeOnRight(text, end, B64U)) continue;
      if (!allIn(text, bodyStart, m, B64U) || !allIn(text, after, end, B64U)) continue;
      if (isPlaceholderBody(text, bodyStart, m) || isPlaceholderBody(text, after, end)) continue;
      return found(text, start, end, s, out);
    }
  }
  return matchShort(text, m, out);
}

function found(text: string, start: number, end: number, s: Shape, out: KeyFinding[]): number {
  out.push({ start, end, key: text.slice(start, end), provider: 'openai', type: s.type, rule: s.rule });
  return end;
}

function matchShort(text: string, m: number, out: KeyFinding[]): number {
  const bodyStart = m - SHORT_HALF;
  const after = m + OPENAI_MARKER.length;
  const end = after + SHORT_HALF;
  // The shortest prefix is `sk-`, so the body needs at least 3 chars before it.
  if (bodyStart < 3 || end > text.length || text.charCodeAt(bodyStart - 1) !== DASH) return -1;
  if (!freeOnRight(text, end, AN)) return -1;
  if (!allIn(text, bodyStart, m, AN) || !allIn(text, after, end, AN)) return -1;
  if (isPlaceholderBody(text, bodyStart, m) || isPlaceholderBody(text, after, end)) return -1;

  // Walk back over name chars, then take the leftmost `sk-` that is not glued to a word before it:
  // `sk-service-my-app-` is one named key, `task-` is no key at all.
  const nameEnd = bodyStart - 1;
  const limit = Math.max(0, nameEnd - 3 - MAX_NAME);
  let runStart = nameEnd;
  while (runStart > limit && isIn(text.charCodeAt(runStart - 1), B64U)) runStart--;
  for (let start = runStart; start <= nameEnd - 2; start++) {
    // start === nameEnd - 3 would be `sk--`: an empty name is no shape.
    if (start === nameEnd - 3 || text.charCodeAt(start) !== S || !text.startsWith('sk-', start)) continue;
    if (!freeOnLeft(text, start)) continue;
    return found(text, start, end, shortShape(text, start + 3, nameEnd), out);
  }
  return -1;
}

/** The short shape whose name is `text[from, to)` (empty when `to <= from`), read in place. */
function shortShape(text: string, from: number, to: number): Shape {
  if (to <= from) return LEGACY;
  if (to - from === 4 && text.startsWith('proj', from)) return PROJECT_EARLY;
  if (to - from === 4 && text.startsWith('None', from)) return NONE;
  // `sk-service-<name>-` and `sk-<name>-`: the 2024 named service keys.
  return SERVICE;
}

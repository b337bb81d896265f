import { isIn } from './chars';

/**
 * Keys broken across lines, as an email, a PDF or a narrow terminal breaks them. A break is a line
 * end (LF or CRLF) with any spaces or tabs around it (indentation), or one space, between two chars
 * of a key. Only rules whose shape makes a join safe read through breaks (see each provider's
 * `wrap`): the OpenAI marker with its equal halves, and fixed-length keys with a distinctive prefix.
 */

/** Most breaks read through in one key (a 170-char key in a 20-column box). */
export const MAX_BREAKS = 8;
/** Most spaces or tabs on each side of a line end. */
const MAX_INDENT = 40;

const SPACE = 0x20;
const TAB = 0x09;
const CR = 0x0d;
const LF = 0x0a;

const isBlank = (c: number): boolean => c === SPACE || c === TAB;

/** Whether the char code `c` may start (or end) a break: the cheap test before `skipBreak`. */
export const mayBreak = (c: number): boolean => c === SPACE || c === LF || c === CR || c === TAB;

/**
 * End of the break starting at `i` (the index of the next key char), or -1 when `text[i]` does not
 * start a break followed by a char of `cls`.
 */
export function skipBreak(text: string, i: number, cls: number): number {
  let j = i;
  const stop = Math.min(text.length, i + MAX_INDENT);
  while (j < stop && isBlank(text.charCodeAt(j))) j++;
  if (text.charCodeAt(j) === CR) j++;
  if (text.charCodeAt(j) === LF) {
    j++;
    const indentStop = Math.min(text.length, j + MAX_INDENT);
    while (j < indentStop && isBlank(text.charCodeAt(j))) j++;
  } else if (j !== i + 1 || text.charCodeAt(i) !== SPACE) {
    return -1; // blanks without a line end: only a single space counts
  }
  return isIn(text.charCodeAt(j), cls) ? j : -1;
}

/**
 * Start of the break that ends just before `i` (where a key char is), or -1 when `text[i - 1]` does
 * not end a break preceded by a char of `cls`. The mirror of `skipBreak`.
 */
export function skipBreakBack(text: string, i: number, cls: number): number {
  let j = i;
  const stop = Math.max(0, i - MAX_INDENT);
  while (j > stop && isBlank(text.charCodeAt(j - 1))) j--;
  if (text.charCodeAt(j - 1) === LF) {
    j--;
    if (text.charCodeAt(j - 1) === CR) j--;
    const indentStop = Math.max(0, j - MAX_INDENT);
    while (j > indentStop && isBlank(text.charCodeAt(j - 1))) j--;
  } else if (j !== i - 1 || text.charCodeAt(j) !== SPACE) {
    return -1;
  }
  return j > 0 && isIn(text.charCodeAt(j - 1), cls) ? j : -1;
}

/**
 * Reads `count` chars of `cls` from `from`, through at most MAX_BREAKS breaks; returns the index after
 * the last one, or -1 when the run ends first.
 */
export function readThroughBreaks(text: string, from: number, count: number, cls: number): number {
  let i = from;
  let left = count;
  let breaks = 0;
  while (left > 0) {
    if (i < text.length && isIn(text.charCodeAt(i), cls)) {
      i++;
      left--;
      continue;
    }
    if (breaks++ === MAX_BREAKS || !mayBreak(text.charCodeAt(i))) return -1;
    i = skipBreak(text, i, cls);
    if (i === -1) return -1;
  }
  return i;
}

/** `text[start, end)` without its breaks: the key as it was before it was wrapped. */
export function joinBroken(text: string, start: number, end: number): string {
  let key = '';
  let from = start;
  for (let i = start; i < end; i++) {
    if (!mayBreak(text.charCodeAt(i))) continue;
    key += text.slice(from, i);
    from = i + 1;
  }
  return key + text.slice(from, end);
}

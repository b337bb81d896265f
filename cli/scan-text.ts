import type { KeyFinding } from '../utils/detect/index';
import { createAllowChecker } from './allow';

/** A finding placed in its whole input: `start`/`end` count from the input's start, line and column are 1-based. */
export interface LocatedFinding extends KeyFinding {
  line: number;
  column: number;
  /** The finding's line carries an allow comment (`keyward:allow` and the like). */
  allowed: boolean;
}

/** Scans text that arrives in pieces; see {@link createTextScanner}. */
export interface TextScanner {
  /** Adds the next piece; `last` marks the end of the input. Returns the findings now settled, in order. */
  push(piece: string, last: boolean): LocatedFinding[];
  /**
   * Line feeds in the input, asked after its last piece: counted on from the last finding, where
   * placing the findings left off.
   */
  lineEnds(): number;
}

/** Tuning of the piecewise scan; the defaults suit every key shape KeyWard knows. */
export interface TextScannerOptions {
  /**
   * Text held back at the end of each pass and scanned again with the next piece. Must exceed
   * the longest key plus the right-hand context its rule looks at. Keys are under 400 units, but the
   * engine also finds keys with invisible characters between their characters, which stretches them.
   */
  overlap?: number;
  /** Text kept before the settled point, so a rule that checks the character before a key sees it. */
  context?: number;
}

/**
 * Creates a scanner that finds keys in input given as consecutive pieces, as if the input were one
 * string: a key that straddles two pieces is found once, with offsets, lines and columns counted
 * from the input's start (lines end at `\n`, so CRLF is one line end; columns in UTF-16 units).
 *
 * Each pass scans held-over text plus the new piece, and settles only findings that start before
 * the last `overlap` units; the rest is scanned again next time with what follows it.
 */
export function createTextScanner(
  findKeys: (text: string) => KeyFinding[],
  { overlap = 16_384, context = 1024 }: TextScannerOptions = {},
): TextScanner {
  let held = '';
  let heldStart = 0; // absolute position of held[0]
  let settledUpTo = 0; // findings starting before this were already returned
  let reportedEnd = 0; // end of the last finding returned
  let inputEnd = 0; // absolute position of the end of the input pushed so far
  const lines = createLineCounter();
  const allows = createAllowChecker();

  return {
    push(piece, last) {
      const text = held + piece;
      const textEnd = heldStart + text.length;
      inputEnd = textEnd;
      const settleBefore = last ? Infinity : textEnd - overlap;
      if (settleBefore <= settledUpTo) {
        held = text; // not enough new text for a pass yet
        return [];
      }
      const located: LocatedFinding[] = [];
      lines.startPass(text, heldStart);
      allows.startPass();
      for (const finding of findKeys(text)) {
        const start = heldStart + finding.start;
        // A match inside a key already reported is that key's tail seen without its head: skip it.
        if (start < settledUpTo || start < reportedEnd || start >= settleBefore) continue;
        const { line, column } = lines.locate(start);
        reportedEnd = heldStart + finding.end;
        // A literal of one fixed shape: a spread per finding cost ~2 µs each on a text dense with keys.
        const { key, provider, type, rule } = finding;
        const allowed = allows.lineAllows(text, finding.start, finding.end, line);
        located.push({ start, end: reportedEnd, key, provider, type, rule, line, column, allowed });
      }
      if (!last) {
        settledUpTo = settleBefore;
        const keepFrom = Math.max(heldStart, settleBefore - context);
        lines.advanceTo(keepFrom);
        held = text.slice(keepFrom - heldStart);
        heldStart = keepFrom;
      }
      return located;
    },
    lineEnds: () => lines.locate(inputEnd).line - 1,
  };
}

/**
 * Turns absolute positions into line and column, moving forward only. It remembers the next
 * newline it found, so many findings on one huge line do not rescan that line each time.
 */
function createLineCounter() {
  let text = '';
  let textStart = 0;
  let line = 1;
  let lineStart = 0; // absolute position where the current line starts
  let position = 0; // absolute position up to which newlines are counted
  let nextNewline = -1; // absolute position of the next newline at or after `position`, -1 if unknown

  function advanceTo(target: number): void {
    if (target <= position) return;
    for (;;) {
      if (nextNewline < position) {
        const found = text.indexOf('\n', position - textStart);
        nextNewline = found === -1 ? Infinity : textStart + found;
      }
      if (nextNewline >= target) break;
      line++;
      lineStart = nextNewline + 1;
      position = lineStart;
    }
    position = target;
  }

  return {
    /** Points the counter at the text of a new pass, which starts at absolute `start` (not after `position`). */
    startPass(passText: string, start: number): void {
      text = passText;
      textStart = start;
      nextNewline = -1; // a newline search in the previous pass did not see this pass's new text
    },
    advanceTo,
    locate(target: number): { line: number; column: number } {
      advanceTo(target);
      return { line, column: target - lineStart + 1 };
    },
  };
}

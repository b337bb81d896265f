import { markChecked } from './custom';
import { type CharSet, type Node, emptySet, intersects, parseRegex, union } from './regex-parse';

/** Longest custom pattern source accepted. */
export const MAX_CUSTOM_SOURCE_LENGTH = 500;

/** Result of {@link checkCustomPattern}. */
export type CustomPatternCheck = { ok: true; pattern: RegExp } | { ok: false; reason: string };

/**
 * Validates an organisation's token pattern before it is run on every text the user pastes.
 *
 * Rejects sources over 500 chars, sources that do not compile, patterns that match the empty
 * string, and shapes that can backtrack catastrophically. The shape check is static and
 * conservative: it refuses some safe patterns rather than let one slow pattern through.
 * - a repeated group that contains a variable quantifier: `(a+)+`, `(a*)*`, `(.*a){3}`, `(a?)+`;
 * - a repeated group whose alternatives can start with the same char: `(a|a)*`, `(a|ab)+`;
 * - two unbounded quantifiers that can share chars with nothing in between to separate them:
 *   `\w+\w+`, `.*x.*` (polynomial rather than exponential, but still minutes on a long line);
 * - backreferences, whose cost this check cannot bound.
 * Exact counts inside repeated groups are fine (`(?:-[a-z]{4})+`), and so are unbounded runs
 * separated by a char they cannot match (`[a-z]+_[a-z]+`).
 *
 * On success `pattern` is compiled with the given flags minus `y`, plus `g`, and is recorded as
 * checked: `createDetector` runs only patterns returned here (others land in `Detector.rejected`).
 */
export function checkCustomPattern(source: string, flags = ''): CustomPatternCheck {
  if (source.length > MAX_CUSTOM_SOURCE_LENGTH) {
    return { ok: false, reason: `pattern is longer than ${MAX_CUSTOM_SOURCE_LENGTH} characters` };
  }
  const cleanFlags = flags.replace(/[gy]/g, '');
  let pattern: RegExp;
  try {
    pattern = new RegExp(source, cleanFlags + 'g');
  } catch (error) {
    return { ok: false, reason: `pattern does not compile: ${(error as Error).message}` };
  }
  const reason = findRisk(parseRegex(source, cleanFlags), false);
  if (reason !== null) return { ok: false, reason };
  if (pattern.exec('')?.[0] === '') return { ok: false, reason: 'pattern matches the empty string' };
  pattern.lastIndex = 0;
  markChecked(pattern, source, pattern.flags, leadingLiteral(source, pattern.flags));
  return { ok: true, pattern };
}

/** Shortest literal worth an `indexOf` prefilter. */
const MIN_LITERAL = 3;

/** The literal text every match must start with, if it is at least MIN_LITERAL chars. */
function leadingLiteral(source: string, flags: string): string | null {
  if (flags.includes('i')) return null;
  const alternatives = parseRegex(source, flags);
  if (alternatives.length !== 1) return null;
  let literal = '';
  for (const node of alternatives[0]!) {
    if (node.kind === 'assertion') {
      if (literal === '') continue;
      break;
    }
    if (node.kind !== 'char' || node.min !== 1 || node.max !== 1 || node.set.other) break;
    const members: number[] = [];
    node.set.ascii.forEach((bit, code) => bit && members.push(code));
    if (members.length !== 1) break;
    literal += String.fromCharCode(members[0]!);
  }
  return literal.length >= MIN_LITERAL ? literal : null;
}

function findRisk(alternatives: Node[][], repeated: boolean): string | null {
  if (repeated && alternatives.length > 1 && startsOverlap(alternatives)) {
    return 'a repeated group has alternatives that can match the same text, like (a|ab)*';
  }
  for (const sequence of alternatives) {
    for (const node of sequence) {
      if (node.kind === 'backreference') return 'backreferences are not supported';
      if (node.kind !== 'group') continue;
      const repeats = node.max > 1;
      if (repeats && hasVariableQuantifier(node.alternatives)) {
        return 'a repeated group contains a quantifier, like (a+)+ or (.*a){3}';
      }
      const inner = findRisk(node.alternatives, repeats);
      if (inner !== null) return inner;
    }
    const split = findAmbiguousRuns(flatten(sequence));
    if (split !== null) return split;
  }
  return null;
}

function hasVariableQuantifier(alternatives: Node[][]): boolean {
  return alternatives.some((seq) =>
    seq.some((n) => n.min !== n.max || (n.kind === 'group' && hasVariableQuantifier(n.alternatives))),
  );
}

/** Whether two alternatives can begin with the same char (or one can begin with nothing). */
function startsOverlap(alternatives: Node[][]): boolean {
  const firsts = alternatives.map(firstSet);
  if (firsts.some((s) => s === null)) return true;
  for (let a = 0; a < firsts.length; a++) {
    for (let b = a + 1; b < firsts.length; b++) if (intersects(firsts[a]!, firsts[b]!)) return true;
  }
  return false;
}

function firstSet(sequence: Node[]): CharSet | null {
  const node = sequence[0];
  if (node === undefined || node.min === 0) return null;
  if (node.kind === 'char') return node.set;
  if (node.kind === 'group' && !node.lookaround) return setOf(node.alternatives);
  return null;
}

function setOf(alternatives: Node[][]): CharSet {
  let set = emptySet();
  for (const seq of alternatives) {
    for (const n of seq) {
      if (n.kind === 'char') set = union(set, n.set);
      else if (n.kind === 'group') set = union(set, setOf(n.alternatives));
    }
  }
  return set;
}

/** One element of a flattened sequence, for the ambiguity check. */
interface Run {
  set: CharSet;
  unbounded: boolean;
  /** Must match at least one char from `set`, which nothing in `set`'s complement can cross. */
  barrier: boolean;
}

/** Inlines plain groups; opaque groups become one run over all their chars; assertions vanish. */
function flatten(sequence: Node[]): Run[] {
  const runs: Run[] = [];
  for (const n of sequence) {
    if (n.kind === 'char') {
      runs.push({ set: n.set, unbounded: n.max === Infinity, barrier: n.min >= 1 });
    } else if (n.kind === 'group' && !n.lookaround) {
      if (n.min === 1 && n.max === 1 && n.alternatives.length === 1) {
        runs.push(...flatten(n.alternatives[0]!));
      } else {
        const unbounded = n.max === Infinity || containsUnbounded(n.alternatives);
        runs.push({ set: setOf(n.alternatives), unbounded, barrier: false });
      }
    }
  }
  return runs;
}

function containsUnbounded(alternatives: Node[][]): boolean {
  return alternatives.some((seq) =>
    seq.some((n) => n.max === Infinity || (n.kind === 'group' && containsUnbounded(n.alternatives))),
  );
}

function findAmbiguousRuns(runs: Run[]): string | null {
  for (let a = 0; a < runs.length; a++) {
    const first = runs[a]!;
    if (!first.unbounded) continue;
    for (let b = a + 1; b < runs.length; b++) {
      const later = runs[b]!;
      if (later.unbounded && intersects(first.set, later.set)) {
        return 'two unbounded quantifiers can split the same text, like \\w+\\w+ or .*x.*';
      }
      // A mandatory char the first run cannot match stops it: nothing after can be ambiguous with it.
      if (later.barrier && !intersects(first.set, later.set)) break;
    }
  }
  return null;
}

import { RegExpParser, visitRegExpAST, type AST } from '@eslint-community/regexpp';
import { getFirstConsumedChar } from 'regexp-ast-analysis';
import { analyse, type ParsedLiteral } from 'scslre';

/** Longest custom pattern source accepted. */
export const MAX_CUSTOM_SOURCE_LENGTH = 500;

/** Result of {@link checkCustomPattern}. */
export type CustomPatternCheck =
  | {
      ok: true;
      /** Compiled with the given flags minus `y`, plus `g`. */
      pattern: RegExp;
      /** The literal text (3+ chars) every match starts with, for an `indexOf` prefilter; null when there is none. */
      literal: string | null;
    }
  | { ok: false; reason: string };

/**
 * Validates an organisation's token pattern before it is run on every text the user pastes.
 *
 * Rejects sources over 500 chars, sources that do not compile, patterns that match the empty
 * string, backreferences (their cost cannot be bounded), and shapes that can backtrack
 * super-linearly. The verdict is scslre's (regexpp's AST, refa's automata): a repeated group whose
 * text can be split in many ways (`(a+)+`, `(\w+\s?)+$`: exponential) and two unbounded quantifiers
 * that can share the same text (`\w+\w+`, `.*x.*y`: polynomial), assuming, as a scanner must, that
 * the text after a match can always make it fail. scslre misses one exponential shape, a repeated
 * group whose alternatives can begin with the same character (`(a|a)*`); that is checked here, as
 * conservatively as before (`(a|ab)+` is refused too). A pattern's cost from one start position to
 * the next (`[a-z]+X` on a long run of letters) is bounded by the engine's windows and time budget
 * instead (custom.ts).
 */
export function checkCustomPattern(source: string, flags = ''): CustomPatternCheck {
  if (source.length > MAX_CUSTOM_SOURCE_LENGTH) {
    return { ok: false, reason: `pattern is longer than ${MAX_CUSTOM_SOURCE_LENGTH} characters` };
  }
  const cleanFlags = flags.replace(/[gy]/g, '');
  let pattern: RegExp;
  let literal: ParsedLiteral;
  try {
    pattern = new RegExp(source, cleanFlags + 'g');
    const parser = new RegExpParser();
    const parsedFlags = parser.parseFlags(pattern.flags);
    literal = { pattern: parser.parsePattern(source, 0, source.length, parsedFlags), flags: parsedFlags };
  } catch (error) {
    return { ok: false, reason: `pattern does not compile: ${(error as Error).message}` };
  }
  const reason = findRisk(literal);
  if (reason !== null) return { ok: false, reason };
  if (pattern.exec('')?.[0] === '') return { ok: false, reason: 'pattern matches the empty string' };
  pattern.lastIndex = 0;
  return { ok: true, pattern, literal: leadingLiteral(literal) };
}

const EXPONENTIAL = 'a repeated group can split the same text in many ways, like (a+)+ or (.*a){3}';
const OVERLAPPING = 'a repeated group has alternatives that can match the same text, like (a|ab)*';
const POLYNOMIAL = 'two unbounded quantifiers can split the same text, like \\w+\\w+ or .*x.*';

function findRisk(literal: ParsedLiteral): string | null {
  let reason: string | null = null;
  visitRegExpAST(literal.pattern, {
    onBackreferenceEnter() {
      reason ??= 'backreferences are not supported';
    },
    onQuantifierEnter(node) {
      if (reason !== null || node.max <= 1 || node.element.type !== 'Group' && node.element.type !== 'CapturingGroup') return;
      const alternatives = node.element.alternatives;
      if (alternatives.length > 1 && startsOverlap(alternatives, literal.flags)) reason = OVERLAPPING;
    },
  });
  if (reason !== null) return reason;
  const report = analyse(literal, { reportTypes: { Move: false }, assumeRejectingSuffix: true, maxReports: 1 }).reports[0];
  if (report === undefined) return null;
  return report.exponential || report.type === 'Self' ? EXPONENTIAL : POLYNOMIAL;
}

/** Whether two alternatives can begin with the same character (or one with nothing). */
function startsOverlap(alternatives: readonly AST.Alternative[], flags: AST.Flags): boolean {
  const firsts = alternatives.map((alternative) => getFirstConsumedChar(alternative, 'ltr', flags));
  if (firsts.some((first) => first.empty)) return true;
  for (let a = 0; a < firsts.length; a++) {
    for (let b = a + 1; b < firsts.length; b++) if (!firsts[a]!.char.isDisjointWith(firsts[b]!.char)) return true;
  }
  return false;
}

/** Shortest literal worth an `indexOf` prefilter. */
const MIN_LITERAL = 3;

/** The literal text every match must start with, if it is at least MIN_LITERAL chars (after `^` or `\b`). */
function leadingLiteral(literal: ParsedLiteral): string | null {
  const { alternatives } = literal.pattern;
  if (literal.flags.ignoreCase || alternatives.length !== 1) return null;
  let text = '';
  for (const element of alternatives[0]!.elements) {
    if (element.type === 'Assertion' && text === '' && (element.kind === 'start' || element.kind === 'word')) continue;
    if (element.type !== 'Character') break;
    text += String.fromCodePoint(element.value);
  }
  return text.length >= MIN_LITERAL ? text : null;
}

import { DEFAULT_CUSTOM_BUDGET_MS, type CompiledCustom } from '../detect/custom';
import { scanText } from '../detect/scan-text';
import { PREFIX_RULES } from '../detect/rules';
import { createScanner } from '../detect/scan';
import type { DetectOptions, KeyFinding } from '../detect/types';

/**
 * The engine's detector, assembled for the content script from the engine's own parts (rules,
 * scanner, custom-pattern runner) but without its custom-pattern safety checker and regex parser
 * (~5.5 KB of the content script's 80 KiB budget). That check has already run: the content script
 * only gets custom patterns the background accepted (utils/policy computes the effective settings
 * with `checkCustomPattern`). A unit test holds this detector to `createDetector`'s findings.
 */
export function createGuardDetector(options: DetectOptions = {}): { findKeys(text: string): KeyFinding[] } {
  const enabled = (id: string): boolean => options.providers?.[id as keyof typeof options.providers] !== false;
  const scanner = createScanner(
    PREFIX_RULES.filter((r) => enabled(r.provider)),
    enabled('openai'),
  );
  const custom = (options.custom ?? []).map(({ name, pattern }): CompiledCustom => {
    const flags = pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`;
    const literal = leadingLiteral(pattern.source, flags);
    return { name, global: new RegExp(pattern.source, flags), prefilter: literal === null ? null : { literal, sticky: new RegExp(pattern.source, `${flags}y`) } };
  });
  const budgetMs = options.customBudgetMs ?? DEFAULT_CUSTOM_BUDGET_MS;
  return {
    findKeys: (text) => (typeof text !== 'string' || text.length === 0 ? [] : scanText(text, scanner, custom, budgetMs)),
  };
}

/**
 * The literal text every match of a pattern starts with (3+ chars), used as an `indexOf` prefilter;
 * null when unsure (case-insensitive, alternation, a quantified or special first part). Conservative:
 * a shorter or missing literal only makes the scan slower, never misses a match.
 */
export function leadingLiteral(source: string, flags: string): string | null {
  if (flags.includes('i') || /(^|[^\\])\|/.test(source)) return null;
  let src = source;
  while (src.startsWith('^') || src.startsWith('\\b')) src = src.slice(src.startsWith('^') ? 1 : 2);
  let literal = '';
  for (let i = 0; i < src.length; ) {
    let ch = src[i]!;
    let length = 1;
    if (ch === '\\') {
      const next = src[i + 1];
      // \d, \w, \b, \u… and friends are not literals; an escaped punctuation mark is.
      if (next === undefined || /[A-Za-z0-9]/.test(next)) break;
      ch = next;
      length = 2;
    } else if (!/[A-Za-z0-9_\-:=/@#%&!~,;'"<> ]/.test(ch)) break;
    if (/[?*+{]/.test(src[i + length] ?? '')) break;
    literal += ch;
    i += length;
  }
  return literal.length >= 3 ? literal : null;
}

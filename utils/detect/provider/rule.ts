import { AN, B64U, BASE32_UPPER, HEX_LOWER, LETTER, WORD } from '../chars';
import type { ProviderId } from '../types';

/**
 * A provider rule that starts with a literal prefix. OpenAI has none: its keys are found from the
 * `T3BlbkFJ` marker in the middle (see `../openai.ts`).
 */
export interface PrefixRule {
  /** Stable rule id reported in findings, e.g. `'github-pat'`. */
  id: string;
  provider: ProviderId;
  type: string;
  /** Literal the key starts with. */
  prefix: string;
  /**
   * Sticky regex for the whole key, prefix included: the rule's definition. The scanner reads keys
   * through `body` or `matchBody` instead (no regex call per key); the property tests hold both to
   * this. Every quantifier is bounded, so a match attempt costs at most the key's maximum length.
   */
  pattern: RegExp;
  /** Chars that, right after the key, make it part of a longer token (then it is not reported). */
  glue: number;
  /** Extra placeholder check beyond `isPlaceholderBody` (AWS documents keys ending in `EXAMPLE`). */
  isExample?: (key: string) => boolean;
  /**
   * The same body as `pattern` in a form the scanner matches with a table loop instead of a regex
   * call: `min` to `max` chars of the char class `cls` (a flag of chars.ts), then the literal `tail`.
   * Greedy without backtracking, so only given where that is exact: nothing variable follows the
   * run (`tail` only with `min === max`). Rules without it (Slack) give a `matchBody`.
   */
  body?: { cls: number; min: number; max: number; tail: string };
  /**
   * For a body `body` cannot express (Slack's groups of digits): a hand-written reader of the body
   * at `from`, returning the end the sticky `pattern` matches to (or -1), so that the scanner makes
   * no regex call per key (a call costs as much as reading a whole key, and a text dense with Slack
   * tokens makes one per token). Checked against `pattern` by the property tests.
   */
  matchBody?: (text: string, from: number) => number;
  /**
   * Whether the key is also read across line breaks (see wrap.ts). Only for fixed-length bodies (of
   * 40+ chars) behind a prefix that ordinary text does not hold, where two unrelated runs of text
   * are very unlikely to sum to the exact length.
   */
  wrap?: boolean;
}

/** Regex classes for rule bodies. */
export const b64u = '[A-Za-z0-9_-]';
export const an = '[A-Za-z0-9]';

/** The regex classes used in bodies, and their chars.ts flags. */
const CLASS_FLAGS: Record<string, number> = {
  [b64u]: B64U,
  [an]: AN,
  '[A-Za-z]': LETTER,
  '[0-9a-f]': HEX_LOWER,
  '[A-Z2-7]': BASE32_UPPER,
  '[A-Za-z0-9_]': WORD,
};

/** Reads `class{n}` / `class{min,max}` [+ literal tail] from a body source; undefined otherwise. */
function simpleBody(body: string): PrefixRule['body'] {
  const m = /^(\[[^\]]+\])\{(\d+)(?:,(\d+))?\}([A-Za-z0-9]*)$/.exec(body);
  const cls = m === null ? undefined : CLASS_FLAGS[m[1]!];
  if (m === null || cls === undefined) return undefined;
  const min = Number(m[2]);
  const max = m[3] === undefined ? min : Number(m[3]);
  const tail = m[4]!;
  // A tail after a variable run would need backtracking: leave that to the regex.
  if (tail !== '' && min !== max) return undefined;
  return { cls, min, max, tail };
}

/**
 * A prefix rule: the key is `prefix` then `body` (a regex source with bounded quantifiers), and `glue` chars may not follow it.
 * Its regex and table form are made when a detector first reads them, not as the module loads: the
 * content script loads every rule on every guarded page (about 0.25 ms of its start), most pages never scan.
 */
export function rule(
  id: string,
  provider: ProviderId,
  type: string,
  prefix: string,
  body: string,
  glue: number,
  extra: Pick<PrefixRule, 'isExample' | 'wrap' | 'matchBody'> = {},
): PrefixRule {
  let made: Pick<PrefixRule, 'pattern' | 'body'> | undefined;
  const make = () => {
    if (made) return made;
    const simple = simpleBody(body);
    if (extra.wrap === true && (simple === undefined || simple.min !== simple.max || simple.tail !== '')) {
      throw new Error(`rule ${id}: only a fixed-length body without a tail can be read across breaks`);
    }
    if (simple === undefined && extra.matchBody === undefined) throw new Error(`rule ${id}: a body the scanner cannot read needs a matchBody`);
    const literal = prefix.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    made = { pattern: new RegExp(literal + body, 'y'), body: simple };
    return made;
  };
  return {
    id,
    provider,
    type,
    prefix,
    glue,
    ...extra,
    get pattern() {
      return make().pattern;
    },
    get body() {
      return make().body;
    },
  };
}

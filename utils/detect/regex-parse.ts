/**
 * A small parser for JavaScript regex sources, just precise enough for `checkCustomPattern` to reason
 * about backtracking: it yields the structure (sequences, groups, quantifiers) and, for each single
 * char matcher, the set of chars it accepts. Anything it cannot read exactly it over-approximates
 * (a wider char set), which can only make the check stricter. Call it on sources that compile.
 */

/** A set of UTF-16 code units: exact over ASCII, one flag for all the rest. */
export interface CharSet {
  ascii: Uint8Array;
  other: boolean;
}

export interface Quantity {
  min: number;
  /** `Infinity` for `*`, `+`, `{n,}`. */
  max: number;
}

export type Node =
  | ({ kind: 'char'; set: CharSet } & Quantity)
  | ({ kind: 'group'; alternatives: Node[][]; lookaround: boolean } & Quantity)
  | ({ kind: 'backreference' } & Quantity)
  | ({ kind: 'assertion' } & Quantity);

export function emptySet(): CharSet {
  return { ascii: new Uint8Array(128), other: false };
}

export function anySet(): CharSet {
  return { ascii: new Uint8Array(128).fill(1), other: true };
}

export function union(a: CharSet, b: CharSet): CharSet {
  const ascii = new Uint8Array(128);
  for (let i = 0; i < 128; i++) ascii[i] = a.ascii[i]! | b.ascii[i]!;
  return { ascii, other: a.other || b.other };
}

export function intersects(a: CharSet, b: CharSet): boolean {
  if (a.other && b.other) return true;
  for (let i = 0; i < 128; i++) if (a.ascii[i]! & b.ascii[i]!) return true;
  return false;
}

function complement(a: CharSet): CharSet {
  const ascii = new Uint8Array(128);
  for (let i = 0; i < 128; i++) ascii[i] = a.ascii[i]! ^ 1;
  return { ascii, other: true };
}

function rangeSet(lo: number, hi: number, ignoreCase: boolean): CharSet {
  const set = emptySet();
  for (let c = lo; c <= hi; c++) {
    if (c >= 128) {
      set.other = true;
      break;
    }
    set.ascii[c] = 1;
    if (ignoreCase) {
      const ch = String.fromCharCode(c);
      set.ascii[ch.toLowerCase().charCodeAt(0)] = 1;
      set.ascii[ch.toUpperCase().charCodeAt(0)] = 1;
    }
  }
  // Case folding can map non-ASCII chars onto ASCII ones (U+212A KELVIN SIGN is k).
  if (ignoreCase) set.other = true;
  return set;
}

function classOf(pattern: RegExp): CharSet {
  const set = emptySet();
  for (let c = 0; c < 128; c++) if (pattern.test(String.fromCharCode(c))) set.ascii[c] = 1;
  set.other = true;
  return set;
}

const DIGIT = classOf(/\d/);
const WORD = classOf(/\w/);
const SPACE = classOf(/\s/);
const ESCAPED_CONTROL: Record<string, number> = { t: 9, n: 10, v: 11, f: 12, r: 13, '0': 0 };

/** Parses `source` (which must compile with `flags`) into alternatives of node sequences. */
export function parseRegex(source: string, flags: string): Node[][] {
  let ignoreCase = flags.includes('i');
  const unicodeSets = flags.includes('v');
  let i = 0;

  const one = (): Quantity => ({ min: 1, max: 1 });
  /** Moves past the next `ch`, or to the end: never backwards, so parsing always terminates. */
  const skipPast = (ch: string): void => {
    const at = source.indexOf(ch, i);
    i = at === -1 ? source.length : at + 1;
  };

  function alternatives(): Node[][] {
    const alts: Node[][] = [sequence()];
    while (source[i] === '|') {
      i++;
      alts.push(sequence());
    }
    return alts;
  }

  function sequence(): Node[] {
    const nodes: Node[] = [];
    while (i < source.length && source[i] !== '|' && source[i] !== ')') {
      const node = atom();
      const q = quantifier();
      if (q !== null) {
        node.min = q.min;
        node.max = q.max;
      }
      nodes.push(node);
    }
    return nodes;
  }

  function quantifier(): Quantity | null {
    let q: Quantity | null = null;
    const ch = source[i];
    if (ch === '*') q = { min: 0, max: Infinity };
    else if (ch === '+') q = { min: 1, max: Infinity };
    else if (ch === '?') q = { min: 0, max: 1 };
    else if (ch === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
      if (m === null) return null;
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      i += m[0].length - 1;
      q = { min, max };
    }
    if (q === null) return null;
    i++;
    if (source[i] === '?') i++; // lazy: same backtracking shape
    return q;
  }

  function atom(): Node {
    const ch = source[i]!;
    if (ch === '(') return group();
    if (ch === '[') return { kind: 'char', set: charClass(), ...one() };
    i++;
    if (ch === '.') return { kind: 'char', set: anySet(), ...one() };
    if (ch === '^' || ch === '$') return { kind: 'assertion', ...one() };
    if (ch === '\\') return escape();
    const code = ch.charCodeAt(0);
    return { kind: 'char', set: rangeSet(code, code, ignoreCase), ...one() };
  }

  function group(): Node {
    i++; // (
    let lookaround = false;
    if (source.startsWith('?=', i) || source.startsWith('?!', i)) {
      lookaround = true;
      i += 2;
    } else if (source.startsWith('?<=', i) || source.startsWith('?<!', i)) {
      lookaround = true;
      i += 3;
    } else if (source.startsWith('?<', i)) {
      skipPast('>');
    }
    const outerIgnoreCase = ignoreCase;
    if (source[i] === '?') {
      // (?:...) and modifier groups like (?i:...), which may switch case folding on inside.
      const colon = source.indexOf(':', i);
      if (/^\?[a-z]*i/.test(source.slice(i, colon))) ignoreCase = true;
      skipPast(':');
    }
    const alts = alternatives();
    ignoreCase = outerIgnoreCase;
    i++; // )
    return { kind: 'group', alternatives: alts, lookaround, ...one() };
  }

  function escape(): Node {
    const ch = source[i] ?? '\\';
    i++;
    if (ch === 'b' || ch === 'B') return { kind: 'assertion', ...one() };
    if (/[1-9]/.test(ch)) {
      while (/[0-9]/.test(source[i] ?? '')) i++;
      return { kind: 'backreference', ...one() };
    }
    if (ch === 'k' && source[i] === '<') {
      skipPast('>');
      return { kind: 'backreference', ...one() };
    }
    return { kind: 'char', set: escapedSet(ch), ...one() };
  }

  /** The set of an escape whose letter was just consumed (shared by classes and atoms). */
  function escapedSet(ch: string): CharSet {
    switch (ch) {
      case 'd':
        return DIGIT;
      case 'D':
        return complement(DIGIT);
      case 'w':
        return WORD;
      case 'W':
        return complement(WORD);
      case 's':
        return SPACE;
      case 'S':
        return complement(SPACE);
      case 'x':
      case 'u':
      case 'c':
      case 'p':
      case 'P':
        // Code-point escapes and property classes: skip their operand, assume any char.
        if (source[i] === '{') skipPast('}');
        else if (ch === 'x') i += 2;
        else if (ch === 'u') i += 4;
        else if (ch === 'c') i += 1;
        return anySet();
      default: {
        const code = ESCAPED_CONTROL[ch] ?? ch.charCodeAt(0);
        return rangeSet(code, code, ignoreCase);
      }
    }
  }

  function charClass(): CharSet {
    i++; // [
    const negated = source[i] === '^';
    if (negated) i++;
    if (unicodeSets) {
      // v-mode classes nest and have set operations: skip to the matching bracket, assume any char.
      for (let depth = 1; depth > 0 && i < source.length; i++) {
        if (source[i] === '\\') i++;
        else if (source[i] === '[') depth++;
        else if (source[i] === ']') depth--;
      }
      return anySet();
    }
    let set = emptySet();
    while (i < source.length && source[i] !== ']') {
      const lo = classChar();
      if (lo.single !== null && source[i] === '-' && source[i + 1] !== ']' && i + 1 < source.length) {
        i++;
        const hi = classChar();
        set = union(set, hi.single !== null ? rangeSet(lo.single, hi.single, ignoreCase) : anySet());
      } else {
        set = union(set, lo.set);
      }
    }
    i++; // ]
    return negated ? complement(set) : set;
  }

  /** One class member: a single code (which may start a range) or a class escape. */
  function classChar(): { single: number | null; set: CharSet } {
    const ch = source[i]!;
    i++;
    if (ch !== '\\') {
      const code = ch.charCodeAt(0);
      return { single: code, set: rangeSet(code, code, ignoreCase) };
    }
    const esc = source[i] ?? '\\';
    i++;
    if (esc === 'b') return { single: 8, set: rangeSet(8, 8, false) };
    if (/[dDwWsSxucpP]/.test(esc)) return { single: null, set: escapedSet(esc) };
    const code = ESCAPED_CONTROL[esc] ?? esc.charCodeAt(0);
    return { single: code, set: rangeSet(code, code, ignoreCase) };
  }

  return alternatives();
}

import { redact } from './redact';
import type { KeyFinding } from './types';

/**
 * Returns `text` with each finding's original span (invisible chars included) replaced, by default
 * with `redact(f.key)`. Findings may come in any order; one overlapping an earlier one is skipped.
 */
export function replaceKeys(
  text: string,
  findings: readonly KeyFinding[],
  replacement: (f: KeyFinding) => string = (f) => redact(f.key),
): string {
  const ordered = [...findings].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const f of ordered) {
    if (f.start < at || f.end > text.length) continue;
    out += text.slice(at, f.start) + replacement(f);
    at = f.end;
  }
  return out + text.slice(at);
}

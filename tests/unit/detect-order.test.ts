import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderAndDropOverlaps, type RawFinding } from '../../utils/detect/scan';

/** The rule as stated: stable sort by start, longest first on ties, then keep what does not overlap. */
function reference(findings: readonly RawFinding[]): RawFinding[] {
  const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: RawFinding[] = [];
  for (const f of sorted) if (kept.length === 0 || f.start >= kept[kept.length - 1]!.end) kept.push(f);
  return kept;
}

const finding = (start: number, length: number, rule: string): RawFinding => ({
  start,
  end: start + length,
  key: 'k',
  provider: 'openai',
  type: 'legacy',
  rule,
});

/**
 * Findings the way the scan appends them: one ascending run per pass (`runs` of them, so both the
 * merge and, past 16 runs, the sort are taken), starts close enough to overlap and tie often. Never
 * empty: no rule or custom pattern reports an empty match.
 */
const passes = (maxRuns: number) =>
  fc
    .array(fc.array(fc.tuple(fc.nat(60), fc.integer({ min: 1, max: 12 })), { maxLength: 15 }), { maxLength: maxRuns })
    .map((runs) =>
      runs.flatMap((run, r) => {
        const starts = run.map(([s]) => s).sort((a, b) => a - b);
        return starts.map((s, i) => finding(s, run[i]![1], `pass-${r}-${i}`));
      }),
    );

describe('orderAndDropOverlaps', () => {
  it.each([
    ['a few passes (merged)', 8],
    ['more passes than are merged (sorted)', 30],
  ])('agrees with a stable sort and a greedy pick: %s', (_name, maxRuns) => {
    fc.assert(
      fc.property(passes(maxRuns), (findings) => {
        const expected = reference(findings).map((f) => f.rule);
        expect(orderAndDropOverlaps([...findings]).map((f) => f.rule)).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps the longest of findings that share a start, whichever pass found it first', () => {
    const findings = [finding(5, 10, 'short'), finding(20, 5, 'later'), finding(5, 30, 'long'), finding(5, 30, 'long-too')];
    expect(orderAndDropOverlaps(findings).map((f) => f.rule)).toEqual(['long']);
  });
});

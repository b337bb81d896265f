// Printing helpers: Markdown tables (pasted as is into docs/benchmarks.md) and target lines.
import { loadavg } from 'node:os';

/**
 * @param {number} n
 * @param {number} [digits]
 */
export const fmt = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

/**
 * Prints a Markdown table followed by a blank line.
 * @param {string[]} header
 * @param {Array<Array<string | number>>} rows
 */
export function table(header, rows) {
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => '---').join('|')}|`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  console.log();
}

/** Collects ✓/✗ lines, printed together at the end. */
export function createTargets() {
  /** @type {string[]} */
  const lines = [];
  return {
    /** @param {boolean} ok @param {string} text */
    check(ok, text) {
      lines.push(`- ${ok ? '✓' : '✗'} ${text}`);
    },
    print() {
      for (const line of lines) console.log(line);
    },
  };
}

/** The 1, 5 and 15 minute load averages, formatted. */
export function loadAverage() {
  return loadavg().map((l) => l.toFixed(2)).join(' ');
}

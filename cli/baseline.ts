import { readFileSync } from 'node:fs';
import { normalize } from 'node:path';

/** Findings a team has already accepted, from a previous `keyward scan --json` output. */
export interface Baseline {
  has(path: string, fingerprint: string): boolean;
}

/** The identity of a finding across runs: where it is and which key, not the line (code moves). */
const keyOf = (path: string, fingerprint: string) => `${normalize(path)}\0${fingerprint}`;

/** Reads a baseline file: JSON Lines with at least `path` and `fingerprint`; throws on anything else. */
export function loadBaseline(file: string): Baseline {
  const known = new Set<string>();
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch {
      throw new Error(`line ${index + 1} is not JSON (expected the output of keyward scan --json)`);
    }
    const { path, fingerprint } = (entry ?? {}) as { path?: unknown; fingerprint?: unknown };
    if (typeof path !== 'string' || typeof fingerprint !== 'string') throw new Error(`line ${index + 1} has no path and fingerprint`);
    known.add(keyOf(path, fingerprint));
  });
  return { has: (path, fingerprint) => known.has(keyOf(path, fingerprint)) };
}

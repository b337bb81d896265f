/**
 * Comments that mark a line's key as deliberate (a test fixture, a revoked key kept in a doc): ours,
 * and those of gitleaks, betterleaks, trufflehog and detect-secrets, so a repository that already
 * carries them needs no second set.
 */
export const ALLOW_MARKERS = ['keyward:allow', 'gitleaks:allow', 'betterleaks:allow', 'trufflehog:ignore', 'pragma: allowlist secret'] as const;

/**
 * Answers "does this finding's line carry an allow marker?", once per line: a minified file can
 * hold thousands of findings on one line, which must not be searched again for each.
 */
export function createAllowChecker() {
  let cachedLine = -1;
  let cachedAnswer = false;
  return {
    /** Forgets the cached line: a new pass may see more of it than the last one did. */
    startPass(): void {
      cachedLine = -1;
    },
    /** `start`/`end`: the finding's bounds in `text`; `line`: its line number, the cache key. */
    lineAllows(text: string, start: number, end: number, line: number): boolean {
      if (line === cachedLine) return cachedAnswer;
      const lineStart = text.lastIndexOf('\n', start - 1) + 1;
      let lineEnd = text.indexOf('\n', end);
      if (lineEnd === -1) lineEnd = text.length;
      cachedLine = line;
      // Searched within the line only: a search to the end of the text for each line would be quadratic.
      const lineText = text.slice(lineStart, lineEnd);
      cachedAnswer = ALLOW_MARKERS.some((marker) => lineText.includes(marker));
      return cachedAnswer;
    },
  };
}

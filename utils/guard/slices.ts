import type { KeyFinding } from '../detect/types';

/**
 * Characters scanned at a time in a big text. A slice dense with keys (about 1,500 of them) is
 * scanned in a few tens of ms, so a paste of 16 MB of keys never holds the page for long.
 */
export const SLICE = 256 * 1024;
/** Read past a slice's end, so a key that starts in the slice is found whole (keys are far shorter). */
const OVERLAP = 1024;

/**
 * The keys of a text slice by slice (offsets in the whole text), each slice cut after a line break
 * where there is one. A generator: the caller scans as many slices as it needs now (to decide on an
 * event) and the rest later, between tasks.
 */
export function* sliceFindings(text: string, findKeys: (text: string) => KeyFinding[]): Generator<KeyFinding[], void, void> {
  let at = 0;
  while (at < text.length) {
    let end = Math.min(text.length, at + SLICE);
    if (end < text.length) {
      const lineEnd = text.lastIndexOf('\n', end);
      if (lineEnd > at + SLICE / 2) end = lineEnd + 1;
    }
    const windowEnd = Math.min(text.length, end + OVERLAP);
    const found: KeyFinding[] = [];
    let next = end;
    for (const f of findKeys(text.slice(at, windowEnd))) {
      // A key that starts past the slice's end is the next slice's.
      if (at + f.start >= end) continue;
      found.push({ ...f, start: at + f.start, end: at + f.end });
      next = Math.max(next, at + f.end);
    }
    yield found;
    at = next;
  }
}

import { DESCRIPTORS } from './provider';

/**
 * Type prefixes kept visible by `redact`: every rule's prefix and OpenAI's key kinds, from the
 * providers' descriptors, longest first so `sk-proj-` wins over `sk-`. They tell the user which key
 * it was without revealing any of its secret body. Listed at the first redaction, not as the content
 * script loads.
 */
let visiblePrefixes: readonly string[] | undefined;
const visible = () =>
  (visiblePrefixes ??= [...new Set(DESCRIPTORS.flatMap((d) => [...(d.visiblePrefixes ?? []), ...d.rules.map((r) => r.prefix)]))].sort((a, b) => b.length - a.length));

const ELLIPSIS = '\u2026';
const TAIL = 4;

/**
 * A short, safe label for a key: its type prefix, `…`, and its last 4 chars, e.g. `sk-proj-…Ab3d`.
 * A key without a known prefix keeps its first min(4, len/4) chars instead. Never shows more than
 * the prefix plus 4 chars of the secret body; for keys under 16 chars the tail shrinks to len/4 as
 * well, so a short custom token is never mostly revealed. The result is never itself a key.
 */
export function redact(key: string): string {
  const tail = Math.min(TAIL, Math.floor(key.length / 4));
  const prefix = visible().find((p) => key.startsWith(p) && key.length >= p.length + 2 * TAIL);
  const head = prefix ?? key.slice(0, tail);
  return head + ELLIPSIS + (prefix === undefined ? key.slice(key.length - tail) : key.slice(-TAIL));
}

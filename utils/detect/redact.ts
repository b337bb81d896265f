/**
 * Type prefixes kept visible by `redact`, longest first so `sk-proj-` wins over `sk-`. They tell the
 * user which key it was without revealing any of its secret body.
 */
const VISIBLE_PREFIXES: readonly string[] = [
  'hooks.slack.com/services/',
  'sk-ant-admin01-',
  'sk-ant-oat01-',
  'sk-ant-ort01-',
  'xoxe.xoxp-',
  'xoxe.xoxb-',
  'sk-ant-api03-',
  'github_pat_',
  'sk-svcacct-',
  'sk-service-',
  'sk-or-v1-',
  'sk-admin-',
  'sk-proj-',
  'sk-None-',
  'sk_live_',
  'sk_test_',
  'rk_live_',
  'rk_test_',
  'pplx-',
  'xoxb-',
  'xoxp-',
  'xoxe-',
  'xoxc-',
  'xoxd-',
  'xoxs-',
  'xoxo-',
  'xoxa-',
  'xoxr-',
  'AIza',
  'AKIA',
  'ASIA',
  'ABIA',
  'ACCA',
  'gsk_',
  'xai-',
  'ghp_',
  'gho_',
  'ghu_',
  'ghs_',
  'ghr_',
  'hf_',
  'r8_',
  'sk-',
];

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
  const prefix = VISIBLE_PREFIXES.find((p) => key.startsWith(p) && key.length >= p.length + 2 * TAIL);
  const head = prefix ?? key.slice(0, Math.min(TAIL, Math.floor(key.length / 4)));
  return head + ELLIPSIS + (prefix === undefined ? key.slice(key.length - tail) : key.slice(-TAIL));
}

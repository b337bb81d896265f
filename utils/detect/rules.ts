import { AN, B64U, BASE32_UPPER, COOKIE, HEX_LOWER, LETTER, WORD } from './chars';
import type { ProviderId } from './types';

/**
 * A provider rule that starts with a literal prefix. OpenAI is not here: its keys are found from the
 * `T3BlbkFJ` marker in the middle (see `openai.ts`).
 */
export interface PrefixRule {
  /** Stable rule id reported in findings, e.g. `'github-pat'`. */
  id: string;
  provider: ProviderId;
  type: string;
  /** Literal the key starts with. */
  prefix: string;
  /**
   * Sticky regex for the whole key, prefix included. Every quantifier is bounded, so a match attempt
   * costs at most the key's maximum length and the scan stays linear.
   */
  pattern: RegExp;
  /** Chars that, right after the key, make it part of a longer token (then it is not reported). */
  glue: number;
  /** Extra placeholder check beyond `isPlaceholderBody` (AWS documents keys ending in `EXAMPLE`). */
  isExample?: (key: string) => boolean;
  /**
   * A literal the key ends with, for fixed-length keys: the prefilter may find the key by its end
   * when that is cheaper (Anthropic keys end in `AA`, which the `A` pass already looks at).
   */
  suffix?: { text: string; keyLength: number };
  /**
   * The same body as `pattern` in a form the scanner matches with a table loop instead of a regex
   * call: `min` to `max` chars of the char class `cls` (a flag of chars.ts), then the literal `tail`.
   * Greedy without backtracking, so only given where that is exact: nothing variable follows the
   * run (`tail` only with `min === max`). Rules without it (Slack) are matched with `pattern`.
   */
  body?: { cls: number; min: number; max: number; tail: string };
  /**
   * Whether the key is also read across line breaks (see wrap.ts). Only for fixed-length bodies (of
   * 40+ chars) behind a prefix that ordinary text does not hold, where two unrelated runs of text
   * are very unlikely to sum to the exact length.
   */
  wrap?: boolean;
}

const b64u = '[A-Za-z0-9_-]';
/** One to four Slack id groups of 6 to 16 digits, each followed by `-`. */
const slackIds = '[0-9]{6,16}-(?:[0-9]{6,16}-){0,3}';
const an = '[A-Za-z0-9]';

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

function rule(
  id: string,
  provider: ProviderId,
  type: string,
  prefix: string,
  body: string,
  glue: number,
  extra: Pick<PrefixRule, 'isExample' | 'suffix' | 'wrap'> = {},
): PrefixRule {
  const literal = prefix.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const simple = simpleBody(body);
  if (extra.wrap === true && (simple === undefined || simple.min !== simple.max || simple.tail !== '')) {
    throw new Error(`rule ${id}: only a fixed-length body without a tail can be read across breaks`);
  }
  return {
    id,
    provider,
    type,
    prefix,
    pattern: new RegExp(literal + body, 'y'),
    glue,
    ...extra,
    ...(simple === undefined ? {} : { body: simple }),
  };
}

const awsExample = (key: string): boolean => key.endsWith('EXAMPLE');

/** Every prefix rule. Types and ids follow the provider's own names for its credentials. */
export const PREFIX_RULES: readonly PrefixRule[] = [
  rule('anthropic-api-key', 'anthropic', 'api-key', 'sk-ant-api03-', `${b64u}{93}AA`, B64U, {
    suffix: { text: 'AA', keyLength: 13 + 93 + 2 },
  }),
  rule('anthropic-admin-key', 'anthropic', 'admin-key', 'sk-ant-admin01-', `${b64u}{93}AA`, B64U, {
    suffix: { text: 'AA', keyLength: 15 + 93 + 2 },
  }),
  // Claude Code's OAuth access and refresh tokens: seen from 45 to about 100 chars after the prefix.
  rule('anthropic-oauth-access-token', 'anthropic', 'oauth-access-token', 'sk-ant-oat01-', `${b64u}{40,200}`, B64U),
  rule('anthropic-oauth-refresh-token', 'anthropic', 'oauth-refresh-token', 'sk-ant-ort01-', `${b64u}{40,200}`, B64U),
  rule('google-api-key', 'google', 'api-key', 'AIza', `${b64u}{35}`, B64U),
  rule('groq-api-key', 'groq', 'api-key', 'gsk_', `${an}{52}`, AN, { wrap: true }),
  rule('huggingface-access-token', 'huggingface', 'access-token', 'hf_', '[A-Za-z]{34}', AN),
  rule('xai-api-key', 'xai', 'api-key', 'xai-', `${an}{80}`, AN, { wrap: true }),
  rule('perplexity-api-key', 'perplexity', 'api-key', 'pplx-', `${an}{48}`, AN, { wrap: true }),
  rule('replicate-api-token', 'replicate', 'api-token', 'r8_', `${an}{37}`, AN),
  rule('openrouter-api-key', 'openrouter', 'api-key', 'sk-or-v1-', '[0-9a-f]{64}', AN, { wrap: true }),
  ...['AKIA', 'ASIA', 'ABIA', 'ACCA'].map((p) =>
    rule('aws-access-key-id', 'aws', 'access-key-id', p, '[A-Z2-7]{16}', AN, { isExample: awsExample }),
  ),
  rule('github-pat', 'github', 'pat', 'ghp_', `${an}{36}`, AN),
  rule('github-oauth', 'github', 'oauth', 'gho_', `${an}{36}`, AN),
  rule('github-user-to-server', 'github', 'user-to-server', 'ghu_', `${an}{36}`, AN),
  rule('github-server-to-server', 'github', 'server-to-server', 'ghs_', `${an}{36}`, AN),
  rule('github-refresh', 'github', 'refresh', 'ghr_', `${an}{36}`, AN),
  rule('github-fine-grained-pat', 'github', 'fine-grained-pat', 'github_pat_', '[A-Za-z0-9_]{82}', WORD, { wrap: true }),
  rule('stripe-live-secret', 'stripe', 'live-secret', 'sk_live_', `${an}{10,99}`, AN),
  rule('stripe-test-secret', 'stripe', 'test-secret', 'sk_test_', `${an}{10,99}`, AN),
  rule('stripe-restricted', 'stripe', 'restricted', 'rk_live_', `${an}{10,99}`, AN),
  rule('stripe-restricted-test', 'stripe', 'restricted-test', 'rk_test_', `${an}{10,99}`, AN),
  // Slack tokens: digit groups (team, user, ...) then a random tail. Real groups have 6 to 13 digits:
  // four-digit groups are a placeholder, a one-digit group followed by words is docs text. A tail
  // followed by `-` is no tail (`…-####` masks the rest), hence the b64u glue.
  ...(
    [
      ['xoxb-', 'bot-token'],
      ['xoxp-', 'user-token'],
      ['xoxc-', 'session-token'],
      ['xoxs-', 'legacy-token'],
      ['xoxo-', 'legacy-token'],
    ] as const
  ).map(([prefix, type]) => rule(`slack-${type}`, 'slack', type, prefix, `${slackIds}${an}{8,255}`, B64U)),
  // Legacy workspace tokens and their refresh tokens may have a one-digit version for first group (`xoxa-2-`).
  rule('slack-workspace-token', 'slack', 'workspace-token', 'xoxa-', `(?:[0-9]|[0-9]{6,16})-(?:[0-9]{6,16}-){0,3}${an}{8,255}`, B64U),
  rule('slack-workspace-refresh-token', 'slack', 'workspace-refresh-token', 'xoxr-', `(?:[0-9]|[0-9]{6,16})-(?:[0-9]{6,16}-){0,3}${an}{8,255}`, B64U),
  rule('slack-refresh-token', 'slack', 'refresh-token', 'xoxe-', `[0-9]{1,16}-(?:[0-9]{1,16}-){0,3}${an}{8,255}`, B64U),
  // App configuration tokens, reported with their `xoxe.` prefix.
  rule('slack-config-token', 'slack', 'config-token', 'xoxe.xoxp-', `[0-9]-${an}{140,255}`, B64U),
  rule('slack-config-token', 'slack', 'config-token', 'xoxe.xoxb-', `[0-9]-${an}{140,255}`, B64U),
  // The `d` session cookie that goes with an `xoxc-` token. A backslash may be part of it, but not
  // the `\n` that ends it inside a JSON or shell string.
  rule('slack-session-cookie', 'slack', 'session-cookie', 'xoxd-', '(?:[A-Za-z0-9%/+=_-]|\\\\(?![nrt])){60,400}', COOKIE),
  rule(
    'slack-webhook',
    'slack',
    'webhook',
    'hooks.slack.com/services/',
    `T[A-Z0-9]{6,12}/B[A-Z0-9]{6,12}/${an}{20,32}`,
    AN,
  ),
];

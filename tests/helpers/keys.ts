/**
 * Builds test keys at run time from a seeded RNG, so no key-shaped literal is ever committed (the
 * repository is scanned by the very engine under test). Prefixes and the OpenAI marker are kept as
 * constants; they are harmless on their own.
 */
import type { ProviderId } from '../../utils/detect';

/** A deterministic RNG returning floats in [0, 1) (mulberry32). */
export type Rng = () => number;

export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const DIGITS = '0123456789';
export const AN = UPPER + LOWER + DIGITS;
export const B64U = AN + '_-';
export const HEX = '0123456789abcdef';
const BASE32 = UPPER + '234567';
/** The OpenAI marker, base64 of "OpenAI". */
export const MARKER = 'T3B' + 'lbkFJ';

/** `n` random chars of `alphabet`. */
export function randomString(rng: Rng, alphabet: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(rng() * alphabet.length)];
  return s;
}

/** A random b64u body that ends in `-` or `_` half of the time, the case `\b`-based rules miss. */
function b64uEndingInPunct(rng: Rng, n: number): string {
  const last = rng();
  return randomString(rng, B64U, n - 1) + (last < 0.25 ? '-' : last < 0.5 ? '_' : randomString(rng, AN, 1));
}

const openaiShort = (prefix: string) => (rng: Rng) =>
  prefix + randomString(rng, AN, 20) + MARKER + randomString(rng, AN, 20);
const openaiLong = (prefix: string, half: number) => (rng: Rng) =>
  prefix + randomString(rng, B64U, half) + MARKER + b64uEndingInPunct(rng, half);
const fixed = (prefix: string, alphabet: string, n: number) => (rng: Rng) => prefix + randomString(rng, alphabet, n);
const slack = (prefix: string, groups: number) => (rng: Rng) => {
  let s = prefix;
  for (let g = 0; g < groups; g++) s += randomString(rng, '123456789', 1) + randomString(rng, DIGITS, 11) + '-';
  // A letter first, so the tail can never be read as one more digit group.
  return s + randomString(rng, LOWER, 1) + randomString(rng, AN, 23);
};

/** Slack id groups of 10 to 13 digits, then a tail of `tail` chars of `alphabet`. */
const slackGroups = (prefix: string, groups: number, alphabet: string, tail: number) => (rng: Rng) => {
  let s = prefix;
  for (let g = 0; g < groups; g++) s += randomString(rng, '123456789', 1) + randomString(rng, DIGITS, 9 + Math.floor(rng() * 4)) + '-';
  return s + randomString(rng, 'abcdef', 1) + randomString(rng, alphabet, tail - 1);
};

const slackWebhook = (rng: Rng) =>
  'hooks.slack.com/services/T' + randomString(rng, UPPER + DIGITS, 8) + '/B' + randomString(rng, UPPER + DIGITS, 10) +
  '/' + randomString(rng, AN, 24);

/** A key shape with the finding the engine must report for it. */
export interface ShapeSpec {
  shape: string;
  provider: ProviderId;
  type: string;
  rule: string;
  /** Chars that would extend the key if placed right after it (then it is not a key). */
  glue: RegExp;
  /** True when the body length varies, so one more glue char makes a longer key of the same shape. */
  variable?: boolean;
  /** Of the glue chars, those that make a longer key (default: all); the others make no key (Slack's `-`). */
  extends?: RegExp;
  make: (rng: Rng) => string;
}

const AN_GLUE = /[A-Za-z0-9]/;
const B64U_GLUE = /[A-Za-z0-9_-]/;
const WORD_GLUE = /[A-Za-z0-9_]/;

function spec(shape: string, provider: ProviderId, type: string, rule: string, glue: RegExp, make: (rng: Rng) => string): ShapeSpec {
  return { shape, provider, type, rule, glue, make };
}

const variable = (s: ShapeSpec): ShapeSpec => ({ ...s, variable: true });
/** A Slack token: a longer alphanumeric tail is a longer token, a `-` or `_` after it no token. */
const slackSpec = (s: ShapeSpec): ShapeSpec => ({ ...s, variable: true, extends: AN_GLUE });

/** Every shape in KEY-FORMATS.md. */
export const ALL_SHAPES: readonly ShapeSpec[] = [
  spec('openai-legacy-51', 'openai', 'legacy', 'openai-legacy', AN_GLUE, openaiShort('sk-')),
  spec('openai-project-early-56', 'openai', 'project-early', 'openai-project-early', AN_GLUE, openaiShort('sk-proj-')),
  spec('openai-none-short-56', 'openai', 'none', 'openai-none', AN_GLUE, openaiShort('sk-None-')),
  spec('openai-project-132', 'openai', 'project', 'openai-project', B64U_GLUE, openaiLong('sk-proj-', 58)),
  spec('openai-project-164', 'openai', 'project', 'openai-project', B64U_GLUE, openaiLong('sk-proj-', 74)),
  spec('openai-service-account-111', 'openai', 'service-account', 'openai-service-account', B64U_GLUE, openaiLong('sk-svcacct-', 46)),
  spec('openai-service-account-167', 'openai', 'service-account', 'openai-service-account', B64U_GLUE, openaiLong('sk-svcacct-', 74)),
  spec('openai-admin-133', 'openai', 'admin', 'openai-admin', B64U_GLUE, openaiLong('sk-admin-', 58)),
  spec('openai-none-long-164', 'openai', 'none', 'openai-none', B64U_GLUE, openaiLong('sk-None-', 74)),
  spec('openai-service-named', 'openai', 'service', 'openai-service', AN_GLUE, (rng) =>
    openaiShort('sk-service-' + randomString(rng, LOWER, 6) + '-' + randomString(rng, LOWER, 4) + '-')(rng),
  ),
  spec('openai-named', 'openai', 'service', 'openai-service', AN_GLUE, (rng) =>
    openaiShort('sk-' + randomString(rng, LOWER, 8) + '-')(rng),
  ),
  spec('anthropic-api-key', 'anthropic', 'api-key', 'anthropic-api-key', B64U_GLUE, (rng) =>
    'sk-ant-api03-' + randomString(rng, B64U, 93) + 'AA',
  ),
  spec('anthropic-admin-key', 'anthropic', 'admin-key', 'anthropic-admin-key', B64U_GLUE, (rng) =>
    'sk-ant-admin01-' + randomString(rng, B64U, 93) + 'AA',
  ),
  variable(
    spec('anthropic-oauth-access-token', 'anthropic', 'oauth-access-token', 'anthropic-oauth-access-token', B64U_GLUE, (rng) =>
      'sk-ant-oat01-' + randomString(rng, B64U, 93) + 'AA',
    ),
  ),
  variable(
    spec('anthropic-oauth-refresh-token', 'anthropic', 'oauth-refresh-token', 'anthropic-oauth-refresh-token', B64U_GLUE, (rng) =>
      'sk-ant-ort01-' + randomString(rng, B64U, 93) + 'AA',
    ),
  ),
  spec('google-api-key', 'google', 'api-key', 'google-api-key', B64U_GLUE, (rng) => 'AI' + 'za' + b64uEndingInPunct(rng, 35)),
  spec('groq-api-key', 'groq', 'api-key', 'groq-api-key', AN_GLUE, fixed('gsk_', AN, 52)),
  spec('huggingface-access-token', 'huggingface', 'access-token', 'huggingface-access-token', AN_GLUE, fixed('hf_', UPPER + LOWER, 34)),
  spec('xai-api-key', 'xai', 'api-key', 'xai-api-key', AN_GLUE, fixed('xai-', AN, 80)),
  spec('perplexity-api-key', 'perplexity', 'api-key', 'perplexity-api-key', AN_GLUE, fixed('pplx-', AN, 48)),
  spec('replicate-api-token', 'replicate', 'api-token', 'replicate-api-token', AN_GLUE, fixed('r8_', AN, 37)),
  spec('openrouter-api-key', 'openrouter', 'api-key', 'openrouter-api-key', AN_GLUE, fixed('sk-or-v1-', HEX, 64)),
  ...['AKIA', 'ASIA', 'ABIA', 'ACCA'].map((p) =>
    spec(`aws-${p.toLowerCase()}`, 'aws', 'access-key-id', 'aws-access-key-id', AN_GLUE, fixed(p, BASE32, 16)),
  ),
  spec('github-pat', 'github', 'pat', 'github-pat', AN_GLUE, fixed('ghp_', AN, 36)),
  spec('github-oauth', 'github', 'oauth', 'github-oauth', AN_GLUE, fixed('gho_', AN, 36)),
  spec('github-user-to-server', 'github', 'user-to-server', 'github-user-to-server', AN_GLUE, fixed('ghu_', AN, 36)),
  spec('github-server-to-server', 'github', 'server-to-server', 'github-server-to-server', AN_GLUE, fixed('ghs_', AN, 36)),
  spec('github-refresh', 'github', 'refresh', 'github-refresh', AN_GLUE, fixed('ghr_', AN, 36)),
  spec('github-fine-grained-pat', 'github', 'fine-grained-pat', 'github-fine-grained-pat', WORD_GLUE, (rng) =>
    'github_pat_' + randomString(rng, AN, 22) + '_' + randomString(rng, AN, 59),
  ),
  spec('stripe-live-secret', 'stripe', 'live-secret', 'stripe-live-secret', AN_GLUE, fixed('sk_live_', AN, 99)),
  variable(spec('stripe-test-secret', 'stripe', 'test-secret', 'stripe-test-secret', AN_GLUE, fixed('sk_test_', AN, 24))),
  variable(spec('stripe-restricted', 'stripe', 'restricted', 'stripe-restricted', AN_GLUE, fixed('rk_live_', AN, 10))),
  variable(spec('stripe-restricted-test', 'stripe', 'restricted-test', 'stripe-restricted-test', AN_GLUE, fixed('rk_test_', AN, 32))),
  slackSpec(spec('slack-bot-token', 'slack', 'bot-token', 'slack-bot-token', B64U_GLUE, slack('xoxb-', 2))),
  slackSpec(spec('slack-user-token', 'slack', 'user-token', 'slack-user-token', B64U_GLUE, slack('xoxp-', 3))),
  slackSpec(spec('slack-refresh-token', 'slack', 'refresh-token', 'slack-refresh-token', B64U_GLUE, slack('xoxe-', 1))),
  slackSpec(spec('slack-session-token', 'slack', 'session-token', 'slack-session-token', B64U_GLUE, slackGroups('xoxc-', 3, HEX, 64))),
  slackSpec(spec('slack-legacy-token-xoxs', 'slack', 'legacy-token', 'slack-legacy-token', B64U_GLUE, slackGroups('xoxs-', 3, HEX, 10))),
  slackSpec(spec('slack-legacy-token-xoxo', 'slack', 'legacy-token', 'slack-legacy-token', B64U_GLUE, slackGroups('xoxo-', 3, HEX, 10))),
  slackSpec(spec('slack-workspace-token', 'slack', 'workspace-token', 'slack-workspace-token', B64U_GLUE, slackGroups('xoxa-2-', 2, AN, 24))),
  slackSpec(
    spec('slack-workspace-refresh-token', 'slack', 'workspace-refresh-token', 'slack-workspace-refresh-token', B64U_GLUE, slackGroups('xoxr-', 1, AN, 12)),
  ),
  slackSpec(spec('slack-config-token', 'slack', 'config-token', 'slack-config-token', B64U_GLUE, (rng) => 'xoxe.xoxp-1-' + randomString(rng, AN, 163))),
  variable(spec('slack-webhook', 'slack', 'webhook', 'slack-webhook', AN_GLUE, slackWebhook)),
];

const BY_SHAPE = new Map(ALL_SHAPES.map((s) => [s.shape, s]));

/** The spec of a shape by name; throws on a typo so a test cannot silently test nothing. */
export function shapeSpec(shape: string): ShapeSpec {
  const found = BY_SHAPE.get(shape);
  if (found === undefined) throw new Error(`unknown key shape ${shape}`);
  return found;
}

/** A random key of `shape`, e.g. `makeKey('openai-project-164', seededRng(1))`. */
export function makeKey(shape: string, rng: Rng): string {
  return shapeSpec(shape).make(rng);
}

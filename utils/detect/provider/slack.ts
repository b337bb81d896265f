import { AN, B64U, COOKIE, DIGIT, isIn, runEnd } from '../chars';
import type { ProviderDescriptor } from './descriptor';
import { AN as AN_CHARS, AN_GLUE, B64U_GLUE, DIGITS, HEX, LOWER, UPPER, randomString, shape, variable, type Rng, type ShapeSpec, type NearMiss } from './example';
import { an, rule } from './rule';

/** One to four Slack id groups of 6 to 16 digits, each followed by `-`. */
const slackIds = '[0-9]{6,16}-(?:[0-9]{6,16}-){0,3}';

// The bodies' readers (`matchBody`): each gives the end its rule's regex matches to, or -1.

const DASH = 0x2d;
const SLASH = 0x2f;
const BACKSLASH = 0x5c;
const isUpperOrDigit = (c: number): boolean => isIn(c, DIGIT) || (c - 0x41) >>> 0 <= 25;

/** End of the run of digits at `from`, read up to `max + 1` digits: one more than `max` tells a run too long. */
const digitsEnd = (text: string, from: number, max: number): number => runEnd(text, from, max + 1, DIGIT);

/**
 * `first-(?:[0-9]{min,max}-){0,3}[A-Za-z0-9]{8,255}`, the first group's length passing `firstOk`.
 * A group of digits cannot give back digits (a digit, not `-`, would follow), so the regex's only
 * backtracking is to drop groups when the tail is too short: its tail is then the digits of the
 * last group dropped, which match when they are 8 or more (`fallback`).
 */
const ids =
  (firstOk: (n: number) => boolean, min: number, max: number) =>
  (text: string, from: number): number => {
    let end = digitsEnd(text, from, 16);
    if (!firstOk(end - from) || text.charCodeAt(end) !== DASH) return -1;
    let i = end + 1;
    let fallback = -1;
    for (let groups = 0; groups < 3; groups++) {
      end = digitsEnd(text, i, max);
      if (end - i < min || end - i > max || text.charCodeAt(end) !== DASH) break;
      if (end - i >= 8) fallback = end;
      i = end + 1;
    }
    end = runEnd(text, i, 255, AN);
    return end - i >= 8 ? end : fallback;
  };

const sixToSixteen = (n: number): boolean => n >= 6 && n <= 16;
/** Legacy workspace tokens may have a one-digit version for first group. */
const oneOrSixToSixteen = (n: number): boolean => n === 1 || sixToSixteen(n);

/** `[0-9]-[A-Za-z0-9]{140,255}` */
function configBody(text: string, from: number): number {
  if (!isIn(text.charCodeAt(from), DIGIT) || text.charCodeAt(from + 1) !== DASH) return -1;
  const end = runEnd(text, from + 2, 255, AN);
  return end - from - 2 >= 140 ? end : -1;
}

/** `(?:[A-Za-z0-9%/+=_-]|\\(?![nrt])){60,400}` */
function cookieBody(text: string, from: number): number {
  const stop = Math.min(text.length, from + 400);
  let i = from;
  for (; i < stop; i++) {
    const c = text.charCodeAt(i);
    if (isIn(c, COOKIE)) continue;
    const next = text.charCodeAt(i + 1);
    if (c !== BACKSLASH || next === 0x6e || next === 0x72 || next === 0x74) break;
  }
  return i - from >= 60 ? i : -1;
}

/** End of `[A-Z0-9]{6,12}` then `/` at `from`, the `/` included; -1 when there is none. */
function webhookId(text: string, from: number): number {
  let i = from;
  const stop = Math.min(text.length, from + 13);
  while (i < stop && isUpperOrDigit(text.charCodeAt(i))) i++;
  return i - from >= 6 && i - from <= 12 && text.charCodeAt(i) === SLASH ? i + 1 : -1;
}

/** `T[A-Z0-9]{6,12}/B[A-Z0-9]{6,12}/[A-Za-z0-9]{20,32}` */
function webhookBody(text: string, from: number): number {
  if (text.charCodeAt(from) !== 0x54) return -1; // T
  const team = webhookId(text, from + 1);
  if (team === -1 || text.charCodeAt(team) !== 0x42) return -1; // B
  const bot = webhookId(text, team + 1);
  if (bot === -1) return -1;
  const end = runEnd(text, bot, 32, AN);
  return end - bot >= 20 ? end : -1;
}

const TOKENS = [
  ['xoxb-', 'bot-token'],
  ['xoxp-', 'user-token'],
  ['xoxc-', 'session-token'],
  ['xoxs-', 'legacy-token'],
  ['xoxo-', 'legacy-token'],
] as const;

/** Id groups of 12 digits, then a tail of 24 chars that starts with a letter (never read as one more group). */
const token = (prefix: string, groups: number) => (rng: Rng) => {
  let s = prefix;
  for (let g = 0; g < groups; g++) s += randomString(rng, '123456789', 1) + randomString(rng, DIGITS, 11) + '-';
  return s + randomString(rng, LOWER, 1) + randomString(rng, AN_CHARS, 23);
};

/** Id groups of 10 to 13 digits, then a tail of `tail` chars of `alphabet`. */
const grouped = (prefix: string, groups: number, alphabet: string, tail: number) => (rng: Rng) => {
  let s = prefix;
  for (let g = 0; g < groups; g++) s += randomString(rng, '123456789', 1) + randomString(rng, DIGITS, 9 + Math.floor(rng() * 4)) + '-';
  return s + randomString(rng, 'abcdef', 1) + randomString(rng, alphabet, tail - 1);
};

/** A real-looking id group: 12 digits, not starting with 0. */
const group = (rng: Rng) => randomString(rng, '123456789', 1) + randomString(rng, DIGITS, 11);

const webhook = (rng: Rng) =>
  'hooks.slack.com/services/T' + randomString(rng, UPPER + DIGITS, 8) + '/B' + randomString(rng, UPPER + DIGITS, 10) + '/' + randomString(rng, AN_CHARS, 24);

/** A Slack token: a longer alphanumeric tail is a longer token, a `-` or `_` after it no token. */
const tokenShape = (s: ShapeSpec): ShapeSpec => ({ ...s, variable: true, extends: AN_GLUE });

/**
 * Slack: tokens of every kind (digit groups for team, user... then a random tail), the session
 * cookie, and incoming webhooks. Real groups have 6 to 13 digits: four-digit groups are a
 * placeholder, a one-digit group followed by words is docs text. A tail followed by `-` is no tail
 * (`…-####` masks the rest), hence the b64u glue.
 */
export const descriptor: ProviderDescriptor = {
  id: 'slack',
  label: 'Slack',
  keyPageUrl: 'https://api.slack.com/apps',
  rules: [
    ...TOKENS.map(([prefix, type]) =>
      rule(`slack-${type}`, 'slack', type, prefix, `${slackIds}${an}{8,255}`, B64U, { matchBody: ids(sixToSixteen, 6, 16) }),
    ),
    // Legacy workspace tokens and their refresh tokens may have a one-digit version for first group (`xoxa-2-`).
    rule('slack-workspace-token', 'slack', 'workspace-token', 'xoxa-', `(?:[0-9]|[0-9]{6,16})-(?:[0-9]{6,16}-){0,3}${an}{8,255}`, B64U, {
      matchBody: ids(oneOrSixToSixteen, 6, 16),
    }),
    rule('slack-workspace-refresh-token', 'slack', 'workspace-refresh-token', 'xoxr-', `(?:[0-9]|[0-9]{6,16})-(?:[0-9]{6,16}-){0,3}${an}{8,255}`, B64U, {
      matchBody: ids(oneOrSixToSixteen, 6, 16),
    }),
    rule('slack-refresh-token', 'slack', 'refresh-token', 'xoxe-', `[0-9]{1,16}-(?:[0-9]{1,16}-){0,3}${an}{8,255}`, B64U, {
      matchBody: ids((n) => n >= 1 && n <= 16, 1, 16),
    }),
    // App configuration tokens, reported with their `xoxe.` prefix.
    rule('slack-config-token', 'slack', 'config-token', 'xoxe.xoxp-', `[0-9]-${an}{140,255}`, B64U, { matchBody: configBody }),
    rule('slack-config-token', 'slack', 'config-token', 'xoxe.xoxb-', `[0-9]-${an}{140,255}`, B64U, { matchBody: configBody }),
    // The `d` session cookie that goes with an `xoxc-` token. A backslash may be part of it, but not
    // the `\n` that ends it inside a JSON or shell string.
    rule('slack-session-cookie', 'slack', 'session-cookie', 'xoxd-', '(?:[A-Za-z0-9%/+=_-]|\\\\(?![nrt])){60,400}', COOKIE, {
      matchBody: cookieBody,
    }),
    rule('slack-webhook', 'slack', 'webhook', 'hooks.slack.com/services/', `T[A-Z0-9]{6,12}/B[A-Z0-9]{6,12}/${an}{20,32}`, AN, {
      matchBody: webhookBody,
    }),
  ],
};

/** The shapes of key it issues, made up at run time, for the tests. */
export const examples = (): readonly ShapeSpec[] => [
  tokenShape(shape('slack-bot-token', 'slack', 'bot-token', B64U_GLUE, token('xoxb-', 2))),
  tokenShape(shape('slack-user-token', 'slack', 'user-token', B64U_GLUE, token('xoxp-', 3))),
  tokenShape(shape('slack-refresh-token', 'slack', 'refresh-token', B64U_GLUE, token('xoxe-', 1))),
  tokenShape(shape('slack-session-token', 'slack', 'session-token', B64U_GLUE, grouped('xoxc-', 3, HEX, 64))),
  tokenShape(shape('slack-legacy-token-xoxs', 'slack', 'legacy-token', B64U_GLUE, grouped('xoxs-', 3, HEX, 10), 'slack-legacy-token')),
  tokenShape(shape('slack-legacy-token-xoxo', 'slack', 'legacy-token', B64U_GLUE, grouped('xoxo-', 3, HEX, 10), 'slack-legacy-token')),
  tokenShape(shape('slack-workspace-token', 'slack', 'workspace-token', B64U_GLUE, grouped('xoxa-2-', 2, AN_CHARS, 24))),
  tokenShape(shape('slack-workspace-refresh-token', 'slack', 'workspace-refresh-token', B64U_GLUE, grouped('xoxr-', 1, AN_CHARS, 12))),
  tokenShape(shape('slack-config-token', 'slack', 'config-token', B64U_GLUE, (rng) => 'xoxe.xoxp-1-' + randomString(rng, AN_CHARS, 163))),
  variable(shape('slack-webhook', 'slack', 'webhook', AN_GLUE, webhook)),
];

/** Texts shaped like its keys that are not keys: never reported. */
export const nearMisses = (): readonly NearMiss[] => [
  { name: 'Slack docs webhook', make: () => 'hooks.slack.com/services/T' + '0'.repeat(8) + '/B' + '0'.repeat(8) + '/' + 'X'.repeat(24) },
  { name: '4-digit placeholder groups', make: (rng) => 'xox' + 'p-1234-1234-1234-' + randomString(rng, HEX, 32) },
  { name: 'a masked tail', make: (rng) => `xox${'p'}-${group(rng)}-${group(rng)}-${group(rng)}-` + '#'.repeat(20) },
  { name: 'docs text after xoxe.xoxp-1-', make: () => 'xoxe.xox' + 'p-1-SlackAppConfigurationAccessTokenHere' },
  { name: 'docs text after xoxp-1-', make: () => 'xox' + 'p-1-SomeWordsHere' },
  { name: 'a short version tail', make: () => 'xoxe.xox' + 'p-1-initial' },
  { name: 'a token broken by ?', make: (rng) => `xox${'a'}-${group(rng)}?${group(rng)}c` },
];

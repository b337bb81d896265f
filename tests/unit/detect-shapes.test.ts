import { describe, expect, it } from 'vitest';
import { findKeys, type KeyFinding } from '../../utils/detect';
import { AN, ALL_SHAPES, B64U, MARKER, type ShapeSpec, makeKey, randomString, seededRng, shapeSpec } from '../helpers/keys';

/** What findKeys must return for `text` holding exactly `key` of `spec`. */
function only(text: string, key: string, spec: ShapeSpec): KeyFinding[] {
  const start = text.indexOf(key);
  return [{ start, end: start + key.length, key, provider: spec.provider, type: spec.type, rule: spec.rule }];
}

const FOLLOWERS = [
  ...[',', ')', '.', '<', '&', '"', "'", ';', ']', '}', '>', '\n', '\r\n', ' ', '\t', '`', '!', '?', ':'],
  ...['|', '/', '(', '*', '=', '#', '\\', '\u00a0', '\u2019'],
];

describe.each(ALL_SHAPES)('$shape', (spec) => {
  const rng = seededRng(spec.shape.length * 7919);
  const key = spec.make(rng);

  it('is found alone, with provider, type and rule', () => {
    expect(findKeys(key)).toEqual(only(key, key, spec));
  });

  it.each(FOLLOWERS)('is found when followed by %j', (follower) => {
    const text = 'key ' + key + follower + 'and then';
    expect(findKeys(text)).toEqual(only(text, key, spec));
  });

  it.each([
    ['JSON', (k: string) => `{"apiKey":"${k}","n":1}`],
    ['env file', (k: string) => `# secrets\r\nAPI_KEY=${k}\r\nDEBUG=1\n`],
    ['quoted env', (k: string) => `export API_KEY='${k}'`],
    ['URL query', (k: string) => `https://example.com/cb?key=${k}&x=1`],
    ['HTML', (k: string) => `<p>My key: <code>${k}</code></p>`],
    ['HTML attribute', (k: string) => `<input value="${k}">`],
    ['HTML entity after', (k: string) => `${k}&nbsp;is mine`],
    ['Python call', (k: string) => `client = Client(api_key="${k}")`],
    ['YAML', (k: string) => `api_key: ${k}\n`],
    ['markdown code', (k: string) => `use \`${k}\`.`],
    ['end of a sentence', (k: string) => `The key is ${k}.`],
    ['parenthesised', (k: string) => `(${k})`],
    ['array', (k: string) => `[${k}]`],
    ['CRLF lines', (k: string) => `first\r\n${k}\r\nlast`],
    ['after a dash', (k: string) => `token-${k} x`],
  ])('is found in %s', (_name, wrap) => {
    const text = wrap(key);
    expect(findKeys(text)).toEqual(only(text, key, spec));
  });

  it('is found at the end of the text', () => {
    const text = 'the key: ' + key;
    expect(findKeys(text)).toEqual(only(text, key, spec));
  });

  it.each(['a', 'Z', '7', '_'])('is not found when glued after the word char %j', (before) => {
    expect(findKeys('x ' + before + key + ' y')).toEqual([]);
  });

  it.each(['a', 'Z', '7', '-', '_'])('handles a %j glued at its end', (after) => {
    const found = findKeys(key + after);
    if (!spec.glue.test(after)) expect(found).toEqual(only(key + after, key, spec));
    // A variable body takes one more of its chars; `-` or `_` after a Slack tail masks or cuts it.
    else if (spec.variable && (spec.extends ?? spec.glue).test(after)) expect(found.map((f) => f.key)).toEqual([key + after]);
    else expect(found).toEqual([]); // not a truncated key
  });

  it('finds several keys in one text, sorted', () => {
    const second = spec.make(rng);
    const text = `a=${second}\nb=${key}\n`;
    expect(findKeys(text).map((f) => f.key)).toEqual([second, key]);
  });
});

describe('b64u bodies ending in - or _', () => {
  it.each(['openai-project-164', 'openai-service-account-111', 'openai-admin-133', 'openai-none-long-164'])(
    '%s keeps its last char',
    (shape) => {
      const rng = seededRng(5);
      for (const last of ['-', '_']) {
        const key = makeKey(shape, rng).slice(0, -1) + last;
        for (const follower of ['', ',', ')', '.', '"', '<', '\n']) {
          expect(findKeys(key + follower).map((f) => f.key)).toEqual([key]);
        }
      }
    },
  );

  it('keeps the last char of a Google key ending in -', () => {
    const key = 'AI' + 'za' + randomString(seededRng(9), B64U, 34) + '-';
    expect(findKeys(`"${key}"`).map((f) => f.key)).toEqual([key]);
  });
});

describe('OpenAI shapes next to longer ones', () => {
  const rng = seededRng(42);
  const short = (prefix: string) => prefix + randomString(rng, AN, 20) + MARKER + randomString(rng, AN, 20);

  it.each(['sk-', 'sk-proj-', 'sk-None-'])('a %s short key followed by more alphanumerics is no key', (prefix) => {
    const key = short(prefix);
    expect(findKeys(key + randomString(rng, AN, 1))).toEqual([]);
    expect(findKeys(key + randomString(rng, AN, 30) + ' ')).toEqual([]);
  });

  it('a valid legacy key inside a project key reports the whole project key', () => {
    // Around the marker: `-sk-` + 20 an | marker | 20 an + `-`: a complete legacy key on its own.
    const left = randomString(rng, B64U, 34) + '-sk-' + randomString(rng, AN, 20);
    const right = randomString(rng, AN, 20) + '-' + randomString(rng, B64U, 37);
    const key = 'sk-proj-' + left + MARKER + right;
    expect(findKeys(key + ' ')).toEqual(only(key, key, shapeSpec('openai-project-132')));
    expect(findKeys(key.slice(8 + 35) + ' ').map((f) => f.rule)).toEqual(['openai-legacy']);
  });

  it('a legacy shape before a project key body is not cut out of it', () => {
    // 20 an + marker + 20 an inside a long right half: neither short nor long key.
    const text = 'sk-proj-' + randomString(rng, B64U, 58) + MARKER + randomString(rng, AN, 58) + 'xyz';
    expect(findKeys(text)).toEqual([]);
  });

  it('a long key with unequal halves is no key', () => {
    expect(findKeys('sk-proj-' + randomString(rng, B64U, 58) + MARKER + randomString(rng, B64U, 74) + ' ')).toEqual([]);
    expect(findKeys('sk-proj-' + randomString(rng, B64U, 60) + MARKER + randomString(rng, B64U, 58) + ' ')).toEqual([]);
  });

  it('a long key glued to more b64u is no key, and to punctuation is', () => {
    const key = makeKey('openai-project-164', rng);
    expect(findKeys(key + '-x')).toEqual([]);
    expect(findKeys(key + '.x').map((f) => f.key)).toEqual([key]);
  });

  it('reads named service keys with dashes in the name', () => {
    const key = 'sk-service-' + 'my-app-prod' + '-' + randomString(rng, AN, 20) + MARKER + randomString(rng, AN, 20);
    expect(findKeys(`k=${key};`)).toEqual(only(`k=${key};`, key, shapeSpec('openai-service-named')));
  });

  it('does not take `task-` or `ask-` for a key prefix', () => {
    const body = randomString(rng, AN, 20) + MARKER + randomString(rng, AN, 20);
    expect(findKeys('task-' + body)).toEqual([]);
    expect(findKeys('ask-' + body)).toEqual([]);
    expect(findKeys('see task-' + body + ' now')).toEqual([]);
  });

  it('finds a legacy key after `task-`, which ends with a dash', () => {
    const key = short('sk-');
    expect(findKeys('task-' + key).map((f) => f.start)).toEqual([5]);
  });

  it('does not read an empty name (`sk--`) as a key', () => {
    expect(findKeys('sk--' + randomString(rng, AN, 20) + MARKER + randomString(rng, AN, 20))).toEqual([]);
  });

  it('needs the same alphabet on both sides of the marker', () => {
    expect(findKeys('sk-' + randomString(rng, AN, 19) + '_' + MARKER + randomString(rng, AN, 20))).toEqual([]);
  });
});

describe('secondary providers', () => {
  it('does not flag the AWS documentation key id', () => {
    expect(findKeys('aws_access_key_id = ' + 'AKIA' + 'IOSFODNN7' + 'EXAMPLE')).toEqual([]);
  });

  it('does not flag a Stripe key over 99 chars as a truncated one', () => {
    const key = makeKey('stripe-live-secret', seededRng(3));
    expect(findKeys(key + 'a')).toEqual([]);
  });

  it('does not flag a Stripe key under 10 chars', () => {
    expect(findKeys('sk_live_' + randomString(seededRng(4), AN, 9))).toEqual([]);
  });

  it('needs the Anthropic AA ending', () => {
    const rng = seededRng(8);
    expect(findKeys('sk-ant-api03-' + randomString(rng, B64U, 93) + 'AB')).toEqual([]);
    expect(findKeys('sk-ant-api03-' + randomString(rng, B64U, 94) + 'AA')).toEqual([]);
  });

  it('reports a key that ends in a shorter valid key whole', () => {
    // The last 20 chars of this Anthropic key form a valid AWS key id after a dash.
    const rng = seededRng(10);
    const tail = 'AKIA' + randomString(rng, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 14) + 'AA';
    const key = 'sk-ant-api03-' + randomString(rng, B64U, 74) + '-' + tail;
    expect(findKeys(tail + ' ').map((f) => f.rule)).toEqual(['aws-access-key-id']);
    expect(findKeys(`"${key}"`)).toEqual(only(`"${key}"`, key, shapeSpec('anthropic-api-key')));
  });

  it('needs lowercase hex for OpenRouter', () => {
    expect(findKeys('sk-or-v1-' + randomString(seededRng(6), 'ABCDEF0123456789', 64))).toEqual([]);
  });

  it('finds a Slack webhook inside its URL', () => {
    const key = makeKey('slack-webhook', seededRng(2));
    const text = `curl -X POST https://${key} -d '{}'`;
    expect(findKeys(text)).toEqual(only(text, key, shapeSpec('slack-webhook')));
  });
});

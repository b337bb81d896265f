import { describe, expect, it } from 'vitest';
import { redact } from '../../utils/detect';
import { scrubSighting } from '../../utils/inventory/scrub';
import type { Sighting } from '../../utils/inventory/sighting';
import { makeKey, seededRng } from '../helpers/keys';

const key = makeKey('openai-project-164', seededRng(21));
const base: Sighting = {
  id: 'abcdefgh-1',
  fingerprint: '0123456789abcdef',
  redacted: 'sk-proj-…abcd',
  provider: 'openai',
  type: 'project',
  rule: 'openai-project',
  origin: 'https://github.com',
  path: '/o/r',
  event: 'paste',
  outcome: 'blocked',
  time: 1,
};

describe('scrubSighting: the background stores no key, whatever the sender sent', () => {
  it('redacts a key in the path and in the justification', () => {
    const out = scrubSighting({ ...base, path: `/o/r/${key}/x`, justification: `needed ${key} for CI` });
    expect(out.path).toBe(`/o/r/${redact(key)}/x`);
    expect(out.justification).toBe(`needed ${redact(key)} for CI`);
    expect(JSON.stringify(out)).not.toContain(key);
  });

  it('leaves a clean sighting as it is', () => {
    expect(scrubSighting(base)).toBe(base);
    expect(scrubSighting({ ...base, justification: 'a demo' })).toEqual({ ...base, justification: 'a demo' });
  });
});

import { AN } from '../chars';
import type { ProviderDescriptor } from './descriptor';
import { AN_GLUE, BASE32, fixed, shape, type NearMiss, type ShapeSpec } from './example';
import { rule } from './rule';

const PREFIXES = ['AKIA', 'ASIA', 'ABIA', 'ACCA'];

/** AWS: access key ids (four prefixes + 16 base32 chars); AWS documents keys ending in EXAMPLE. */
export const descriptor: ProviderDescriptor = {
  id: 'aws',
  label: 'AWS',
  keyPageUrl: 'https://console.aws.amazon.com/iam/home#/security_credentials',
  rules: PREFIXES.map((p) => rule('aws-access-key-id', 'aws', 'access-key-id', p, '[A-Z2-7]{16}', AN, { isExample: (key) => key.endsWith('EXAMPLE') })),
};

/** The shapes of key it issues, made up at run time, for the tests. */
export const examples = (): readonly ShapeSpec[] => PREFIXES.map((p) => shape(`aws-${p.toLowerCase()}`, 'aws', 'access-key-id', AN_GLUE, fixed(p, BASE32, 16), 'aws-access-key-id'));

/** Texts shaped like its keys that are not keys: never reported. */
export const nearMisses = (): readonly NearMiss[] => [{ name: "AWS's documented example", make: () => 'AKIA' + 'IOSFODNN7' + 'EXAMPLE' }];

import { AN } from '../chars';
import type { ProviderDescriptor } from './descriptor';
import { AN as AN_CHARS, AN_GLUE, fixed, shape, variable, type NearMiss, type ShapeSpec } from './example';
import { an, rule } from './rule';

/** Stripe: secret and restricted keys, live and test (10 to 99 chars after the prefix). */
export const descriptor: ProviderDescriptor = {
  id: 'stripe',
  label: 'Stripe',
  keyPageUrl: 'https://dashboard.stripe.com/apikeys',
  rules: [
    rule('stripe-live-secret', 'stripe', 'live-secret', 'sk_live_', `${an}{10,99}`, AN),
    rule('stripe-test-secret', 'stripe', 'test-secret', 'sk_test_', `${an}{10,99}`, AN),
    rule('stripe-restricted', 'stripe', 'restricted', 'rk_live_', `${an}{10,99}`, AN),
    rule('stripe-restricted-test', 'stripe', 'restricted-test', 'rk_test_', `${an}{10,99}`, AN),
  ],
};

/** The shapes of key it issues, made up at run time, for the tests. */
export const examples = (): readonly ShapeSpec[] => [
  shape('stripe-live-secret', 'stripe', 'live-secret', AN_GLUE, fixed('sk_live_', AN_CHARS, 99)),
  variable(shape('stripe-test-secret', 'stripe', 'test-secret', AN_GLUE, fixed('sk_test_', AN_CHARS, 24))),
  variable(shape('stripe-restricted', 'stripe', 'restricted', AN_GLUE, fixed('rk_live_', AN_CHARS, 10))),
  variable(shape('stripe-restricted-test', 'stripe', 'restricted-test', AN_GLUE, fixed('rk_test_', AN_CHARS, 32))),
];

/** Texts shaped like its keys that are not keys: never reported. */
export const nearMisses = (): readonly NearMiss[] => [{ name: 'Stripe zeros', make: () => 'sk_test_' + '0'.repeat(24) }];

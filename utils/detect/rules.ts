import { DESCRIPTORS } from './provider';
import type { PrefixRule } from './provider/rule';

export type { PrefixRule } from './provider/rule';

/** Every prefix rule, from the providers' descriptors (./provider/<id>.ts), in their order. */
export const PREFIX_RULES: readonly PrefixRule[] = DESCRIPTORS.flatMap((d) => d.rules);

import type { ProviderId } from '../types';
import type { PrefixRule } from './rule';

/**
 * Everything KeyWard knows of one provider, in one file (./<id>.ts): this descriptor (the engine's
 * rules, the inventory's label and rotation link, what `redact` keeps visible), and beside it, as
 * separate exports so no extension bundle carries them, the `examples` and `nearMisses` the tests
 * use. The engine's tables (PROVIDERS, PREFIX_RULES, the redaction prefixes, the alert's labels)
 * are derived from ./index.ts; the tests' key generators from ./examples.ts.
 */
export interface ProviderDescriptor {
  id: ProviderId;
  /** Human-readable name, e.g. `'OpenAI'`. */
  label: string;
  /** The page where a user lists and revokes their keys. */
  keyPageUrl: string;
  /** Prefix rules (OpenAI has none: its marker scanner is ../openai.ts). */
  rules: readonly PrefixRule[];
  /** Prefixes `redact` keeps visible besides the rules' own (OpenAI's key kinds). */
  visiblePrefixes?: readonly string[];
}

import { DESCRIPTORS } from './provider';
import type { ProviderId } from './types';

/** A provider the engine knows, with where its keys are managed (for a "revoke this key" link). */
export interface ProviderInfo {
  id: ProviderId;
  /** Human-readable name, e.g. `'OpenAI'`. */
  label: string;
  /** The page where a user lists and revokes their keys. */
  keyPageUrl?: string;
}

/** Every built-in provider, in the order the UI lists them, from their descriptors (./provider/<id>.ts). */
export const PROVIDERS: readonly ProviderInfo[] = DESCRIPTORS.map(({ id, label, keyPageUrl }) => ({ id, label, keyPageUrl }));

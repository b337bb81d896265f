/** Providers whose key formats the engine knows. */
export type ProviderId =
  | 'openai'
  | 'anthropic'
  | 'google'
  | 'groq'
  | 'huggingface'
  | 'xai'
  | 'perplexity'
  | 'replicate'
  | 'openrouter'
  | 'aws'
  | 'github'
  | 'stripe'
  | 'slack';

/** One key found in a text. */
export interface KeyFinding {
  /** UTF-16 offset of the key's first character in the ORIGINAL text (inclusive). */
  start: number;
  /**
   * UTF-16 offset just after the key's last character in the ORIGINAL text (exclusive).
   * `text.slice(start, end)` may contain invisible characters that were hiding the key.
   */
  end: number;
  /** The key itself, invisible characters removed. Keep it in memory only; never store it. */
  key: string;
  /** Who issued the key; `'custom'` for an organisation's own pattern. */
  provider: ProviderId | 'custom';
  /** Kind of key within the provider, e.g. `'project'`, `'api-key'`, `'pat'`; a custom pattern's name. */
  type: string;
  /** Stable rule id, e.g. `'openai-project'`, `'github-pat'`, `'custom:<name>'`. */
  rule: string;
}

/** An organisation's own token format, reported with provider `'custom'`. */
export interface CustomPattern {
  /** Shown to the user and used as the finding's `type`; the rule id is `'custom:' + name`. */
  name: string;
  /** Checked by {@link checkCustomPattern} when the detector is compiled: unsafe ones are skipped and listed in `Detector.rejected`. */
  pattern: RegExp;
}

/**
 * A detector's configuration, checked and serialisable (JSON): made once by `compileDetector` (the
 * background, from the settings, with the custom-pattern checker), stored with the settings, and
 * run by `loadDetector` in every context, the content script included, which never checks a pattern
 * itself and so never carries the checker.
 */
export interface DetectorSpec {
  /** Providers switched off. */
  off: ProviderId[];
  /** Custom patterns `checkCustomPattern` accepted, in its words: flags with `g` and without `y`, and the literal every match starts with. */
  custom: { name: string; source: string; flags: string; literal: string | null }[];
  /** See {@link DetectOptions.customBudgetMs}. */
  customBudgetMs?: number;
}

/** What a detector looks for. */
export interface DetectOptions {
  /** Every provider is on by default; `false` switches one off (OpenAI included). */
  providers?: Partial<Record<ProviderId, boolean>>;
  /** Extra token formats, run within a cost bound (see `custom.ts`). */
  custom?: readonly CustomPattern[];
  /**
   * Wall-clock budget in milliseconds for the custom patterns of one `findKeys` call (default 100).
   * Built-in rules always scan the whole text; custom patterns stop scanning once the budget is spent.
   */
  customBudgetMs?: number;
}

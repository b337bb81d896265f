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
  /**
   * Checked by {@link checkCustomPattern}: `utils/detect`'s `createDetector` checks it if needed and
   * skips unsafe ones; the lean one in detector.ts runs only RegExps that check returned. Skipped
   * patterns are listed in `Detector.rejected`.
   */
  pattern: RegExp;
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

import type { LocatedFinding } from './scan-text';

/** What the CLI prints about one finding: never the key itself. */
export interface ReportedFinding {
  path: string;
  line: number;
  column: number;
  /** From the start of the file; null for `--since`, which reads only the added lines. */
  offset: number | null;
  length: number;
  provider: string;
  type: string;
  rule: string;
  redacted: string;
  fingerprint: string;
  /** With `--since`: the commit that added the line. */
  commit?: string;
}

/** Builds the printable record of a finding, dropping the key; the field order is the JSON output's. */
export function toReported(
  path: string,
  finding: LocatedFinding,
  redacted: string,
  fingerprint: string,
  commit?: { sha: string; line: number },
): ReportedFinding {
  const reported: ReportedFinding = {
    path,
    line: commit ? commit.line : finding.line,
    column: finding.column,
    offset: commit ? null : finding.start,
    length: finding.end - finding.start,
    provider: finding.provider,
    type: finding.type,
    rule: finding.rule,
    redacted,
    fingerprint,
  };
  if (commit) reported.commit = commit.sha;
  return reported;
}

/** `path:line:column provider type redacted fingerprint`, the shape editors and terminals make clickable. */
export function formatHuman(reported: ReportedFinding): string {
  const { path, line, column, provider, type, redacted, fingerprint, commit } = reported;
  const text = `${path}:${line}:${column} ${provider} ${type} ${redacted} ${fingerprint}`;
  return commit === undefined ? text : `${text} ${commit.slice(0, 12)}`;
}

/** One JSON object on one line (JSON Lines), so tools can stream the output. */
export function formatJson(reported: ReportedFinding): string {
  return JSON.stringify(reported);
}

import type { LocatedFinding } from './scan-text';

/** What the CLI prints about one finding: never the key itself. */
export interface ReportedFinding {
  path: string;
  line: number;
  column: number;
  offset: number;
  length: number;
  provider: string;
  type: string;
  rule: string;
  redacted: string;
  fingerprint: string;
}

/** Builds the printable record of a finding, dropping the key; the field order is the JSON output's. */
export function toReported(path: string, finding: LocatedFinding, redacted: string, fingerprint: string): ReportedFinding {
  return {
    path,
    line: finding.line,
    column: finding.column,
    offset: finding.start,
    length: finding.end - finding.start,
    provider: finding.provider,
    type: finding.type,
    rule: finding.rule,
    redacted,
    fingerprint,
  };
}

/** `path:line:column provider type redacted fingerprint`, the shape editors and terminals make clickable. */
export function formatHuman(reported: ReportedFinding): string {
  const { path, line, column, provider, type, redacted, fingerprint } = reported;
  return `${path}:${line}:${column} ${provider} ${type} ${redacted} ${fingerprint}`;
}

/** One JSON object on one line (JSON Lines), so tools can stream the output. */
export function formatJson(reported: ReportedFinding): string {
  return JSON.stringify(reported);
}

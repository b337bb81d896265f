import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROVIDERS } from '../utils/detect/providers';
import { VERSION } from './help';
import type { ReportedFinding } from './report';

/**
 * Builds a SARIF 2.1.0 log of the findings, the format GitHub code scanning uploads take: one
 * rule per engine rule that fired, one result per finding, located by line and column (UTF-16
 * units, as `columnKind` says). The message carries only the redacted key and its fingerprint.
 *
 * `root`: paths inside it are given relative to it (GitHub resolves them against the checkout),
 * others as file URIs.
 */
export function toSarif(findings: readonly ReportedFinding[], root: string): object {
  const ruleIds = [...new Set(findings.map((finding) => finding.rule))].sort();
  const rules = ruleIds.map((id) => {
    const sample = findings.find((finding) => finding.rule === id);
    const label = PROVIDERS.find((provider) => provider.id === sample?.provider)?.label ?? sample?.provider ?? id;
    return {
      id,
      name: id.replace(/(?:^|-)(\w)/g, (_, char: string) => char.toUpperCase()),
      shortDescription: { text: `${label} ${sample?.type ?? ''} key`.replace(/\s+/g, ' ') },
      fullDescription: { text: `A key for the ${label} API (${sample?.type ?? 'any'} type) found in the scanned files.` },
      help: {
        text: `Revoke the key at ${label}, replace it with a reference to a secret store or an environment variable, and remove it from history. If the line is a deliberate example, add 'keyward:allow' to it or its fingerprint to .keywardignore.`,
      },
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['security', 'secret'], 'security-severity': '9.0', precision: 'high' },
    };
  });
  const results = findings.map((finding) => {
    const result: Record<string, unknown> = {
      ruleId: finding.rule,
      ruleIndex: ruleIds.indexOf(finding.rule),
      level: 'error',
      message: { text: `${finding.provider} ${finding.type} key ${finding.redacted} (fingerprint ${finding.fingerprint})` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: toUri(finding.path, root) },
            region: { startLine: finding.line, startColumn: finding.column, endColumn: finding.column + finding.length },
          },
        },
      ],
      partialFingerprints: { 'keyward/fingerprint/v1': finding.fingerprint },
    };
    if (finding.commit !== undefined) result.properties = { commit: finding.commit };
    return result;
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'KeyWard', semanticVersion: VERSION, rules } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

/** A relative URI reference for a path under `root`, a file URI for one outside it, `-` for standard input. */
function toUri(path: string, root: string): string {
  if (path === '-') return 'stdin';
  const absolute = resolve(path);
  const inside = relative(root, absolute);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return pathToFileURL(absolute).href;
  return inside.split(sep).map(encodeURIComponent).join('/');
}

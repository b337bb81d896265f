import { DEFAULT_SETTINGS, type Settings } from '../policy/schema';
import type { ReportingConfig } from './reporter';

/**
 * Reporting as a policy sets it. Only a managed policy can turn reporting on (the setting is policy
 * only), and only with a valid URL: validate.ts drops the URL of a reporting policy with any bad field.
 */
export function reportingConfig(reporting: Settings['reporting'] | undefined): ReportingConfig | undefined {
  if (!reporting?.url) return undefined;
  const defaults = DEFAULT_SETTINGS.reporting;
  return {
    url: reporting.url,
    format: reporting.format ?? defaults.format ?? 'ocsf',
    includePath: reporting.includePath ?? defaults.includePath ?? true,
    ...(reporting.token ? { token: reporting.token } : {}),
    ...(reporting.userLabel ? { userLabel: reporting.userLabel } : {}),
  };
}

/** The browser and its major version, from a user agent: "Firefox 128", "Chrome 131". */
export function browserName(userAgent: string): string {
  const firefox = /Firefox\/(\d+)/.exec(userAgent);
  if (firefox) return `Firefox ${firefox[1]}`;
  const edge = /Edg\/(\d+)/.exec(userAgent);
  if (edge) return `Edge ${edge[1]}`;
  const chrome = /Chrom(?:e|ium)\/(\d+)/.exec(userAgent);
  return chrome ? `Chrome ${chrome[1]}` : 'unknown browser';
}

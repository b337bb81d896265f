import { PROVIDERS } from '../detect/providers';
import type { Outcome, Sighting } from '../inventory/sighting';
import type { EventKind } from '../policy/schema';

/**
 * A sighting as the organisation's SIEM receives it: an OCSF Data Security Finding (class 2006),
 * metadata only. It carries the key's redacted form and fingerprint, never the key, never page
 * content, never the page's query or fragment (a sighting holds none of these: see Sighting).
 */

/** The OCSF release the events follow. */
export const OCSF_VERSION = '1.8.0';

/** What an event says about where it comes from. */
export interface EventContext {
  /** KeyWard's version (the manifest's). */
  version: string;
  /** The browser, e.g. "Chrome 131" or "Firefox 128". */
  browser: string;
  /** Who this browser belongs to, as the admin's policy names it. */
  userLabel?: string;
  /** false: the site's origin only, not the page path. */
  includePath: boolean;
}

/** An OCSF event: plain JSON. */
export type OcsfEvent = Record<string, unknown>;

const EVENT_WORDS: Record<EventKind, { verb: string; feature: string }> = {
  paste: { verb: 'a paste', feature: 'Paste guard' },
  drop: { verb: 'a drop', feature: 'Drop guard' },
  typing: { verb: 'typing', feature: 'Typing guard' },
  submit: { verb: 'a send', feature: 'Send guard' },
  upload: { verb: 'an upload', feature: 'Upload guard' },
};

/**
 * The OCSF disposition of each outcome: blocked, corrected (the key replaced by its redacted form) or
 * allowed (it reached the page). The exact outcome travels in `status_detail`.
 */
const DISPOSITIONS: Record<Outcome, { id: number; name: string; actionId: number; action: string; severityId: number; severity: string; words: string }> = {
  blocked: { id: 2, name: 'Blocked', actionId: 2, action: 'Denied', severityId: 2, severity: 'Low', words: 'blocked' },
  redacted: { id: 11, name: 'Corrected', actionId: 4, action: 'Modified', severityId: 2, severity: 'Low', words: 'redacted' },
  removed: { id: 1, name: 'Allowed', actionId: 1, action: 'Allowed', severityId: 3, severity: 'Medium', words: 'let through, then removed by the user,' },
  warned: { id: 1, name: 'Allowed', actionId: 1, action: 'Allowed', severityId: 4, severity: 'High', words: 'let through with a warning' },
  'inserted-anyway': { id: 1, name: 'Allowed', actionId: 1, action: 'Allowed', severityId: 4, severity: 'High', words: 'let through by the user' },
  allowed: { id: 1, name: 'Allowed', actionId: 1, action: 'Allowed', severityId: 1, severity: 'Informational', words: 'allowed (an allowlisted test key)' },
  given: { id: 1, name: 'Allowed', actionId: 1, action: 'Allowed', severityId: 1, severity: 'Informational', words: 'given (a named key, on a site it is meant for)' },
};

/** One sighting as an OCSF Data Security Finding. */
export function toOcsf(sighting: Sighting, context: EventContext): OcsfEvent {
  const d = DISPOSITIONS[sighting.outcome];
  const words = EVENT_WORDS[sighting.event];
  const host = hostOf(sighting.origin);
  const site = context.includePath ? sighting.origin + sighting.path : sighting.origin;
  const provider = providerName(sighting.provider);
  const event: OcsfEvent = {
    activity_id: 1,
    activity_name: 'Create',
    category_uid: 2,
    category_name: 'Findings',
    class_uid: 2006,
    class_name: 'Data Security Finding',
    type_uid: 200601,
    type_name: 'Data Security Finding: Create',
    time: sighting.time,
    severity_id: d.severityId,
    severity: d.severity,
    status_id: 1,
    status: 'New',
    status_detail: sighting.outcome,
    confidence_id: 3,
    confidence: 'High',
    action_id: d.actionId,
    action: d.action,
    disposition_id: d.id,
    disposition: d.name,
    is_alert: d.id === 1 && d.severityId > 1,
    message: `KeyWard ${d.words} ${words.verb} holding a ${provider} key (${sighting.redacted}) on ${host}.`,
    metadata: {
      version: OCSF_VERSION,
      profiles: ['security_control'],
      uid: sighting.id,
      log_name: 'keyward.findings',
      product: {
        name: 'KeyWard',
        uid: 'keyward-browser-extension',
        vendor_name: 'KeyWard',
        version: context.version,
        feature: { name: words.feature, uid: sighting.event },
      },
    },
    finding_info: {
      uid: sighting.id,
      title: `${provider} API key: ${sighting.outcome}`,
      types: ['Secret Exposure'],
      created_time: sighting.time,
      analytic: { name: sighting.rule, uid: `keyward:${sighting.rule}`, type_id: 8, type: 'Regular Expressions' },
    },
    data_security: {
      category_id: 6,
      category: 'Security',
      data_lifecycle_state_id: 3,
      data_lifecycle_state: 'Data in-Use',
      detection_system_id: 1,
      detection_system: 'Endpoint',
      detection_pattern: `${sighting.provider} ${sighting.type} (${sighting.rule})`,
      pattern_match: sighting.redacted,
    },
    actor: {
      app_name: context.browser,
      ...(context.userLabel ? { user: { name: context.userLabel } } : {}),
    },
    dst_endpoint: { hostname: host, svc_name: sighting.origin.split(':')[0] },
    resources: [{ type: 'Web Page', name: host, uid: site }],
    observables: [
      { name: 'dst_endpoint.hostname', type_id: 1, type: 'Hostname', value: host },
      { name: 'resources[0].uid', type_id: 6, type: 'URL String', value: site },
      { name: 'data_security.fingerprint', type_id: 30, type: 'Fingerprint', value: sighting.fingerprint },
    ],
    unmapped: {
      keyward: {
        fingerprint: sighting.fingerprint,
        redacted: sighting.redacted,
        provider: sighting.provider,
        type: sighting.type,
        rule: sighting.rule,
        event: sighting.event,
        outcome: sighting.outcome,
      },
    },
  };
  if (sighting.justification) event.comment = sighting.justification;
  return event;
}

/**
 * The event sent when delivery resumes after the queue overflowed (or gave up on old events): how
 * many were lost, so the organisation knows its record has a gap.
 */
export function droppedEvent(count: number, time: number, uid: string, context: EventContext): OcsfEvent {
  return {
    activity_id: 99,
    activity_name: 'Other',
    category_uid: 2,
    category_name: 'Findings',
    class_uid: 2006,
    class_name: 'Data Security Finding',
    type_uid: 200699,
    type_name: 'Data Security Finding: Other',
    time,
    severity_id: 3,
    severity: 'Medium',
    status_id: 99,
    status: 'Other',
    status_detail: 'events-dropped',
    count,
    message: `KeyWard dropped ${count} event${count === 1 ? '' : 's'} it could not deliver (queue full or undeliverable for 7 days).`,
    metadata: {
      version: OCSF_VERSION,
      uid,
      log_name: 'keyward.findings',
      product: { name: 'KeyWard', uid: 'keyward-browser-extension', vendor_name: 'KeyWard', version: context.version },
    },
    finding_info: { uid, title: `${count} KeyWard events dropped`, types: ['Reporting Gap'] },
    actor: { app_name: context.browser, ...(context.userLabel ? { user: { name: context.userLabel } } : {}) },
  };
}

/**
 * An event inside Splunk's HTTP Event Collector envelope. `time` is in seconds (Splunk's unit);
 * `host` is who the browser belongs to when the policy says, else "keyward".
 */
export function toSplunkHec(event: OcsfEvent, context: Pick<EventContext, 'userLabel'>): Record<string, unknown> {
  return {
    time: (event.time as number) / 1000,
    host: context.userLabel || 'keyward',
    source: 'keyward',
    sourcetype: 'ocsf:data_security_finding',
    event,
  };
}

/** A URL's host name (`hostname`), or with its port (`host`); the text itself when it is not a URL. */
export function hostOf(url: string, part: 'hostname' | 'host' = 'hostname'): string {
  try {
    return new URL(url)[part] || url;
  } catch {
    return url;
  }
}

function providerName(id: string): string {
  return PROVIDERS.find((p) => p.id === id)?.label ?? (id === 'custom' ? 'custom-pattern' : id);
}

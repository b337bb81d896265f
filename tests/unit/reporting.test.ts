import 'fake-indexeddb/auto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findKeys, redact, replaceKeys } from '../../utils/detect';
import { OUTCOMES } from '../../utils/inventory/outcomes';
import { EVENT_KINDS } from '../../utils/policy/schema';
import { forCache } from '../../utils/policy/compute';
import { mergeSettings } from '../../utils/policy/merge';
import { validateSettings } from '../../utils/policy/validate';
import { browserName, reportingConfig } from '../../utils/reporting/config';
import { droppedEvent, toOcsf, toSplunkHec, type OcsfEvent } from '../../utils/reporting/event';
import { QUEUE_LIMIT, ReportingQueue } from '../../utils/reporting/queue';
import { BATCH_SIZE, Reporter, RETRY_WINDOW_MS, type ReportingConfig } from '../../utils/reporting/reporter';
import { ocsfProblems } from '../helpers/ocsf';
import { makeKey, seededRng } from '../helpers/keys';
import { sighting } from './inventory-fixtures';

const CONTEXT = { version: '0.1.0', browser: 'Chrome 131', userLabel: 'alice@example.com', includePath: true };

describe('OCSF events', () => {
  it('every event kind and outcome makes a valid Data Security Finding', () => {
    for (const event of EVENT_KINDS) {
      for (const outcome of OUTCOMES) {
        const e = toOcsf(sighting({ event, outcome, justification: outcome === 'inserted-anyway' ? 'demo for the vendor' : undefined }), CONTEXT);
        expect(ocsfProblems(e), `${event}/${outcome}`).toBeUndefined();
      }
    }
    expect(ocsfProblems(droppedEvent(12, Date.now(), 'dropped-1', CONTEXT))).toBeUndefined();
  });

  it('the schema catches a broken event (the check can fail)', () => {
    const e = toOcsf(sighting(), CONTEXT);
    expect(ocsfProblems({ ...e, class_uid: 2004 })).toMatch(/class_uid/);
    expect(ocsfProblems({ ...e, time: String(e.time) })).toMatch(/time/);
  });

  it('carries the redacted form, fingerprint, site, event kind, disposition, justification, version, browser and user label', () => {
    const s = sighting({ event: 'paste', outcome: 'inserted-anyway', justification: 'vendor onboarding', path: '/c/abc' });
    const e = toOcsf(s, CONTEXT) as Record<string, any>;
    expect(e.metadata.uid).toBe(s.id);
    expect(e.time).toBe(s.time);
    expect(e.data_security.pattern_match).toBe(s.redacted);
    expect(e.observables).toContainEqual(expect.objectContaining({ type_id: 30, value: s.fingerprint }));
    expect(e.resources[0].uid).toBe('https://github.com/c/abc');
    expect(e.metadata.product.feature.uid).toBe('paste');
    expect(e.disposition).toBe('Allowed');
    expect(e.comment).toBe('vendor onboarding');
    expect(e.metadata.product.version).toBe('0.1.0');
    expect(e.actor).toEqual({ app_name: 'Chrome 131', user: { name: 'alice@example.com' } });
    expect(e.unmapped.keyward).toMatchObject({ provider: 'openai', rule: s.rule, type: s.type, outcome: 'inserted-anyway' });
  });

  it('maps outcomes to OCSF dispositions: blocked, corrected for redacted, allowed otherwise', () => {
    const disposition = (outcome: (typeof OUTCOMES)[number]) => (toOcsf(sighting({ outcome }), CONTEXT) as { disposition_id: number }).disposition_id;
    expect(disposition('blocked')).toBe(2);
    expect(disposition('redacted')).toBe(11);
    for (const o of ['warned', 'inserted-anyway', 'removed', 'allowed'] as const) expect(disposition(o)).toBe(1);
  });

  it('with includePath false, only the origin', () => {
    const e = toOcsf(sighting({ path: '/private/project' }), { ...CONTEXT, includePath: false });
    expect(JSON.stringify(e)).not.toContain('/private/project');
  });

  it('splunk-hec wraps the same event in the collector envelope, time in seconds', () => {
    const e = toOcsf(sighting(), CONTEXT);
    const hec = toSplunkHec(e, CONTEXT);
    expect(hec).toEqual({ time: (e.time as number) / 1000, host: 'alice@example.com', source: 'keyward', sourcetype: 'ocsf:data_security_finding', event: e });
  });
});

describe('reporting policy', () => {
  const reporting = (value: unknown) => validateSettings({ reporting: value }, 'policy');

  it('a valid policy turns reporting on with its defaults', () => {
    const checked = reporting({ url: 'https://siem.example.com/keyward', token: 't0ken' });
    expect(checked.errors).toEqual([]);
    expect(reportingConfig(checked.values.reporting)).toEqual({ url: 'https://siem.example.com/keyward', format: 'ocsf', includePath: true, token: 't0ken' });
  });

  it('http only to this machine', () => {
    expect(reportingConfig(reporting({ url: 'http://127.0.0.1:8088/services/collector/event' }).values.reporting)?.url).toBe(
      'http://127.0.0.1:8088/services/collector/event',
    );
    expect(reportingConfig(reporting({ url: 'http://localhost/x' }).values.reporting)).toBeDefined();
    const remote = reporting({ url: 'http://siem.example.com/keyward' });
    expect(reportingConfig(remote.values.reporting)).toBeUndefined();
    expect(remote.errors).toEqual([{ field: 'reporting.url', message: 'must use https (http only for localhost and 127.0.0.1); reporting stays off' }]);
  });

  it('a malformed URL, an unknown format or a bad field keeps reporting off and says why', () => {
    for (const bad of [
      { url: 'not a url' },
      { url: 'https://siem.example.com/', format: 'syslog' },
      { url: 'https://siem.example.com/', includePath: 'yes' },
      { url: 'https://user:pw@siem.example.com/' },
      'https://siem.example.com/',
    ]) {
      const checked = reporting(bad);
      expect(reportingConfig(checked.values.reporting), JSON.stringify(bad)).toBeUndefined();
      expect(checked.errors.length, JSON.stringify(bad)).toBeGreaterThan(0);
      expect(checked.errors[0]!.field).toMatch(/^reporting/);
    }
  });

  it('a user cannot turn reporting on', () => {
    const user = validateSettings({ reporting: { url: 'https://siem.example.com/' } }, 'user');
    // Validated, but merge.ts and compute.ts leave policy-only settings to the policy.
    expect(user.set).toContain('reporting');
  });

  it('the token never reaches the settings cache that content scripts and pages read', () => {
    const merged = mergeSettings(validateSettings({}, 'user'), validateSettings({ reporting: { url: 'https://siem.example.com/', token: 't0ken' } }, 'policy'));
    expect(merged.settings.reporting.token).toBe('t0ken');
    const cached = forCache(merged);
    expect(JSON.stringify(cached)).not.toContain('t0ken');
    expect(cached.settings.reporting.url).toBe('https://siem.example.com/');
  });

  it('names the browser', () => {
    expect(browserName('Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0')).toBe('Firefox 128');
    expect(browserName('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36')).toBe('Chrome 131');
  });
});

/** A receiver on 127.0.0.1 that records what it gets and answers as told. */
class Receiver {
  requests: { headers: IncomingMessage['headers']; body: string }[] = [];
  answer: (n: number) => number = () => 200;
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        this.requests.push({ headers: req.headers, body });
        res.statusCode = this.answer(this.requests.length);
        res.end();
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/ingest`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** Every event received (OCSF arrays, or HEC envelopes one after another). */
  events(): OcsfEvent[] {
    return this.requests.flatMap((r) =>
      r.body.trim().startsWith('[') ? (JSON.parse(r.body) as OcsfEvent[]) : r.body.split('\n').map((line) => (JSON.parse(line) as { event: OcsfEvent }).event),
    );
  }

  uids(): string[] {
    return this.events().map((e) => (e.metadata as { uid: string }).uid);
  }
}

describe('delivery', () => {
  let receiver: Receiver;
  let queue: ReportingQueue;
  let clock: number;
  let wakes: number[];
  let n = 0;

  const reporter = (config: Partial<ReportingConfig> = {}) =>
    new Reporter({
      queue,
      config: async () => ({ url: receiver.url, format: 'ocsf', includePath: true, token: 'secret-token', ...config }),
      product: { version: '0.1.0', browser: 'Chrome 131' },
      fetch: (input, init) => fetch(input, init),
      now: () => clock,
      wakeAt: (t) => wakes.push(t),
      uid: () => `uid-${++n}`,
      redactKeys: (text) => replaceKeys(text, findKeys(text)),
    });

  beforeEach(async () => {
    receiver = new Receiver();
    await receiver.start();
    queue = await ReportingQueue.open(`reporting-${++n}`);
    clock = 1_800_000_000_000;
    wakes = [];
  });
  afterEach(async () => {
    queue.close();
    await receiver.stop();
  });

  it('sends OCSF batches with the Bearer token; a batch goes out at 100 events, smaller ones when woken', async () => {
    const r = reporter();
    await r.record([sighting(), sighting()]);
    expect(receiver.requests).toHaveLength(0);
    expect(wakes).toEqual([clock + 10_000]);
    await r.flush();
    expect(receiver.requests).toHaveLength(1);
    expect(receiver.requests[0]!.headers.authorization).toBe('Bearer secret-token');
    expect(receiver.events()).toHaveLength(2);
    for (const e of receiver.events()) expect(ocsfProblems(e)).toBeUndefined();
    expect((await r.status()).queued).toBe(0);
    expect((await r.status()).lastDelivery).toBe(clock);
  });

  it('splunk-hec: envelopes and the Splunk token', async () => {
    const r = reporter({ format: 'splunk-hec', userLabel: 'bob' });
    await r.record([sighting(), sighting()]);
    await r.flush();
    expect(receiver.requests[0]!.headers.authorization).toBe('Splunk secret-token');
    const lines = receiver.requests[0]!.body.split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ host: 'bob', source: 'keyward', sourcetype: 'ocsf:data_security_finding' });
    expect(ocsfProblems(lines[0].event)).toBeUndefined();
  });

  it('a key in the path or the justification never leaves the browser: the event carries its redacted form', async () => {
    const key = makeKey('openai-project-164', seededRng(4242));
    const r = reporter();
    await r.record([sighting({ path: `/share/${key}`, justification: `needed ${key} for the demo`, outcome: 'inserted-anyway' })]);
    await r.flush();
    const body = receiver.requests[0]!.body;
    expect(body.includes(key)).toBe(false);
    const event = receiver.events()[0]!;
    expect(event.comment).toBe(`needed ${redact(key)} for the demo`);
    expect((event.resources as { uid: string }[])[0]!.uid).toBe(`https://github.com/share/${redact(key)}`);
  });

  it('1,000 sightings in a burst: 1,000 events in batches of at most 100, no duplicates', async () => {
    const r = reporter();
    const burst = Array.from({ length: 1000 }, () => sighting());
    await r.record(burst);
    await r.flush();
    const uids = receiver.uids();
    expect(uids).toHaveLength(1000);
    expect(new Set(uids).size).toBe(1000);
    expect(Math.max(...receiver.requests.map((q) => (JSON.parse(q.body) as unknown[]).length))).toBe(BATCH_SIZE);
  });

  it('a receiver that is down: retried with growing backoff, every event delivered once it is back', async () => {
    const r = reporter();
    receiver.answer = () => 503;
    const sent = [sighting(), sighting(), sighting()];
    await r.record(sent);
    const start = clock;
    await r.flush();
    expect(receiver.requests).toHaveLength(1);
    expect((await r.status()).lastError?.message).toMatch(/503/);
    const firstWait = wakes.at(-1)! - start;
    // Before the wake-up time nothing is sent again.
    await r.flush();
    expect(receiver.requests).toHaveLength(1);
    clock = wakes.at(-1)!;
    await r.flush();
    expect(receiver.requests).toHaveLength(2);
    expect(wakes.at(-1)! - clock).toBe(2 * firstWait);
    receiver.answer = () => 200;
    clock = wakes.at(-1)!;
    const later = sighting();
    await r.record([later]);
    await r.flush();
    const status = await r.status();
    expect(status.queued).toBe(0);
    expect(status.lastError).toBeUndefined();
    const delivered = JSON.parse(receiver.requests.at(-1)!.body) as OcsfEvent[];
    expect(delivered.map((e) => (e.metadata as { uid: string }).uid)).toEqual([...sent, later].map((s) => s.id));
  });

  it('a batch answered 400 is set aside and counted; the rest still flows', async () => {
    const r = reporter();
    receiver.answer = (i) => (i === 1 ? 400 : 200);
    await r.record(Array.from({ length: 150 }, () => sighting()));
    await r.flush();
    const status = await r.status();
    expect(status.setAside).toBe(100);
    expect(status.queued).toBe(0);
    expect(receiver.requests).toHaveLength(2);
    expect((JSON.parse(receiver.requests[1]!.body) as unknown[]).length).toBe(50);
    expect(status.lastRefusal?.message).toMatch(/400/);
  });

  it('past 10,000 queued events the oldest are dropped, and a "N events dropped" event goes first when delivery resumes', async () => {
    const r = reporter();
    receiver.answer = () => 503;
    await r.record(Array.from({ length: QUEUE_LIMIT + 5 }, () => sighting()));
    expect(await queue.size()).toBe(QUEUE_LIMIT);
    expect((await r.status()).droppedTotal).toBe(5);
    receiver.answer = () => 200;
    await r.flush();
    const events = receiver.events();
    expect(events[0]).toMatchObject({ status_detail: 'events-dropped', count: 5 });
    expect(ocsfProblems(events[0])).toBeUndefined();
    expect(events.filter((e) => e.status_detail === 'events-dropped')).toHaveLength(1);
    expect(events).toHaveLength(QUEUE_LIMIT + 1);
  }, 120_000);

  it('events still undelivered after 7 days are dropped and reported as dropped', async () => {
    const r = reporter();
    receiver.answer = () => 503;
    await r.record([sighting(), sighting()]);
    await r.flush();
    clock += RETRY_WINDOW_MS + 1;
    receiver.answer = () => 200;
    await r.flush();
    const last = JSON.parse(receiver.requests.at(-1)!.body) as OcsfEvent[];
    expect(last).toHaveLength(1);
    expect(last[0]).toMatchObject({ status_detail: 'events-dropped', count: 2 });
  });

  it('the queue survives a restart: a new reporter on the same database sends what was left', async () => {
    receiver.answer = () => 503;
    await reporter().record([sighting(), sighting()]);
    const name = `reporting-${n}`;
    queue.close();
    queue = await ReportingQueue.open(name);
    receiver.answer = () => 200;
    await reporter().flush();
    expect(new Set(receiver.uids()).size).toBe(2);
  });

  it('reporting off: nothing queued, nothing sent', async () => {
    const off = new Reporter({
      queue,
      config: async () => undefined,
      product: { version: '0.1.0', browser: 'Chrome 131' },
      fetch: (input, init) => fetch(input, init),
      now: () => clock,
      wakeAt: (t) => wakes.push(t),
      uid: () => 'x',
      redactKeys: (text) => text,
    });
    await off.record([sighting()]);
    await off.flush();
    expect(await queue.size()).toBe(0);
    expect(receiver.requests).toHaveLength(0);
  });
});

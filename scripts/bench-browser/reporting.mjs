// Team reporting's cost (see scripts/bench-browser.mjs for the ctx): recording a sighting with a reporting
// policy on, against the same without it, in the same run; and the events a receiver on 127.0.0.1 got.
import { createServer } from 'node:http';

const SENDS = 200;

/** A receiver that answers CORS preflights and 200, and counts the events it got. */
async function startReceiver() {
  let events = 0;
  const server = createServer((req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Headers', 'authorization, content-type');
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      events += JSON.parse(body).length;
      res.writeHead(200).end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/keyward`, events: () => events, close: () => new Promise((r) => server.close(r)) };
}

/** `SENDS` recordSighting round trips from an extension page, one after another. */
async function recordTimes(context) {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const page = await context.newPage();
  await page.goto(`chrome-extension://${new URL(worker.url()).host}/popup.html`);
  return { page, times: await page.evaluate(async (count) => {
    const times = [];
    for (let i = 0; i < count; i++) {
      const data = {
        id: `bench-report-${i}-${Math.random().toString(36).slice(2, 10)}`,
        fingerprint: (i % 50).toString(16).padStart(16, '0'),
        redacted: `sk-proj-…${String(i % 50).padStart(4, '0')}`,
        provider: 'openai',
        type: 'project key',
        rule: 'openai-project',
        origin: 'https://github.com',
        path: '/bench',
        event: 'paste',
        outcome: 'blocked',
        time: Date.now(),
      };
      const t0 = performance.now();
      const reply = await chrome.runtime.sendMessage({ keyward: 'recordSighting', data });
      times.push(performance.now() - t0);
      if (!reply?.ok || !reply.data.recorded) throw new Error(`not recorded: ${JSON.stringify(reply)}`);
    }
    return times;
  }, SENDS) };
}

export async function run(ctx) {
  const receiver = await startReceiver();
  try {
    const off = await ctx.launch({ extension: ctx.extensionDir });
    let without;
    try {
      without = (await recordTimes(off)).times;
    } finally {
      await off.close();
    }
    let on;
    try {
      on = await ctx.launch({ extension: ctx.extensionDir, policy: { reporting: { url: receiver.url, token: 'bench' } }, passThrough: [receiver.url] });
    } catch (error) {
      ctx.log(`  reporting: skipped (${error.message}; writing the managed policy needs root)`);
      return undefined;
    }
    let withReporting;
    try {
      const { page, times } = await recordTimes(on);
      // The policy must be in force for the figure to mean anything: wait until the status says so and every event arrived.
      const status = await page.evaluate(async () => (await chrome.runtime.sendMessage({ keyward: 'reportingStatus', data: {} })).data);
      if (!status.on) throw new Error('the reporting policy was not applied');
      const deadline = Date.now() + 60_000;
      while (receiver.events() < SENDS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      withReporting = times;
    } finally {
      await on.close();
    }
    const ms = (v) => `${v.toFixed(2)} ms`;
    ctx.log(`  recording a sighting: ${ms(ctx.median(without))} without reporting, ${ms(ctx.median(withReporting))} with; ${receiver.events()} of ${SENDS} events delivered`);
    return [
      '### Team reporting',
      '',
      '| Measure | This build | Budget |',
      '| --- | --- | --- |',
      `| Recording a sighting, reporting off (recordSighting round trip from an extension page; median of ${SENDS}; p95) | ${ms(ctx.median(without))} (p95 ${ms(ctx.percentile(without, 95))}) | ≤ 5 ms median |`,
      `| Recording a sighting, reporting on to a receiver on 127.0.0.1 (same; median of ${SENDS}; p95) | ${ms(ctx.median(withReporting))} (p95 ${ms(ctx.percentile(withReporting, 95))}) | ≤ 5 ms median |`,
      `| Events the receiver got from those ${SENDS} sightings (batches of up to 100) | ${receiver.events()} | ${SENDS} |`,
    ].join('\n');
  } finally {
    await receiver.close();
  }
}

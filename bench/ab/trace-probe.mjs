// node bench/ab/trace-probe.mjs <tree root> [events] [steps]: a Chrome trace of a sweep with views (on the
// tree's built bench dist); prints the renderer main thread's self time by trace event name.
const root = process.argv[2];
const N = Number(process.argv[3] ?? 100000);
const STEPS = Number(process.argv[4] ?? 40);
const { launchBrowser } = await import(`${root}/bench/lib/chromium.mjs`);
const { openBench, openApp } = await import(`${root}/bench/lib/pages.mjs`);
const { buildAndServe } = await import(`${root}/bench/lib/server.mjs`);
const { seekSeries } = await import(`${root}/bench/lib/probes.mjs`);
const { server, url } = await buildAndServe({ build: false, profile: false, events: N });
const browser = await launchBrowser();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const bench = await openBench(context, url);
  await bench.evaluate(([n]) => window.__bench.generate(n, 2026), [N]);
  await bench.evaluate(() => window.__bench.importEventDesk());
  await bench.close();
  const { page } = await openApp(context, url, 'app');
  await new Promise((r) => setTimeout(r, 5000));
  const head = await page.evaluate(() => window.__eventdesk.store.getState().head);
  const seqs = [];
  for (let i = 0; i <= STEPS; i++) seqs.push(Math.round(head * 0.3 + (i * head * 0.4) / STEPS));
  await page.evaluate(() => window.__eventdesk.store.getState().goLive());
  const cdp = await context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  await page.evaluate(seekSeries, [seqs, 120000]);
  await cdp.send('Tracing.end');
  await done;
  // Renderer main thread: the thread with the most FunctionCall events.
  const byThread = new Map();
  for (const e of events) if (e.name === 'FunctionCall' || e.name === 'RunTask') byThread.set(`${e.pid}:${e.tid}`, (byThread.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
  const main = [...byThread].sort((a, b) => b[1] - a[1])[0][0];
  const self = new Map();
  // Self time of complete events ('X') on the main thread, nested by timestamps.
  const list = events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const stack = [];
  for (const e of list) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
    if (stack.length) { const p = stack.at(-1); self.set(p.name, (self.get(p.name) ?? 0) - e.dur); }
    self.set(e.name, (self.get(e.name) ?? 0) + e.dur);
    stack.push(e);
  }
  const total = [...self].filter(([n]) => n !== 'RunTask' && n !== 'ThreadControllerImpl::RunTask').reduce((a, [, v]) => a + v, 0);
  console.log(`${STEPS} steps, main thread busy (self sums, excl. RunTask) ${(total / 1000).toFixed(0)} ms`);
  for (const [n, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 22)) console.log(`${(v / 1000).toFixed(0).padStart(7)} ms  ${n}`);
  await context.close();
} finally {
  await browser.close().catch(() => {});
  await server.close().catch(() => {});
}

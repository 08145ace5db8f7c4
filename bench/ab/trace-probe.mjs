// node bench/ab/trace-probe.mjs <tree root> [events] [steps]: a Chrome trace of a sweep with views (on the
// tree's built bench dist); prints the renderer main thread's self time by trace event name.
import { importHistory, mainThreadSelfTimes, newProbeContext, sleep, treeLib, withBenchBrowser } from './probe-kit.mjs';
const root = process.argv[2];
const N = Number(process.argv[3] ?? 100000);
const STEPS = Number(process.argv[4] ?? 40);
const lib = await treeLib(root);
await withBenchBrowser(lib, { events: N }, async ({ browser, url }) => {
  const context = await newProbeContext(browser);
  await importHistory(lib, context, url, N);
  const { page } = await lib.openApp(context, url, 'app');
  await sleep(5000);
  const head = await page.evaluate(() => window.__eventdesk.store.getState().head);
  const seqs = [];
  for (let i = 0; i <= STEPS; i++) seqs.push(Math.round(head * 0.3 + (i * head * 0.4) / STEPS));
  await page.evaluate(() => window.__eventdesk.store.getState().goLive());
  const cdp = await context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  await page.evaluate(lib.seekSeries, [seqs, 120000]);
  await cdp.send('Tracing.end');
  await done;
  const self = mainThreadSelfTimes(events);
  const total = [...self].filter(([n]) => n !== 'RunTask' && n !== 'ThreadControllerImpl::RunTask').reduce((a, [, v]) => a + v, 0);
  console.log(`${STEPS} steps, main thread busy (self sums, excl. RunTask) ${(total / 1000).toFixed(0)} ms`);
  for (const [n, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 22)) console.log(`${(v / 1000).toFixed(0).padStart(7)} ms  ${n}`);
  await context.close();
});

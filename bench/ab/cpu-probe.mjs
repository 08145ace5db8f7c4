// CPU-time A/B probe: node bench/ab/cpu-probe.mjs <tree root> [events=100000]   (BUILD=1 to build that tree first)
// Uses the tree's own bench build (run its bench once first) and bench helpers. For each step it reports wall ms
// and the CPU seconds used by all of Chromium's processes (utime+stime from /proc, 10 ms ticks): CPU time barely
// grows when other work shares the cores, so it compares trees on a loaded machine where wall time cannot.
import { chromiumCpuSeconds, generateHistory, newProbeContext, sleep, treeLib, withBenchBrowser } from './probe-kit.mjs';
const root = process.argv[2];
const N = Number(process.argv[3] ?? 100000);
const lib = await treeLib(root);
const { openApp, seekSeries } = lib;
const cpuOfTree = () => chromiumCpuSeconds({ childTimes: true, chromiumOnly: true });

const out = {};
async function step(name, fn) {
  const c0 = cpuOfTree();
  const t0 = Date.now();
  const r = await fn();
  const cpu = cpuOfTree() - c0;
  (out[name] ??= []).push({ wallMs: Date.now() - t0, cpuS: Math.round(cpu * 100) / 100 });
  console.log(`${name}: wall ${Date.now() - t0} ms, chromium CPU ${cpu.toFixed(2)} s`);
  return r;
}
await withBenchBrowser(lib, { events: N, build: !!process.env.BUILD }, async ({ browser, url }) => {
  const context = await newProbeContext(browser);
  const bench = await generateHistory(lib, context, url, N);
  for (let i = 0; i < 3; i++) await step('import', () => bench.evaluate(() => window.__bench.importEventDesk()));
  await bench.close();
  let { page } = await step('first start (full fold)', () => openApp(context, url, 'first'));
  await sleep(3000);
  for (let i = 0; i < 2; i++) await step('rebuild', () => page.evaluate(() => window.__eventdesk.desk.timeMachine.rebuild().then((s) => s.seq)));
  await page.close();
  for (let i = 0; i < 3; i++) {
    const opened = await step('cold start', () => openApp(context, url, 'cold'));
    page = opened.page;
    if (i < 2) await page.close();
  }
  await sleep(3000);
  const head = await page.evaluate(() => window.__eventdesk.store.getState().head);
  const seqs = [];
  for (let i = 0; i <= 200; i++) seqs.push(Math.round((i * head) / 200));
  for (let i = 0; i < 2; i++) {
    await page.evaluate(() => window.__eventdesk.store.getState().goLive());
    await step('sweep 200 steps (views)', () => page.evaluate(seekSeries, [seqs, 120000]));
  }
  const jumps = [];
  let x = 12345;
  for (let i = 0; i < 30; i++) { x = (x * 1103515245 + 12345) % 2147483648; jumps.push(x % head); }
  for (let i = 0; i < 2; i++) {
    await page.evaluate(() => window.__eventdesk.store.getState().goLive());
    await step('30 random jumps (engine)', () => page.evaluate(async (js) => { for (const j of js) await window.__eventdesk.desk.timeMachine.seekTo(j); }, jumps));
  }
  await context.close();
});
console.log(JSON.stringify(out));

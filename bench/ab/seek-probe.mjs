// Engine-only seek A/B probe: node bench/ab/seek-probe.mjs <tree root> [events=200000] [rounds=2]   (BUILD=1 builds first)
// In the tree's own bench build: imports N events, opens the app, then per round a drag (TimeMachine.seekTo over
// 0 → head in 500 steps, no render wait) and 60 seeded random jumps (and first, three cold starts), each seek timed, plus the CPU seconds of all
// Chromium processes (utime+stime from /proc), which a loaded machine moves far less than wall time.
import { chromiumCpuSeconds as cpuSeconds, importHistory, newProbeContext, sleep, treeLib, withBenchBrowser } from './probe-kit.mjs';
const root = process.argv[2];
const N = Number(process.argv[3] ?? 200000);
const ROUNDS = Number(process.argv[4] ?? 2);
const lib = await treeLib(root, ['chromium', 'pages', 'server']);
const chromiumCpuSeconds = () => cpuSeconds({ childTimes: true, chromiumOnly: true });

const q = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};
async function timed(name, page, seqs) {
  const c0 = chromiumCpuSeconds();
  await page.evaluate(() => window.__eventdesk.store.getState().goLive());
  const ms = await page.evaluate(async (list) => {
    const tm = window.__eventdesk.desk.timeMachine;
    const out = [];
    for (const s of list) {
      const t0 = performance.now();
      await tm.seekTo(s);
      out.push(performance.now() - t0);
    }
    return out;
  }, seqs);
  const cpu = chromiumCpuSeconds() - c0;
  console.log(`${name}: p50 ${q(ms, 0.5).toFixed(1)} / p95 ${q(ms, 0.95).toFixed(1)} / max ${Math.max(...ms).toFixed(1)} ms, chromium CPU ${cpu.toFixed(2)} s`);
}

await withBenchBrowser(lib, { events: N, build: !!process.env.BUILD }, async ({ browser, url }) => {
  const context = await newProbeContext(browser);
  await importHistory(lib, context, url, N);
  await lib.openApp(context, url, 'first');
  // Cold starts (the first start's page left open a few seconds, as a user would: its idle work runs).
  await sleep(4000);
  const colds = [];
  let page;
  for (let i = 0; i < 3; i++) {
    const opened = await lib.openApp(context, url, 'cold');
    colds.push(opened.cold);
    if (i < 2) await opened.page.close();
    else page = opened.page;
  }
  console.log(`cold start ready ${colds.map((c) => Math.round(c.ready)).join(', ')} / frame ${colds.map((c) => Math.round(c.frame)).join(', ')} ms`);
  await sleep(3000);
  const head = await page.evaluate(() => window.__eventdesk.store.getState().head);
  const drag = Array.from({ length: 501 }, (_, i) => Math.round((i * head) / 500));
  for (let r = 0; r < ROUNDS; r++) {
    // New targets each round (the same ones would find their states cached from the round before).
    let x = 12345 + r;
    const jumps = Array.from({ length: 60 }, () => ((x = (x * 1103515245 + 12345) % 2147483648), x % head));
    await timed(`drag 500 steps (engine)`, page, drag);
    await timed(`60 random jumps (engine)`, page, jumps);
  }
  await context.close();
});

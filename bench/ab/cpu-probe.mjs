// CPU-time A/B probe: node bench/ab/cpu-probe.mjs <tree root> [events=100000]   (BUILD=1 to build that tree first)
// Uses the tree's own bench build (run its bench once first) and bench helpers. For each step it reports wall ms
// and the CPU seconds used by all of Chromium's processes (utime+stime from /proc, 10 ms ticks): CPU time barely
// grows when other work shares the cores, so it compares trees on a loaded machine where wall time cannot.
import { readFileSync, readdirSync } from 'node:fs';
const root = process.argv[2];
const N = Number(process.argv[3] ?? 100000);
const { launchBrowser } = await import(`${root}/bench/lib/chromium.mjs`);
const { openBench, openApp } = await import(`${root}/bench/lib/pages.mjs`);
const { buildAndServe } = await import(`${root}/bench/lib/server.mjs`);
const { seekSeries } = await import(`${root}/bench/lib/probes.mjs`);

function cpuOfTree(rootPid) {
  const children = new Map();
  const ticks = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(f[1]);
      ticks.set(Number(d), Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]));
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(d));
    } catch {
      /* the process ended while listed */
    }
  }
  let total = 0;
  const stack = [...(children.get(rootPid) ?? [])];
  while (stack.length) {
    const p = stack.pop();
    if (/chrom/.test(safeComm(p))) total += ticks.get(p) ?? 0;
    stack.push(...(children.get(p) ?? []));
  }
  return total / 100;
}
function safeComm(p) { try { return readFileSync(`/proc/${p}/comm`, 'utf8'); } catch { return ''; } }

const out = {};
async function step(name, fn) {
  const c0 = cpuOfTree(process.pid);
  const t0 = Date.now();
  const r = await fn();
  const cpu = cpuOfTree(process.pid) - c0;
  (out[name] ??= []).push({ wallMs: Date.now() - t0, cpuS: Math.round(cpu * 100) / 100 });
  console.log(`${name}: wall ${Date.now() - t0} ms, chromium CPU ${cpu.toFixed(2)} s`);
  return r;
}
const { server, url } = await buildAndServe({ build: !!process.env.BUILD, profile: false, events: N });
const browser = await launchBrowser();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const bench = await openBench(context, url);
  await bench.evaluate(([n]) => window.__bench.generate(n, 2026), [N]);
  for (let i = 0; i < 3; i++) await step('import', () => bench.evaluate(() => window.__bench.importEventDesk()));
  await bench.close();
  let { page } = await step('first start (full fold)', () => openApp(context, url, 'first'));
  await new Promise((r) => setTimeout(r, 3000));
  for (let i = 0; i < 2; i++) await step('rebuild', () => page.evaluate(() => window.__eventdesk.desk.timeMachine.rebuild().then((s) => s.seq)));
  await page.close();
  for (let i = 0; i < 3; i++) {
    const opened = await step('cold start', () => openApp(context, url, 'cold'));
    page = opened.page;
    if (i < 2) await page.close();
  }
  await new Promise((r) => setTimeout(r, 3000));
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
} finally {
  await browser.close().catch(() => {});
  await server.close().catch(() => {});
}
console.log(JSON.stringify(out));

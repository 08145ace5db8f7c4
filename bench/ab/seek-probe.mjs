// Engine-only seek A/B probe: node bench/ab/seek-probe.mjs <tree root> [events=200000] [rounds=2]   (BUILD=1 builds first)
// In the tree's own bench build: imports N events, opens the app, then per round a drag (TimeMachine.seekTo over
// 0 → head in 500 steps, no render wait) and 60 seeded random jumps (and first, three cold starts), each seek timed, plus the CPU seconds of all
// Chromium processes (utime+stime from /proc), which a loaded machine moves far less than wall time.
import { readFileSync, readdirSync } from 'node:fs';
const root = process.argv[2];
const N = Number(process.argv[3] ?? 200000);
const ROUNDS = Number(process.argv[4] ?? 2);
const { launchBrowser } = await import(`${root}/bench/lib/chromium.mjs`);
const { openBench, openApp } = await import(`${root}/bench/lib/pages.mjs`);
const { buildAndServe } = await import(`${root}/bench/lib/server.mjs`);

function chromiumCpuSeconds(rootPid) {
  const children = new Map();
  const ticks = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(Number(d), Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]));
      const ppid = Number(f[1]);
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
    let comm = '';
    try {
      comm = readFileSync(`/proc/${p}/comm`, 'utf8');
    } catch {
      /* gone */
    }
    if (/chrom/.test(comm)) total += ticks.get(p) ?? 0;
    stack.push(...(children.get(p) ?? []));
  }
  return total / 100;
}

const q = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};
async function timed(name, page, seqs) {
  const c0 = chromiumCpuSeconds(process.pid);
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
  const cpu = chromiumCpuSeconds(process.pid) - c0;
  console.log(`${name}: p50 ${q(ms, 0.5).toFixed(1)} / p95 ${q(ms, 0.95).toFixed(1)} / max ${Math.max(...ms).toFixed(1)} ms, chromium CPU ${cpu.toFixed(2)} s`);
}

const { server, url } = await buildAndServe({ build: !!process.env.BUILD, profile: false, events: N });
const browser = await launchBrowser();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const bench = await openBench(context, url);
  await bench.evaluate(([n]) => window.__bench.generate(n, 2026), [N]);
  await bench.evaluate(() => window.__bench.importEventDesk());
  await bench.close();
  await openApp(context, url, 'first');
  // Cold starts (the first start's page left open a few seconds, as a user would: its idle work runs).
  await new Promise((r) => setTimeout(r, 4000));
  const colds = [];
  let page;
  for (let i = 0; i < 3; i++) {
    const opened = await openApp(context, url, 'cold');
    colds.push(opened.cold);
    if (i < 2) await opened.page.close();
    else page = opened.page;
  }
  console.log(`cold start ready ${colds.map((c) => Math.round(c.ready)).join(', ')} / frame ${colds.map((c) => Math.round(c.frame)).join(', ')} ms`);
  await new Promise((r) => setTimeout(r, 3000));
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
} finally {
  await browser.close().catch(() => {});
  await server.close().catch(() => {});
}

// node bench/ab/views-probe.mjs [--events 200000] [--steps 200] [--profile] [--skip-build] [--drag] [--commands 10] [--trace]
// Where a drag step's render time goes (issue 11), on this tree's bench build: imports the bench history, opens the
// app, then sweeps the slider 0 → head in --steps steps (as the bench's sweep does) while counting, per step:
//   - which React components rendered (a React DevTools global hook walks each committed fiber tree; names are
//     readable with --profile, the unminified build),
//   - DOM mutation records (a MutationObserver on the desk),
// and reports the sweep's store / views times. --profile adds a CPU profile of the sweep (top self time);
// --trace a Chrome trace of it (main-thread time by trace event: script, style, layout, paint…);
// --drag the bench's mouse drag (fps), --commands N the bench's command round trip.
import { parseArgs as parseNodeArgs } from 'node:util';
import { launchBrowser } from '../lib/chromium.mjs';
import { openBench, openApp, waitSubscribers } from '../lib/pages.mjs';
import { buildAndServe } from '../lib/server.mjs';
import { seekSeries } from '../lib/probes.mjs';
import { fmt, round, summary } from '../lib/stats.mjs';
import { sweepSeqs } from '../sections/sweep.mjs';
import * as drag from '../sections/drag.mjs';
import * as command from '../sections/commands.mjs';
import { chromiumCpuSeconds, mainThreadSelfTimes } from './probe-kit.mjs';

const { values: o } = parseNodeArgs({
  options: {
    events: { type: 'string', default: '200000' },
    steps: { type: 'string', default: '200' },
    profile: { type: 'boolean', default: false },
    trace: { type: 'boolean', default: false },
    'skip-build': { type: 'boolean', default: false },
    drag: { type: 'boolean', default: false },
    commands: { type: 'string', default: '0' },
    seed: { type: 'string', default: '2026' },
    callers: { type: 'string', default: '' },
  },
});
const N = Number(o.events);
const STEPS = Number(o.steps);

/** Runs in the page before React: a DevTools hook that counts, per component name, the renders of each commit. */
function renderCounter() {
  const R = (window.__renders = { on: false, commits: 0, renders: {}, mounts: 0 });
  const nameOf = (f) => {
    const t = f.type;
    if (!t || typeof t === 'string') return null;
    return t.displayName || t.name || t.type?.displayName || t.type?.name || t.render?.name || '(anonymous)';
  };
  const COMPONENT = new Set([0, 1, 11, 14, 15]);
  const countMount = (f) => {
    for (let c = f; c; c = c.sibling) {
      if (COMPONENT.has(c.tag)) R.mounts++;
      if (c.child) countMount(c.child);
    }
  };
  // As React DevTools does: a child whose `child` pointer did not change was bailed out with its whole subtree.
  const walk = (f) => {
    for (let c = f.child; c; c = c.sibling) {
      const alt = c.alternate;
      if (!alt) {
        if (COMPONENT.has(c.tag)) R.mounts++;
        if (c.child) countMount(c.child);
        continue;
      }
      if (COMPONENT.has(c.tag) && (c.memoizedProps !== alt.memoizedProps || c.memoizedState !== alt.memoizedState)) {
        const n = nameOf(c);
        R.renders[n] = (R.renders[n] ?? 0) + 1;
      }
      if (c.child !== alt.child) walk(c);
    }
  };
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    renderers: new Map(),
    inject(renderer) {
      const id = this.renderers.size + 1;
      this.renderers.set(id, renderer);
      return id;
    },
    onCommitFiberRoot(_id, root) {
      if (!R.on) return;
      R.commits++;
      walk(root.current);
    },
    onCommitFiberUnmount() {},
    onPostCommitFiberRoot() {},
    checkDCE() {},
  };
}

async function main() {
  const { server, url } = await buildAndServe({ build: !o['skip-build'], profile: o.profile, events: N });
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(renderCounter);
    const bench = await openBench(context, url);
    const gen = await bench.evaluate(([n, seed]) => window.__bench.generate(n, seed), [N, Number(o.seed)]);
    const imp = await bench.evaluate(() => window.__bench.importEventDesk());
    console.log(`generated ${fmt(gen.events)} events (${fmt(gen.orders)} orders), imported in ${fmt(imp.ms)} ms`);
    await bench.close();
    const first = await openApp(context, url, 'first');
    await waitSubscribers(first.page);
    await first.page.close();
    const { page, cold } = await openApp(context, url, 'app');
    console.log(`cold start: ready ${fmt(cold.ready)} ms, frame ${fmt(cold.frame)} ms`);
    await waitSubscribers(page);
    await new Promise((r) => setTimeout(r, 1000));
    const head = await page.evaluate(() => window.__eventdesk.store.getState().head);
    const counts = await page.evaluate(() => {
      const v = window.__eventdesk.store.getState().view;
      return { passbook: v.passbook.lines.length, orders: v.orders.order.length, posts: v.posts.order.length, dom: document.getElementsByTagName('*').length };
    });
    console.log(`head ${fmt(head)}: ${JSON.stringify(counts)}`);

    const seqs = sweepSeqs(head, STEPS);
    await page.evaluate(() => window.__eventdesk.store.getState().goLive());
    await page.evaluate(() => {
      const m = (window.__mut = { records: 0, on: true });
      new MutationObserver((rs) => {
        if (m.on) m.records += rs.length;
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      Object.assign(window.__renders, { on: true, commits: 0, renders: {}, mounts: 0 });
    });
    let cdp;
    const traceEvents = [];
    if (o.profile || o.trace) cdp = await context.newCDPSession(page);
    if (o.profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    let traceDone;
    if (o.trace) {
      cdp.on('Tracing.dataCollected', (d) => traceEvents.push(...d.value));
      traceDone = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
      await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
    }
    const cpu0 = chromiumCpuSeconds();
    const r = await page.evaluate(seekSeries, [seqs, 300_000]);
    const cpuS = chromiumCpuSeconds() - cpu0;
    const profile = o.profile ? (await cdp.send('Profiler.stop')).profile : null;
    if (o.trace) {
      await cdp.send('Tracing.end');
      await traceDone;
    }
    const counted = await page.evaluate(() => {
      window.__renders.on = false;
      window.__mut.on = false;
      return { renders: window.__renders, mutations: window.__mut.records };
    });
    const steps = r.view.length;
    console.log(`sweep ${steps} steps of ~${fmt(head / STEPS)} events: store ${JSON.stringify(summary(r.view))}`);
    console.log(`  views ${JSON.stringify(summary(r.render))} (timeouts ${r.timeouts})`);
    console.log(`  Chromium CPU ${round(cpuS, 2)} s in all, ${round((cpuS * 1000) / steps, 1)} ms per step (all its processes; barely moved by other load)`);
    console.log(`  per step: ${round(counted.renders.commits / steps, 1)} commits, ${round(counted.mutations / steps, 1)} DOM mutation records, ${round(counted.renders.mounts / steps, 1)} component mounts`);
    const byName = Object.entries(counted.renders.renders).sort((a, b) => b[1] - a[1]);
    console.log(`  component renders per step (${round(byName.reduce((a, [, n]) => a + n, 0) / steps, 1)} in all):`);
    for (const [n, c] of byName.slice(0, 40)) console.log(`    ${String(round(c / steps, 2)).padStart(7)}  ${n}`);
    if (profile) printProfile(profile);
    if (o.trace) printTrace(traceEvents);

    if (o.drag) {
      const ctx = { app: page, raw: {} };
      await drag.run(ctx);
      console.log(`drag: ${JSON.stringify(ctx.raw.drag)}`);
    }
    if (Number(o.commands) > 0) {
      const ctx = { app: page, raw: {}, opts: { commands: Number(o.commands) } };
      await command.run(ctx);
      console.log(`command: ${JSON.stringify(ctx.raw.command)}`);
    }
    await context.close();
  } finally {
    await browser.close().catch(() => {});
    await server.close().catch(() => {});
  }
}

function printProfile(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const f = byId.get(id).callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    const d = (profile.timeDeltas[i] ?? 0) / 1000;
    total += d;
    self.set(key, (self.get(key) ?? 0) + d);
  });
  const byFile = new Map();
  profile.samples.forEach((id, i) => {
    const f = byId.get(id).callFrame;
    const file = f.url ? f.url.split('/').pop().replace(/-[\w-]{8}\.js$/, '') : f.functionName;
    byFile.set(file, (byFile.get(file) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  console.log(`self time by file: ${[...byFile].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([f, ms]) => `${f} ${fmt(ms)}`).join(', ')}`);
  console.log(`CPU profile: ${fmt(total)} ms sampled; top self time:`);
  for (const [fn, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 35)) console.log(`  ${String(round((100 * ms) / total, 1)).padStart(5)}%  ${fmt(ms)} ms  ${fn}`);
  // Inclusive time of components (capitalised functions of the app's chunks) and a few known hot spots.
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const incl = new Map();
  profile.samples.forEach((id, i) => {
    const d = (profile.timeDeltas[i] ?? 0) / 1000;
    const seen = new Set();
    for (let x = id; x !== undefined; x = parent.get(x)) {
      const f = byId.get(x).callFrame;
      const fn = f.functionName;
      if (!/^[A-Z]/.test(fn) && !/^(use|measure|format|filter|performWorkOnRoot|commitRoot|flushPassiveEffects|seekTo|evolve|apply)/.test(fn)) continue;
      const key = `${fn} ${f.url.split('/').pop().replace(/-[\w-]{8}\.js$/, '')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      incl.set(key, (incl.get(key) ?? 0) + d);
    }
  });
  if (o.callers) {
    // Who calls a function (by name): its inclusive time split by the chain of its 4 nearest callers.
    const chains = new Map();
    profile.samples.forEach((id, i) => {
      const d = (profile.timeDeltas[i] ?? 0) / 1000;
      for (let x = id; x !== undefined; x = parent.get(x)) {
        if (byId.get(x).callFrame.functionName !== o.callers) continue;
        const names = [];
        for (let y = parent.get(x); y !== undefined && names.length < 4; y = parent.get(y)) names.push(byId.get(y).callFrame.functionName || '(anonymous)');
        const k = names.join(' < ');
        chains.set(k, (chains.get(k) ?? 0) + d);
        break;
      }
    });
    console.log(`callers of ${o.callers}:`);
    for (const [k, ms] of [...chains].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${fmt(ms)} ms  ${k}`);
  }
  console.log('inclusive time:');
  for (const [fn, ms] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, 45)) console.log(`  ${String(round((100 * ms) / total, 1)).padStart(5)}%  ${fmt(ms)} ms  ${fn}`);
}

function printTrace(events) {
  const self = mainThreadSelfTimes(events);
  console.log('trace, renderer main thread self time:');
  for (const [n, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`  ${fmt(v / 1000).padStart(7)} ms  ${n}`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e?.stack ?? e);
    process.exit(1);
  },
);

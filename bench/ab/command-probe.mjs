// node bench/ab/command-probe.mjs [--events 200000] [--commands 20] [--skip-build] [--profile]
// Where a user command's time goes (issue 11), on this tree's bench build: imports the bench history, opens the app
// (cold start timed as the bench does), then clicks "Charge points" --commands times as the bench's command section
// does, and records per click, relative to the click: each IndexedDB transaction (mode, stores, opened → complete),
// the desk's steps (findCommand, loadStream, appendToStreams, the views' catch-up / applyAppended, readRange,
// headSeq), the store updates (which keys), React commits, the Balance text changing, and the next frame.
// --profile adds a CPU profile of the clicks (top self time); --cold-profile a CPU profile of one more cold start
// (navigation → first frame at the head) and that start's IndexedDB transactions in order.
import { parseArgs as parseNodeArgs } from 'node:util';
import { launchBrowser } from '../lib/chromium.mjs';
import { openBench, openApp, waitSubscribers } from '../lib/pages.mjs';
import { buildAndServe } from '../lib/server.mjs';
import { coldStartProbe } from '../lib/probes.mjs';
import { fmt, round } from '../lib/stats.mjs';

const { values: o } = parseNodeArgs({
  options: {
    events: { type: 'string', default: '200000' },
    commands: { type: 'string', default: '20' },
    profile: { type: 'boolean', default: false },
    'cold-profile': { type: 'boolean', default: false },
    'skip-build': { type: 'boolean', default: false },
    seed: { type: 'string', default: '2026' },
  },
});
const N = Number(o.events);

/** Runs in the page before the app: records IndexedDB transactions and React commits into window.__ph while on. */
function phaseTracer() {
  const P = (window.__ph = { on: false, t0: 0, marks: [] });
  const mark = (name, start, end = start) => P.on && P.marks.push({ name, start, end });
  P.mark = mark;
  const tx = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (stores, mode, ...rest) {
    const t = tx.call(this, stores, mode, ...rest);
    if (P.on) {
      const start = performance.now();
      const names = (Array.isArray(stores) ? stores : [stores]).join(',');
      const done = (how) => () => mark(`idb ${mode ?? 'readonly'} [${names}] ${how}`, start, performance.now());
      t.addEventListener('complete', done('complete'));
      t.addEventListener('abort', done('abort'));
    }
    return t;
  };
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    renderers: new Map(),
    inject(renderer) {
      this.renderers.set(this.renderers.size + 1, renderer);
      return this.renderers.size;
    },
    onCommitFiberRoot() {
      mark('react commit', performance.now());
    },
    onCommitFiberUnmount() {},
    onPostCommitFiberRoot() {},
    checkDCE() {},
  };
}

/** Wraps the desk's steps (instance properties shadow the prototype's) so each call is a mark. */
function wrapDesk() {
  const { desk, store } = window.__eventdesk;
  const P = window.__ph;
  const wrap = (obj, name, label) => {
    const orig = obj[name];
    obj[name] = function (...args) {
      const start = performance.now();
      const r = orig.apply(this, args);
      if (r && typeof r.then === 'function') {
        r.then(
          () => P.mark(label, start, performance.now()),
          () => P.mark(`${label} (threw)`, start, performance.now()),
        );
      } else P.mark(label, start, performance.now());
      return r;
    };
  };
  wrap(desk, 'dispatch', 'desk.dispatch');
  wrap(desk.handler, 'handle', 'handler.handle');
  wrap(desk.log, 'findCommand', 'log.findCommand');
  wrap(desk.handler, 'loadStream', 'handler.loadStream');
  wrap(desk.log, 'appendToStreams', 'log.appendToStreams');
  wrap(desk.log, 'readRange', 'log.readRange');
  wrap(desk.log, 'headSeq', 'log.headSeq');
  wrap(desk.timeMachine, 'applyAppended', 'timeMachine.applyAppended');
  wrap(desk.timeMachine, 'catchUp', 'timeMachine.catchUp');
  desk.store.onAppended(() => P.mark('store announced (durable)', performance.now()));
  desk.onLive(() => P.mark('desk live listeners', performance.now()));
  store.subscribe((s, prev) => {
    const keys = Object.keys(s).filter((k) => s[k] !== prev[k]);
    P.mark(`store.set {${keys.join(',')}}`, performance.now());
  });
}

async function clickCommands(page, n) {
  await page.evaluate(() => window.__eventdesk.store.getState().goLive());
  const amount = page.locator('input[aria-label="Amount"]');
  const button = page.locator('button[aria-label="Charge points"]');
  await amount.scrollIntoViewIfNeeded();
  const runs = [];
  for (let i = 0; i < n; i++) {
    await amount.fill(String(1000 + i));
    await page.evaluate(() => {
      const P = window.__ph;
      P.marks = [];
      P.t0 = null;
      const bal = document.querySelector('output[aria-label="Balance"]');
      const before = bal?.textContent;
      window.addEventListener('click', (e) => {
        if (e.target.closest?.('button[aria-label="Charge points"]')) {
          P.t0 = performance.now();
          P.on = true;
        }
      }, { capture: true, once: true });
      const mo = new MutationObserver(() => {
        if (bal.textContent === before) return;
        mo.disconnect();
        P.mark('Balance text changed', performance.now());
        requestAnimationFrame(() => {
          P.mark('next frame (rAF)', performance.now());
          // After the frame's paint: a task queued from rAF runs after it.
          setTimeout(() => {
            P.mark('after paint (task after rAF)', performance.now());
            P.done = true;
          }, 0);
        });
      });
      P.done = false;
      mo.observe(bal, { subtree: true, childList: true, characterData: true });
    });
    await button.click();
    await page.waitForFunction(() => window.__ph.done, null, { timeout: 30_000 });
    await new Promise((r) => setTimeout(r, 150)); // late marks (subscribers, snapshot upkeep) of this click
    runs.push(
      await page.evaluate(() => {
        const P = window.__ph;
        P.on = false;
        return P.marks.map((m) => ({ name: m.name, start: m.start - P.t0, end: m.end - P.t0 }));
      }),
    );
  }
  return runs;
}

async function main() {
  const { server, url } = await buildAndServe({ build: !o['skip-build'], profile: o.profile, events: N });
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(phaseTracer);
    const bench = await openBench(context, url);
    const gen = await bench.evaluate(([n, seed]) => window.__bench.generate(n, seed), [N, Number(o.seed)]);
    const imp = await bench.evaluate(() => window.__bench.importEventDesk());
    console.log(`generated ${fmt(gen.events)} events, imported in ${fmt(imp.ms)} ms`);
    await bench.close();
    const first = await openApp(context, url, 'first');
    await waitSubscribers(first.page);
    await first.page.close();
    if (o['cold-profile']) await profileColdStart(context, url);
    const { page, cold } = await openApp(context, url, 'app');
    console.log(`cold start: handle ${fmt(cold.handle)} ms, ready ${fmt(cold.ready)} ms, rendered ${fmt(cold.rendered)} ms, frame ${fmt(cold.frame)} ms`);
    await waitSubscribers(page);
    await new Promise((r) => setTimeout(r, 1500));
    await page.evaluate(wrapDesk);
    // Two warm-up clicks (first-use code paths), not counted.
    await clickCommands(page, 2);
    let cdp;
    if (o.profile) {
      cdp = await context.newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const runs = await clickCommands(page, Number(o.commands));
    if (cdp) {
      const { profile } = await cdp.send('Profiler.stop');
      printProfile(profile);
    }
    printRuns(runs);
    await context.close();
  } finally {
    await browser.close().catch(() => {});
    await server.close().catch(() => {});
  }
}

/** A cold start with the tracer on from navigation: its IndexedDB transactions and a CPU profile up to the first frame. */
async function profileColdStart(context, url) {
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__ph.on = true;
    window.__ph.t0 = 0;
  });
  await page.addInitScript(coldStartProbe);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await page.goto(url);
  await page.waitForFunction(() => window.__cold?.frame !== undefined, null, { timeout: 120_000 });
  const { profile } = await cdp.send('Profiler.stop');
  const { cold, marks } = await page.evaluate(() => ({ cold: window.__cold, marks: window.__ph.marks.filter((m) => m.start <= window.__cold.frame) }));
  console.log(`profiled cold start: handle ${fmt(cold.handle)} ms, ready ${fmt(cold.ready)} ms, frame ${fmt(cold.frame)} ms; IndexedDB transactions and commits before the frame:`);
  for (const m of marks.sort((a, b) => a.start - b.start)) console.log(`  ${fmt(round(m.start, 1)).padStart(7)} → ${fmt(round(m.end, 1)).padStart(7)}  ${m.name}`);
  printProfile(profile);
  await page.close();
}

/** Per mark name (n-th occurrence in a click): median start and end over the clicks, in click order. */
function printRuns(runs) {
  const rows = new Map();
  for (const marks of runs) {
    const seen = new Map();
    for (const m of marks.sort((a, b) => a.end - b.end)) {
      const k = seen.get(m.name) ?? 0;
      seen.set(m.name, k + 1);
      const key = k ? `${m.name} #${k + 1}` : m.name;
      if (!rows.has(key)) rows.set(key, { starts: [], ends: [], n: 0 });
      const r = rows.get(key);
      r.starts.push(m.start);
      r.ends.push(m.end);
      r.n++;
    }
  }
  const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];
  console.log(`\nper click, ms after the click (median start → median end, p95 end; in how many of ${runs.length} clicks):`);
  const list = [...rows].sort((a, b) => med(a[1].ends) - med(b[1].ends));
  for (const [name, r] of list) {
    const s = med(r.starts);
    const e = med(r.ends);
    const span = e - s > 0.05 ? `${fmt(round(s, 1))} → ${fmt(round(e, 1))} (${round(e - s, 1)})` : `${fmt(round(e, 1))}`;
    console.log(`  ${span.padStart(24)}  p95 ${String(round(p95(r.ends), 1)).padStart(6)}  ${String(r.n).padStart(3)}×  ${name}`);
  }
}

function printProfile(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map();
  const incl = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const d = (profile.timeDeltas[i] ?? 0) / 1000;
    const f = byId.get(id).callFrame;
    if (f.functionName === '(idle)') return;
    total += d;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + d);
    const seen = new Set();
    for (let x = id; x !== undefined; x = parent.get(x)) {
      const g = byId.get(x).callFrame;
      const k = `${g.functionName || '(anonymous)'} ${g.url.split('/').pop()}:${g.lineNumber + 1}`;
      if (seen.has(k)) continue;
      seen.add(k);
      incl.set(k, (incl.get(k) ?? 0) + d);
    }
  });
  console.log(`CPU profile (not idle): ${fmt(total)} ms sampled; top self time:`);
  for (const [fn, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${String(round((100 * ms) / total, 1)).padStart(5)}%  ${fmt(round(ms, 1))} ms  ${fn}`);
  console.log('top inclusive time:');
  for (const [fn, ms] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`  ${String(round((100 * ms) / total, 1)).padStart(5)}%  ${fmt(round(ms, 1))} ms  ${fn}`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e?.stack ?? e);
    process.exit(1);
  },
);

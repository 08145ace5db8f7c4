// Where a random jump's time goes, by phase: node bench/ab/jump-phases.mjs <tree root> [events=200000] [jumps=60] [settleMs=300]
// (BUILD=1 builds first). In the tree's bench build: imports N events, opens the app as the bench does, waits for its
// idle work, then makes seeded random jumps through the engine (desk.seekTo), each from an idle app (settleMs apart),
// with the time machine's steps wrapped and timed in the page: snapshot load (IndexedDB get / verify + parse), shape
// check, the private copy of a checkpoint (structuredClone), segment reads (readRange: wall time until the events are
// there), the in-place fold (projection.applyAll on a private state), the thawed/Immer fold (projection.evolveAll).
// WAIT_SUMMARIES=1: the jumps start only once the idle-time range summaries are all made. Prints per-phase p50 / p95 / sum, and the five slowest jumps with their phases. Wrapping reads private fields
// (`o`, `snapshots` or `loadSnapshot`, `foldPrivate`), which the production build keeps as plain properties.
import { chromiumCpuSeconds, importHistory, newProbeContext, sleep, treeLib, withBenchBrowser } from './probe-kit.mjs';

const root = process.argv[2];
const N = Number(process.argv[3] ?? 200000);
const JUMPS = Number(process.argv[4] ?? 60);
const SETTLE = Number(process.argv[5] ?? 300);
const lib = await treeLib(root, ['chromium', 'pages', 'server']);

function instrument() {
  const { desk } = window.__eventdesk;
  const tm = desk.timeMachine;
  const cur = { phases: {} };
  window.__jumpPhases = cur;
  const add = (name, ms) => (cur.phases[name] = (cur.phases[name] ?? 0) + ms);
  const wrapAsync = (obj, key, name) => {
    const orig = obj[key].bind(obj);
    obj[key] = async (...args) => {
      const t0 = performance.now();
      try {
        return await orig(...args);
      } finally {
        add(name, performance.now() - t0);
      }
    };
  };
  const wrapSync = (obj, key, name, count) => {
    const orig = obj[key].bind(obj);
    obj[key] = (...args) => {
      const t0 = performance.now();
      try {
        return orig(...args);
      } finally {
        add(name, performance.now() - t0);
        if (count) add(count, count === 'events folded' ? args[1].length : 1);
      }
    };
  };
  const o = tm.o;
  // Trees after the split of time-machine.ts keep snapshots in `tm.snapshots` (SnapshotKeeper); older ones in `tm`.
  if (tm.snapshots) wrapAsync(tm.snapshots, 'load', 'snapshot load (all)');
  else wrapAsync(tm, 'loadSnapshot', 'snapshot load (all)');
  const db = o.snapshots.db;
  if (db?.snapshots) wrapAsync(db.snapshots, 'get', 'snapshot IDB get');
  if (tm.foldPrivate) wrapAsync(tm, 'foldPrivate', 'far fold (read+fold, all)');
  const origRead = o.store.readRange.bind(o.store);
  o.store.readRange = async (from, to) => {
    const t0 = performance.now();
    const r = await origRead(from, to);
    add('readRange wall', performance.now() - t0);
    add('events read', r.length);
    add('readRange calls', 1);
    return r;
  };
  if (o.projection.applyAll) wrapSync(o.projection, 'applyAll', 'in-place fold', 'events folded');
  if (o.projection.evolveAll) wrapSync(o.projection, 'evolveAll', 'evolve (thaw/immer)', 'evolve calls');
  const origClone = window.structuredClone;
  window.structuredClone = (v, opts) => {
    const t0 = performance.now();
    try {
      return origClone(v, opts);
    } finally {
      add('structuredClone', performance.now() - t0);
    }
  };
  const origJson = JSON.parse;
  JSON.parse = (text, reviver) => {
    const t0 = performance.now();
    try {
      return origJson(text, reviver);
    } finally {
      add(text.length > 400_000 ? 'JSON.parse (>400KB: snapshots)' : 'JSON.parse (segments etc.)', performance.now() - t0);
    }
  };
}

async function jumpAll([targets, settle]) {
  const { desk } = window.__eventdesk;
  const tm = desk.timeMachine;
  const out = [];
  for (const s of targets) {
    window.__jumpPhases.phases = {};
    const before = tm.checkpoints.nearestAtOrBefore(s)?.seq ?? 0;
    const snap = (tm.snapshots ? tm.snapshots.nearestAtOrBefore(s) : tm.nearestPersisted(s))?.seq ?? 0;
    const t0 = performance.now();
    await desk.seekTo(s);
    const ms = performance.now() - t0;
    out.push({ target: s, ms, fromCheckpoint: s - before, fromSnapshot: s - snap, phases: window.__jumpPhases.phases });
    await new Promise((r) => setTimeout(r, settle));
  }
  return out;
}

/**
 * CALIBRATE=1: what a seek's starting points cost against reading events, under the same load, interleaved: loading
 * (get + verify + parse) the persisted snapshots, a structuredClone of the live state, reading 1,000 events of a
 * segment not cached (the decoded-segment cache is cleared before each read). Medians of 10 rounds, in ms.
 */
async function calibrate() {
  const tm = window.__eventdesk.desk.timeMachine;
  const store = tm.o.store;
  const snaps = tm.snapshots?.list ?? tm.persisted;
  const load = [];
  const clone = [];
  const read = [];
  const bytes = [];
  for (let r = 0; r < 10; r++) {
    // The newer half of the snapshots: the largest states, which random jumps over a big log mostly meet.
    const snap = snaps[snaps.length - 1 - ((r * 7) % Math.ceil(snaps.length / 2))];
    let t0 = performance.now();
    await (tm.snapshots ? tm.snapshots.load(snap.seq) : tm.loadSnapshot(snap.seq));
    load.push(performance.now() - t0);
    bytes.push(snap.bytes);
    t0 = performance.now();
    structuredClone(tm.live.state);
    clone.push(performance.now() - t0);
    (store.confirmed ?? store).segmentCache?.clear(); // the app's log is a PendingLog over the DexieEventStore
    const from = 1 + ((r * 37) % Math.floor(tm.live.seq / 1000 - 1)) * 1000;
    t0 = performance.now();
    await store.readRange(from, from + 999);
    read.push(performance.now() - t0);
  }
  const med = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1].toFixed(1);
  return `calibration (median of 10): snapshot load ${med(load)} ms (median ${med(bytes)} bytes), structuredClone of the live state ${med(clone)} ms, 1,000 uncached events read ${med(read)} ms`;
}

const q = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
};

/** Self time by function of a CDP CPU profile, top 20, idle left out of the shares. */
function printProfile(profile) {
  const dt = new Map();
  for (let i = 0; i < profile.samples.length; i++) dt.set(profile.samples[i], (dt.get(profile.samples[i]) ?? 0) + profile.timeDeltas[i] / 1000);
  const self = new Map();
  let busy = 0;
  for (const n of profile.nodes) {
    const ms = dt.get(n.id) ?? 0;
    const f = n.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    if (f.functionName !== '(idle)') busy += ms;
    self.set(key, (self.get(key) ?? 0) + ms);
  }
  console.log(`profile: ${busy.toFixed(0)} ms busy (idle excluded from the shares)`);
  for (const [k, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`  ${ms.toFixed(0).padStart(6)} ms ${((ms / busy) * 100).toFixed(1).padStart(5)}%  ${k}`);
}

await withBenchBrowser(lib, { events: N, build: !!process.env.BUILD }, async ({ browser, url }) => {
  const context = await newProbeContext(browser);
  await importHistory(lib, context, url, N);
  const first = await lib.openApp(context, url, 'first');
  console.log(`first start (full fold, writing the snapshots): ready after ${Math.round(first.cold.ready)} ms`);
  await sleep(4000);
  await first.page.close();
  const { page } = await lib.openApp(context, url, 'cold');
  await sleep(5000);
  const info = await page.evaluate(() => {
    const tm = window.__eventdesk.desk.timeMachine;
    const list = tm.snapshots?.list ?? tm.persisted;
    return { head: tm.live.seq, spacing: tm.snapshots?.every ?? tm.spacing, snapshots: list.map((s) => s.seq), bytes: list.map((s) => s.bytes) };
  });
  console.log(`head ${info.head}, ${info.snapshots.length} snapshots, spacing ${info.spacing}, newest ${info.bytes.at(-1)} bytes`);
  const gaps = info.snapshots.map((seq, i) => seq - (info.snapshots[i - 1] ?? 0));
  console.log(`snapshot gaps (events): ${gaps.join(' ')}; sizes (KB): ${info.bytes.map((b) => Math.round(b / 1000)).join(' ')}`);
  if (process.env.WAIT_SUMMARIES) {
    // The idle-time range summaries (app/range-summary-warmup.ts) read segments too: with this set, jumps start after them.
    const t0 = Date.now();
    const made = await page.evaluate(() => window.__eventdesk.desk.rangeSummariesReady());
    console.log(`range summaries ready after ${Date.now() - t0} ms more (${made.made} made, ${Math.round(made.workMs)} ms of work)`);
  }
  if (process.env.CALIBRATE) console.log(await page.evaluate(calibrate));
  await page.evaluate(instrument);
  let x = 2026;
  const targets = Array.from({ length: JUMPS }, () => ((x = (x * 1103515245 + 12345) % 2147483648), x % info.head));
  const cdp = await context.newCDPSession(page);
  // Heap after a full GC on both sides: what the jumps leave held (the checkpoint cache), not garbage not yet collected.
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap0 = (await cdp.send('Runtime.getHeapUsage')).usedSize;
  const cpu0 = chromiumCpuSeconds({ childTimes: true, chromiumOnly: true });
  if (process.env.PROFILE) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  const rows = await page.evaluate(jumpAll, [targets, SETTLE]);
  const cpu = chromiumCpuSeconds({ childTimes: true, chromiumOnly: true }) - cpu0;
  await cdp.send('HeapProfiler.collectGarbage');
  const heap1 = (await cdp.send('Runtime.getHeapUsage')).usedSize;
  console.log(`JS heap (after a GC) before the jumps ${(heap0 / 1e6).toFixed(1)} MB, after ${(heap1 / 1e6).toFixed(1)} MB; Chromium CPU during the jumps ${cpu.toFixed(2)} s (incl. the ${SETTLE} ms pauses' idle work)`);
  if (process.env.PROFILE) printProfile((await cdp.send('Profiler.stop')).profile);
  const ms = rows.map((r) => r.ms);
  console.log(`${rows.length} jumps (engine, ${SETTLE} ms apart): p50 ${q(ms, 0.5).toFixed(1)} / p95 ${q(ms, 0.95).toFixed(1)} / max ${Math.max(...ms).toFixed(1)} ms`);
  const names = [...new Set(rows.flatMap((r) => Object.keys(r.phases)))];
  for (const n of names) {
    const v = rows.map((r) => r.phases[n] ?? 0);
    console.log(`  ${n.padEnd(34)} p50 ${q(v, 0.5).toFixed(1).padStart(8)} p95 ${q(v, 0.95).toFixed(1).padStart(8)} sum ${v.reduce((a, b) => a + b, 0).toFixed(0).padStart(8)}`);
  }
  console.log(`  distance from the nearest checkpoint: p50 ${q(rows.map((r) => r.fromCheckpoint), 0.5)} p95 ${q(rows.map((r) => r.fromCheckpoint), 0.95)}; from the nearest snapshot p50 ${q(rows.map((r) => r.fromSnapshot), 0.5)} p95 ${q(rows.map((r) => r.fromSnapshot), 0.95)}`);
  for (const r of [...rows].sort((a, b) => b.ms - a.ms).slice(0, 5)) {
    const p = Object.entries(r.phases).map(([k, v]) => `${k} ${Number.isInteger(v) ? v : v.toFixed(1)}`).join(', ');
    console.log(`  slow: ${r.ms.toFixed(1)} ms → ${r.target} (checkpoint −${r.fromCheckpoint}, snapshot −${r.fromSnapshot}): ${p}`);
  }
  await context.close();
});

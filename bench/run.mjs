#!/usr/bin/env node
// EventDesk benchmark: `npm run bench [-- --events N] [--runs R] [--seed S] [--skip-build] [--no-small]`
//
// Builds the production app plus a bench-only page (bench/page/bench.html) into
// node_modules/.cache/eventdesk-bench/dist, serves it with Vite's preview() on
// 127.0.0.1, drives headless Chromium through playwright-core, prints a
// markdown table and writes bench/results.json. Exit code 0 even when a goal is
// missed (it is a report); non-zero only when the bench itself broke.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUT_DIR = path.join(ROOT, 'node_modules/.cache/eventdesk-bench/dist');
const RESULTS = path.join(ROOT, 'bench/results.json');
const CHROME_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-precise-memory-info',
  '--js-flags=--expose-gc',
];

// ---------------------------------------------------------------- arguments
function parseArgs(argv) {
  const o = { profile: false, budgetMs: undefined, events: 1_000_000, runs: 3, seed: 2026, build: true, small: true, sweepSteps: 1000, jumps: 100, commands: 20 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [k, inline] = a.split('=');
    const val = () => Number(inline ?? argv[++i]);
    if (k === '--events') o.events = Math.round(val());
    else if (k === '--runs') o.runs = Math.max(1, Math.round(val()));
    else if (k === '--seed') o.seed = Math.round(val());
    else if (k === '--steps') o.sweepSteps = Math.round(val());
    else if (k === '--skip-build') o.build = false;
    else if (k === '--profile') o.profile = true;
    else if (k === '--budget') o.budgetMs = val() * 1000;
    else if (k === '--no-small') o.small = false;
    else if (k === '--help' || k === '-h') {
      console.log(
        'usage: npm run bench -- [--events N=1000000] [--runs 3] [--seed 2026] [--steps 1000] [--budget 90 (s per seek series)]\n' +
          '                        [--skip-build] [--no-small] [--profile (unminified build + CPU profile of a sweep)]',
      );
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (!(o.events >= 1000)) throw new Error('--events must be ≥ 1000');
  // Seek series stop after this long (the UI can make a step slow); small runs are CI smoke checks.
  o.budgetMs ??= o.events >= 500_000 ? 90_000 : 30_000;
  return o;
}

// ---------------------------------------------------------------- helpers
const T0 = Date.now();
const log = (...a) => console.log(`[bench ${((Date.now() - T0) / 1000).toFixed(1).padStart(6)}s]`, ...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function quantile(xs, q) {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}
const median = (xs) => quantile(xs, 0.5);
function summary(xs) {
  const s = xs.filter((x) => Number.isFinite(x));
  return {
    n: s.length,
    min: round(Math.min(...s)),
    p50: round(quantile(s, 0.5)),
    p95: round(quantile(s, 0.95)),
    p99: round(quantile(s, 0.99)),
    max: round(Math.max(...s)),
    mean: round(s.reduce((a, b) => a + b, 0) / (s.length || 1)),
  };
}
const round = (x, d = 2) => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : x);
const fmt = (x, d = 0) => (Number.isFinite(x) ? x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : 'n/a');
const MB = 1024 * 1024;

// ---------------------------------------------------------------- build & serve
async function buildAndServe(opts) {
  process.env.NODE_ENV = 'production';
  if (opts.profile) process.env.EVENTDESK_BENCH_PROFILE = '1';
  const { build, preview } = await import('vite');
  const config = path.join(ROOT, 'bench/vite.bench.config.ts');
  if (opts.build || opts.profile || !existsSync(path.join(OUT_DIR, 'bench/page/bench.html'))) {
    const t = Date.now();
    await build({ root: ROOT, configFile: config, logLevel: 'warn', mode: 'production' });
    log(`vite build -> ${path.relative(ROOT, OUT_DIR)} in ${Date.now() - t} ms`);
    writeFileSync(path.join(OUT_DIR, '.workaround'), process.env.EVENTDESK_BENCH_WORKAROUND ?? '');
  }
  const server = await preview({
    root: ROOT,
    configFile: config,
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  const addr = server.httpServer.address();
  if (!addr || typeof addr === 'string') throw new Error('preview server has no TCP address');
  return { server, url: `http://127.0.0.1:${addr.port}/` };
}

// ---------------------------------------------------------------- in-page probes (serialised into the page)
/** Records navigation → store ready → next frame, for cold start. Runs before the app's scripts. */
function coldStartProbe() {
  let handle;
  const cold = (window.__cold = {});
  Object.defineProperty(window, '__eventdesk', {
    configurable: true,
    get: () => handle,
    set: (v) => {
      handle = v;
      cold.handle = performance.now();
      const check = (s) => {
        if (s.phase === 'failed') cold.failed = s.startError ?? 'failed';
        if (s.phase !== 'ready' || cold.ready !== undefined) return;
        cold.ready = performance.now();
        cold.head = s.head;
        // A macrotask after `ready`: React's sync re-render (useSyncExternalStore) has committed.
        const ch = new MessageChannel();
        ch.port1.onmessage = () => (cold.rendered = performance.now());
        ch.port2.postMessage(0);
        requestAnimationFrame(() => {
          cold.frame = performance.now();
          cold.balanceText = document.querySelector('output[aria-label="Balance"]')?.textContent ?? null;
        });
      };
      check(v.store.getState());
      v.store.subscribe(check);
    },
  });
}

/** Seeks to each seq in turn; per step: time until the store's view is that seq's, and until React has rendered it. */
async function seekSeries([seqs, budgetMs, settleMs = 0]) {
  const { store } = window.__eventdesk;
  const started = performance.now();
  const desk = document.getElementById('desk');
  // "seek": slider moved → the state at that seq is in the store (engine work).
  // "render": … → the views on screen show that seq (main[data-shown-seq], set by the deferred render).
  const rendered = (seq) =>
    new Promise((resolve) => {
      if (!desk || desk.dataset.shownSeq === String(seq)) return resolve(true);
      const timer = setTimeout(() => (mo.disconnect(), resolve(false)), 10_000);
      const mo = new MutationObserver(() => {
        if (desk.dataset.shownSeq === String(seq)) {
          clearTimeout(timer);
          mo.disconnect();
          resolve(true);
        }
      });
      mo.observe(desk, { attributes: true, attributeFilter: ['data-shown-seq'] });
    });
  const view = [];
  const render = [];
  let timeouts = 0;
  for (const seq of seqs) {
    if (performance.now() - started > budgetMs) break;
    const t0 = performance.now();
    let unsub;
    const ok = await new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), 10_000);
      unsub = store.subscribe((s) => {
        if (s.cursor === seq) {
          clearTimeout(timer);
          resolve(true);
        }
      });
      store.getState().seek(seq);
      if (store.getState().cursor === seq) {
        clearTimeout(timer);
        resolve(true);
      }
    });
    unsub();
    const t1 = performance.now();
    const shown = ok && (await rendered(seq));
    const t2 = performance.now();
    if (!ok || !shown) timeouts++;
    view.push(ok ? t1 - t0 : NaN);
    render.push(shown ? t2 - t0 : NaN);
    // Jumps are separate user actions (a click in the event log, Home/End): measure each from an idle app.
    if (settleMs) await new Promise((r) => setTimeout(r, settleMs));
  }
  return { view, render, timeouts, planned: seqs.length, lastSeq: seqs[view.length - 1] };
}

// ---------------------------------------------------------------- phases
async function openBench(context, url) {
  const page = await context.newPage();
  wirePage(page, 'bench');
  await page.goto(`${url}bench/page/bench.html`);
  await page.waitForFunction(() => !!window.__bench, null, { timeout: 60_000 });
  await page.evaluate(() => localStorage.setItem('eventdesk.executorPaused', 'true'));
  return page;
}

const pageErrors = [];
function wirePage(page, name) {
  page.on('console', (m) => {
    const text = m.text();
    if (text.startsWith('[bench]')) log(`(${name})`, text);
    else if (m.type() === 'error') pageErrors.push(`${name} console.error: ${text}`);
  });
  page.on('pageerror', (e) => pageErrors.push(`${name} pageerror: ${e.message}`));
  page.on('crash', () => pageErrors.push(`${name} crashed`));
}

/** Opens the app and waits until its views are at the head. */
async function openApp(context, url, name) {
  const page = await context.newPage();
  wirePage(page, name);
  await page.addInitScript(coldStartProbe);
  await page.goto(url);
  const deadline = Date.now() + 30 * 60_000;
  let lastLog = 0;
  for (;;) {
    const st = await page.evaluate(() => {
      const c = window.__cold;
      const s = window.__eventdesk?.store.getState();
      return { frame: c.frame, failed: c.failed, progress: s?.progress ?? null };
    });
    if (st.failed) throw new Error(`app start failed: ${st.failed}`);
    if (st.frame !== undefined) break;
    if (Date.now() > deadline) throw new Error('app did not become ready in 30 min');
    if (st.progress && Date.now() - lastLog > 5000) {
      lastLog = Date.now();
      log(`  ${name}: start progress ${fmt(st.progress.done)} / ${fmt(st.progress.total)}`);
    }
    await sleep(st.progress ? 200 : 10);
  }
  const cold = await page.evaluate(() => window.__cold);
  return { page, cold };
}

/** Waits until every subscriber has handled the whole log (they run in the leader tab after start). */
async function waitSubscribers(page, timeoutMs = 20 * 60_000) {
  const t = Date.now();
  let lastLog = 0;
  for (;;) {
    const st = await page.evaluate(() => {
      const { desk, store } = window.__eventdesk;
      return { head: store.getState().head, leader: desk.isLeader, subs: desk.subscriberStatus() };
    });
    // A subscriber without a status yet (runner still loading its checkpoint) counts as behind.
    const behind = st.subs.filter((s) => !s || typeof s.seq !== 'number' || s.seq < st.head || s.running);
    if (st.leader && behind.length === 0) return { ms: Date.now() - t, subs: st.subs };
    if (st.subs.length === 0 && st.leader) return { ms: Date.now() - t, subs: st.subs };
    if (st.subs.some((s) => s?.error)) return { ms: Date.now() - t, subs: st.subs, error: true };
    if (Date.now() - t > timeoutMs) return { ms: Date.now() - t, subs: st.subs, timeout: true };
    if (Date.now() - lastLog > 10_000) {
      lastLog = Date.now();
      log(`  subscribers: ${st.subs.map((s, i) => `#${i + 1} ${fmt(s?.seq)}`).join(', ')} / ${fmt(st.head)}${st.leader ? '' : ' (not leader yet)'}`);
    }
    await sleep(250);
  }
}

async function heapUsage(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  for (let i = 0; i < 2; i++) await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize, totalSize } = await cdp.send('Runtime.getHeapUsage');
  const perfMemory = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? null);
  await cdp.detach();
  return { usedMB: round(usedSize / MB, 1), totalMB: round(totalSize / MB, 1), performanceMemoryMB: perfMemory && round(perfMemory / MB, 1) };
}

/** CPU profile of 150 sweep steps + 20 jumps (unminified build with --profile): top functions by self time. */
async function profileSweep(context, page, head) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await page.evaluate(() => window.__eventdesk.store.getState().goLive());
  await cdp.send('Profiler.start');
  const seqs = sweepSeqs(head, 1000).slice(300, 450);
  const r = await page.evaluate(seekSeries, [seqs, 60_000]);
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.detach();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = profile.timeDeltas;
  let total = 0;
  profile.samples.forEach((id, i) => {
    const n = byId.get(id);
    const f = n.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    const d = (dt[i] ?? 0) / 1000;
    total += d;
    self.set(key, (self.get(key) ?? 0) + d);
  });
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([fn, ms]) => ({ fn, ms: round(ms, 1), pct: round((100 * ms) / total, 1) }));
  log(`  profile of ${r.view.length} sweep steps (p50 ${fmt(quantile(r.view, 0.5), 1)} ms): top self time`);
  for (const t of top.slice(0, 15)) log(`    ${String(t.pct).padStart(5)}%  ${t.ms} ms  ${t.fn}`);
  return { steps: r.view.length, totalMs: round(total, 1), top };
}

function sweepSeqs(head, steps) {
  const seqs = [];
  for (let i = 0; i <= steps; i++) {
    const s = Math.round((i * head) / steps);
    if (seqs.at(-1) !== s) seqs.push(s);
  }
  return seqs;
}

async function sweep(page, head, steps, budgetMs) {
  // Start from the live end, as a user would, then sweep 0 → head (stopping early if over the time budget).
  await page.evaluate(() => window.__eventdesk.store.getState().goLive());
  const r = await page.evaluate(seekSeries, [sweepSeqs(head, steps), budgetMs]);
  return {
    steps: r.view.length,
    planned: r.planned,
    coveredToSeq: r.lastSeq,
    truncated: r.view.length < r.planned,
    stepEvents: round(head / steps, 1),
    timeouts: r.timeouts,
    view: summary(r.view),
    render: summary(r.render),
  };
}

async function dragFps(page) {
  await page.evaluate(() => window.__eventdesk.store.getState().goLive());
  await sleep(300);
  const slider = page.getByRole('slider', { name: 'Timeline' });
  await slider.scrollIntoViewIfNeeded();
  const box = await slider.boundingBox();
  if (!box) throw new Error('Timeline slider has no box');
  const y = box.y + box.height / 2;
  const x0 = box.x + 4;
  const x1 = box.x + box.width - 4;
  await page.evaluate(() => {
    const f = (window.__frames = { t: [], run: true });
    const loop = (t) => {
      f.t.push(t);
      if (f.run) requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  });
  await sleep(100);
  const durationMs = 3000;
  const moves = 180;
  await page.mouse.move(x0, y);
  await page.mouse.down();
  const start = Date.now();
  for (let i = 1; i <= moves; i++) {
    await page.mouse.move(x0 + ((x1 - x0) * i) / moves, y);
    const wait = start + (durationMs * i) / moves - Date.now();
    if (wait > 0) await sleep(wait);
  }
  await page.mouse.up();
  const elapsed = Date.now() - start;
  const frames = await page.evaluate(() => {
    window.__frames.run = false;
    return window.__frames.t;
  });
  const cursor = await page.evaluate(() => window.__eventdesk.store.getState().cursor);
  const first = frames.findIndex((t) => t >= frames[0] + 100);
  const fr = frames.slice(Math.max(0, first));
  const intervals = fr.slice(1).map((t, i) => t - fr[i]);
  const span = fr.at(-1) - fr[0];
  return {
    moves,
    dragMs: elapsed,
    frames: fr.length,
    fps: round(((fr.length - 1) * 1000) / span, 1),
    longFrames25ms: intervals.filter((d) => d > 25).length,
    longFrames50ms: intervals.filter((d) => d > 50).length,
    maxFrameMs: round(Math.max(...intervals), 1),
    frameMs: summary(intervals),
    endCursor: cursor,
  };
}

async function eventLogScroll(page) {
  const list = page.locator('[role="list"][aria-label="Event log"]');
  if ((await list.count()) === 0) return { available: false };
  await list.first().scrollIntoViewIfNeeded();
  return page.evaluate(async () => {
    const el = document.querySelector('[role="list"][aria-label="Event log"]');
    el.scrollTop = 0;
    await new Promise((r) => setTimeout(r, 500));
    const range = el.scrollHeight - el.clientHeight;
    const rowsPx = 28;
    const frames = 600;
    const step = range / frames;
    const t = [];
    await new Promise((resolve) => {
      let i = 0;
      const tick = (now) => {
        t.push(now);
        if (i >= frames) return resolve();
        i++;
        el.scrollTop = Math.min(range, i * step);
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const intervals = t.slice(1).map((x, i) => x - t[i]);
    await new Promise((r) => setTimeout(r, 1000));
    const rows = [...el.querySelectorAll('[role="listitem"]')];
    const loading = rows.filter((r) => /Loading/.test(r.textContent ?? '')).length;
    return {
      available: true,
      scrollHeightPx: el.scrollHeight,
      rows: Math.round(el.scrollHeight / rowsPx),
      frames: intervals.length,
      pxPerFrame: Math.round(step),
      durationMs: Math.round(t.at(-1) - t[0]),
      dropped: intervals.reduce((n, d) => n + Math.max(0, Math.round(d / (1000 / 60)) - 1), 0),
      over16_7ms: intervals.filter((d) => d > 16.7 * 1.2).length,
      over33ms: intervals.filter((d) => d > 33.4).length,
      maxFrameMs: Math.round(Math.max(...intervals) * 10) / 10,
      atBottom: Math.abs(el.scrollTop - range) < 2,
      rowsRenderedAtEnd: rows.length,
      rowsStillLoading1sAfter: loading,
    };
  });
}

async function commands(page, n) {
  // Must be live: commands are refused in the past.
  const back = page.getByRole('button', { name: 'Back to live' });
  if (await back.isVisible().catch(() => false)) await back.click();
  await page.evaluate(() => window.__eventdesk.store.getState().goLive());
  await page.waitForFunction(() => window.__eventdesk.store.getState().live);
  const amount = page.locator('input[aria-label="Amount"]');
  const button = page.locator('button[aria-label="Charge points"]');
  await amount.scrollIntoViewIfNeeded();
  const samples = [];
  for (let i = 0; i < n; i++) {
    await amount.fill(String(1000 + i));
    await page.evaluate(() => {
      const { desk, store } = window.__eventdesk;
      const m = (window.__cmd = { t0: null, durable: null, balance: null, store: null });
      const bal = document.querySelector('output[aria-label="Balance"]');
      const before = bal?.textContent;
      const head0 = store.getState().head;
      window.addEventListener(
        'click',
        (e) => {
          if (e.target.closest?.('button[aria-label="Charge points"]')) m.t0 = performance.now();
        },
        { capture: true, once: true },
      );
      const off = desk.store.onAppended(() => {
        if (m.durable === null) m.durable = performance.now();
        off();
      });
      const unsub = store.subscribe((s) => {
        if (s.head > head0 && m.store === null) {
          m.store = performance.now();
          unsub();
        }
      });
      if (bal) {
        const mo = new MutationObserver(() => {
          if (bal.textContent !== before && m.balance === null) {
            m.balance = performance.now();
            mo.disconnect();
          }
        });
        mo.observe(bal, { subtree: true, childList: true, characterData: true });
      }
    });
    await button.click();
    await page.waitForFunction(() => window.__cmd.durable !== null && window.__cmd.balance !== null && window.__cmd.store !== null, null, {
      timeout: 30_000,
    });
    const m = await page.evaluate(() => window.__cmd);
    samples.push({ durable: m.durable - m.t0, storeUpdated: m.store - m.t0, balanceRendered: m.balance - m.t0 });
  }
  return {
    n,
    durable: summary(samples.map((s) => s.durable)),
    storeUpdated: summary(samples.map((s) => s.storeUpdated)),
    balanceRendered: summary(samples.map((s) => s.balanceRendered)),
    total: summary(samples.map((s) => Math.max(s.durable, s.storeUpdated, s.balanceRendered))),
  };
}

// ---------------------------------------------------------------- main
async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const N = opts.events;
  const R = opts.runs;
  const results = { startedAt: new Date().toISOString(), events: N, runs: R, seed: opts.seed, figures: {}, raw: {} };
  const raw = results.raw;
  log(`EventDesk bench: ${fmt(N)} events, ${R} runs`);

  const { server, url } = await buildAndServe(opts);
  log(`serving ${url}`);
  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: CHROME_ARGS });
  try {
    results.machine = {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memGiB: round(os.totalmem() / 1024 ** 3, 1),
      chromium: browser.version(),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
    };
    log(`machine: ${results.machine.cpus} cores, Chromium ${results.machine.chromium}`);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });

    // --- generation (not timed as a figure)
    let bench = await openBench(context, url);
    log(`generating ${fmt(N)} events (real commands, seed ${opts.seed})…`);
    raw.generation = await bench.evaluate(([n, seed]) => window.__bench.generate(n, seed), [N, opts.seed]);
    log(`  generated ${fmt(raw.generation.events)} events in ${fmt(raw.generation.ms)} ms; ${fmt(raw.generation.orders)} orders, ${fmt(raw.generation.streams)} streams`);
    log(`  types: ${JSON.stringify(raw.generation.types)}`);

    // --- bulk import vs raw IndexedDB, interleaved, R times
    raw.import = [];
    for (let i = 0; i < R; i++) {
      const order = i % 2 === 0 ? ['raw', 'ed'] : ['ed', 'raw'];
      const row = {};
      for (const which of order) {
        row[which] = which === 'raw' ? await bench.evaluate(() => window.__bench.importRaw()) : await bench.evaluate(() => window.__bench.importEventDesk());
      }
      row.edEventsPerS = (row.ed.events / row.ed.ms) * 1000;
      row.rawEventsPerS = (row.raw.events / row.raw.ms) * 1000;
      row.ratio = row.raw.ms / row.ed.ms;
      raw.import.push(row);
      log(`  import #${i + 1}: EventDesk ${fmt(row.ed.ms)} ms (${fmt(row.edEventsPerS)} ev/s), raw IDB ${fmt(row.raw.ms)} ms (${fmt(row.rawEventsPerS)} ev/s), ratio ${row.ratio.toFixed(2)}`);
    }
    const logBytes = raw.import.at(-1).ed.logBytes;
    await bench.evaluate(() => window.__bench.drop());
    await bench.close();

    // --- first start: no snapshot yet → full fold with progress in the UI
    log('first start of the app (no snapshots yet: full fold)…');
    let t = Date.now();
    let { page: app, cold } = await openApp(context, url, 'app#first');
    const head = cold.head;
    raw.firstStart = { ms: cold.frame, head, eventsPerS: (head / cold.frame) * 1000 };
    log(`  first start: ready at ${fmt(cold.frame)} ms (${fmt(raw.firstStart.eventsPerS)} ev/s), head ${fmt(head)} (wall ${Date.now() - t} ms)`);
    if (head !== N && Math.abs(head - N) > 100) throw new Error(`app head ${head} ≠ imported ${N}`);
    raw.subscribersCatchUp = await waitSubscribers(app);
    log(`  subscribers caught up in ${fmt(raw.subscribersCatchUp.ms)} ms${raw.subscribersCatchUp.timeout ? ' (TIMEOUT)' : ''}`);

    // --- full rebuild through every projection, R times, progress logged
    raw.rebuild = [];
    for (let i = 0; i < R; i++) {
      const r = await app.evaluate(async () => {
        const { desk } = window.__eventdesk;
        let last = 0;
        const progress = [];
        const t0 = performance.now();
        const live = await desk.timeMachine.rebuild((done, total) => {
          const now = performance.now();
          if (now - last > 1000 || done === total) {
            last = now;
            progress.push([Math.round(now - t0), done]);
            console.log(`[bench] rebuild ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')}`);
          }
        });
        const ms = performance.now() - t0;
        return { ms, seq: live.seq, progressUpdates: progress.length, progress, snapshots: desk.timeMachine.persistedSnapshots.length };
      });
      r.eventsPerS = (r.seq / r.ms) * 1000;
      raw.rebuild.push(r);
      log(`  rebuild #${i + 1}: ${fmt(r.ms)} ms → ${fmt(r.eventsPerS)} ev/s, ${r.snapshots} snapshots kept`);
    }
    await app.close();

    // --- cold start with N events stored (snapshots exist now), R times
    raw.coldStart = [];
    for (let i = 0; i < R; i++) {
      const o = await openApp(context, url, `app#cold${i + 1}`);
      raw.coldStart.push(o.cold);
      log(`  cold start #${i + 1}: handle ${fmt(o.cold.handle)} ms, ready ${fmt(o.cold.ready)} ms, rendered ${fmt(o.cold.rendered)} ms, frame ${fmt(o.cold.frame)} ms (balance ${o.cold.balanceText})`);
      if (i < R - 1) await o.page.close();
      else app = o.page;
    }
    await waitSubscribers(app);
    await sleep(500);

    // --- sweep, heap, random jumps, seek vs replay
    log(`sweep: ${opts.sweepSteps} steps over [0, ${fmt(head)}]…`);
    if (opts.profile) raw.profile = await profileSweep(context, app, head);
    raw.sweep = await sweep(app, head, opts.sweepSteps, opts.budgetMs);
    if (raw.sweep.truncated) log(`  sweep stopped by its ${opts.budgetMs / 1000} s budget after ${raw.sweep.steps} of ${raw.sweep.planned} steps (to seq ${fmt(raw.sweep.coveredToSeq)})`);
    log(`  sweep per step: view p50 ${fmt(raw.sweep.view.p50, 2)} / p95 ${fmt(raw.sweep.view.p95, 2)} ms; +render p50 ${fmt(raw.sweep.render.p50, 2)} / p95 ${fmt(raw.sweep.render.p95, 2)} ms`);
    raw.heap = await heapUsage(context, app);
    log(`  JS heap after sweep: ${raw.heap.usedMB} MB`);

    const rnd = mulberry(opts.seed);
    const jumps = Array.from({ length: opts.jumps }, () => Math.floor(rnd() * (head + 1)));
    raw.jumps = await app.evaluate(seekSeries, [jumps, opts.budgetMs / 2, 300]);
    raw.jumps = { n: raw.jumps.view.length, timeouts: raw.jumps.timeouts, view: summary(raw.jumps.view), render: summary(raw.jumps.render) };
    log(`  random jumps: p50 ${fmt(raw.jumps.view.p50, 1)} / p95 ${fmt(raw.jumps.view.p95, 1)} ms`);
    // The engine alone (TimeMachine.seekTo, no store, no React) for the same kind of jumps.
    const engineJumps = Array.from({ length: opts.jumps }, () => Math.floor(rnd() * (head + 1)));
    raw.engineJumps = summary(
      await app.evaluate(async (seqs) => {
        const { desk } = window.__eventdesk;
        const out = [];
        for (const s of seqs) {
          const t0 = performance.now();
          await desk.seekTo(s);
          out.push(performance.now() - t0);
        }
        return out;
      }, engineJumps),
    );
    log(`  random jumps, engine only: p50 ${fmt(raw.engineJumps.p50, 1)} / p95 ${fmt(raw.engineJumps.p95, 1)} ms`);

    const targets = [head - 777, head - 4321, head - Math.round(head * 0.03) - 17].filter((s) => s > 0);
    raw.seekVsReplay = await app.evaluate(async (targets) => {
      const { desk } = window.__eventdesk;
      const out = [];
      for (const s of targets) {
        let t0 = performance.now();
        const r = await desk.timeMachine.replayFromZero(s);
        const replayMs = performance.now() - t0;
        t0 = performance.now();
        const k = await desk.seekTo(s);
        const seekMs = performance.now() - t0;
        out.push({ seq: s, replayMs, seekMs, ratio: replayMs / seekMs, same: r.seq === k?.seq });
      }
      return out;
    }, targets);
    for (const r of raw.seekVsReplay) log(`  seq ${fmt(r.seq)}: replay-from-zero ${fmt(r.replayMs)} ms vs seek ${fmt(r.seekMs, 2)} ms → ${fmt(r.ratio)}×`);

    // --- FPS while dragging the real slider
    raw.drag = await dragFps(app);
    log(`  drag: ${raw.drag.fps} fps, ${raw.drag.longFrames25ms} frames > 25 ms, max ${raw.drag.maxFrameMs} ms`);

    // --- event log scroll
    raw.eventLog = await eventLogScroll(app).catch((e) => ({ available: false, error: String(e) }));
    log(`  event log scroll: ${JSON.stringify(raw.eventLog)}`);

    // --- user command round trip
    raw.command = await commands(app, opts.commands);
    log(`  command: total p50 ${fmt(raw.command.total.p50, 1)} / p95 ${fmt(raw.command.total.p95, 1)} ms (durable p95 ${fmt(raw.command.durable.p95, 1)})`);

    // --- storage
    raw.storage = await app.evaluate(() => window.__eventdesk.desk.storageUse());
    raw.storage.ratio = raw.storage.snapshotBytes / raw.storage.logBytes;
    log(`  storage: log ${fmt(raw.storage.logBytes / MB, 1)} MB, snapshots ${fmt(raw.storage.snapshotBytes / MB, 1)} MB (${raw.storage.snapshots}) → ${(raw.storage.ratio * 100).toFixed(2)}%`);
    await app.close();

    // --- the same sweep + heap at N/10 (a separate, honest history of that size)
    if (opts.small) {
      const n10 = Math.round(N / 10);
      log(`heap at N/10 = ${fmt(n10)} events…`);
      bench = await openBench(context, url);
      raw.small = { generation: await bench.evaluate(([n, seed]) => window.__bench.generate(n, seed), [n10, opts.seed]) };
      raw.small.import = await bench.evaluate(() => window.__bench.importEventDesk());
      await bench.evaluate(() => window.__bench.drop());
      await bench.close();
      const o = await openApp(context, url, 'app#small');
      raw.small.firstStartMs = o.cold.frame;
      await waitSubscribers(o.page);
      raw.small.sweep = await sweep(o.page, o.cold.head, opts.sweepSteps, opts.budgetMs / 2);
      raw.small.heap = await heapUsage(context, o.page);
      log(`  N/10: sweep p95 ${fmt(raw.small.sweep.view.p95, 2)} ms, heap ${raw.small.heap.usedMB} MB`);
      await o.page.close();
    }
    await context.close();

    // ---------------------------------------------------------------- figures
    const F = results.figures;
    const imp = raw.import;
    F.importEventsPerS = { value: median(imp.map((r) => r.edEventsPerS)), goal: '≥ 100,000 ev/s', pass: median(imp.map((r) => r.edEventsPerS)) >= 100_000 };
    F.importRatio = { value: median(imp.map((r) => r.ratio)), goal: '≥ 0.4 × raw IDB', pass: median(imp.map((r) => r.ratio)) >= 0.4, rawEventsPerS: median(imp.map((r) => r.rawEventsPerS)) };
    const rb = median(raw.rebuild.map((r) => r.eventsPerS));
    F.rebuildEventsPerS = { value: rb, goal: '≥ 250,000 ev/s', pass: rb >= 250_000, progressUpdates: raw.rebuild[0]?.progressUpdates };
    const cs = median(raw.coldStart.map((c) => c.frame));
    F.coldStartMs = { value: cs, goal: N >= 1_000_000 ? '≤ 1,000 ms' : '≤ 1,000 ms (goal at 1M)', pass: cs <= 1000 };
    F.sweepStepMs = { p50: raw.sweep.view.p50, p95: raw.sweep.view.p95, goal: 'p95 ≤ 16 ms', pass: raw.sweep.view.p95 <= 16 && raw.sweep.timeouts === 0 };
    F.sweepStepWithRenderMs = { p50: raw.sweep.render.p50, p95: raw.sweep.render.p95, goal: '(info)', pass: null };
    F.randomJumpEngineMs = { p50: raw.engineJumps.p50, p95: raw.engineJumps.p95, goal: '(info)', pass: null };
    F.randomJumpMs = { p50: raw.jumps.view.p50, p95: raw.jumps.view.p95, goal: 'p95 ≤ 100 ms', pass: raw.jumps.view.p95 <= 100 && raw.jumps.timeouts === 0 };
    const svr = median(raw.seekVsReplay.map((r) => r.ratio));
    F.seekVsReplay = { value: svr, goal: '≥ 100×', pass: svr >= 100 };
    F.dragFps = { value: raw.drag.fps, goal: '≥ 55 fps', pass: raw.drag.fps >= 55, longFrames25ms: raw.drag.longFrames25ms };
    F.commandMs = { p50: raw.command.total.p50, p95: raw.command.total.p95, goal: 'p95 ≤ 50 ms', pass: raw.command.total.p95 <= 50 };
    F.heapMB = {
      value: raw.heap.usedMB,
      small: raw.small?.heap.usedMB,
      growth: raw.small ? raw.heap.usedMB / raw.small.heap.usedMB : undefined,
      goal: '≤ 200 MB, ≤ 1.5× N/10',
      pass: raw.heap.usedMB <= 200 && (!raw.small || raw.heap.usedMB / raw.small.heap.usedMB <= 1.5),
    };
    F.snapshotRatio = { value: raw.storage.ratio, goal: '≤ 10%', pass: raw.storage.ratio <= 0.1 };
    F.eventLogScroll = raw.eventLog.available
      ? { dropped: raw.eventLog.dropped, frames: raw.eventLog.frames, over33ms: raw.eventLog.over33ms, goal: 'smooth (report)', pass: null }
      : { value: 'n/a', goal: 'smooth (report)', pass: null };

    results.logBytes = logBytes;
    results.workarounds = workarounds();
    results.pageErrors = pageErrors;
    results.finishedAt = new Date().toISOString();
    results.wallSeconds = round((Date.now() - T0) / 1000, 1);
    writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
    printTable(results);
    log(`wrote ${path.relative(ROOT, RESULTS)} (${results.wallSeconds} s)`);
  } finally {
    await browser.close().catch(() => {});
    await server.close().catch(() => {});
  }
}

function workarounds() {
  try {
    const w = readFileSync(path.join(OUT_DIR, '.workaround'), 'utf8').trim();
    return w ? [w] : [];
  } catch {
    return [];
  }
}

function mulberry(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function printTable(r) {
  const F = r.figures;
  const raw = r.raw;
  const mark = (p) => (p === null || p === undefined ? 'report' : p ? 'pass' : '**MISS**');
  const rows = [
    ['bulk import (median of ' + raw.import.length + ')', `${fmt(F.importEventsPerS.value)} ev/s`, F.importEventsPerS.goal, mark(F.importEventsPerS.pass)],
    ['import ÷ raw IndexedDB 1,000-event records', `${fmt(F.importRatio.value, 2)} (raw ${fmt(F.importRatio.rawEventsPerS)} ev/s)`, F.importRatio.goal, mark(F.importRatio.pass)],
    [`full rebuild (median of ${raw.rebuild.length}, ${F.rebuildEventsPerS.progressUpdates} progress updates)`, `${fmt(F.rebuildEventsPerS.value)} ev/s`, F.rebuildEventsPerS.goal, mark(F.rebuildEventsPerS.pass)],
    [`cold start → views at head (median of ${raw.coldStart.length})`, `${fmt(F.coldStartMs.value)} ms`, F.coldStartMs.goal, mark(F.coldStartMs.pass)],
    [`seek while dragging (${raw.sweep.steps} steps of ~${fmt(raw.sweep.stepEvents)} events)`, `p50 ${fmt(F.sweepStepMs.p50, 2)} / p95 ${fmt(F.sweepStepMs.p95, 2)} ms`, F.sweepStepMs.goal, mark(F.sweepStepMs.pass)],
    ['  … incl. React render', `p50 ${fmt(F.sweepStepWithRenderMs.p50, 2)} / p95 ${fmt(F.sweepStepWithRenderMs.p95, 2)} ms`, '', 'info'],
    [`random jumps (${raw.jumps.n}, each from an idle app)`, `p50 ${fmt(F.randomJumpMs.p50, 1)} / p95 ${fmt(F.randomJumpMs.p95, 1)} ms`, F.randomJumpMs.goal, mark(F.randomJumpMs.pass)],
    ['  … engine only (TimeMachine.seekTo)', `p50 ${fmt(raw.engineJumps.p50, 1)} / p95 ${fmt(raw.engineJumps.p95, 1)} ms`, '', 'info'],
    [`seek vs replay-from-zero (median of ${raw.seekVsReplay.length})`, `${fmt(F.seekVsReplay.value)}×`, F.seekVsReplay.goal + (r.events < 1e6 ? ' (at 1M)' : ''), mark(F.seekVsReplay.pass)],
    ['FPS while dragging the slider', `${fmt(F.dragFps.value, 1)} fps (${F.dragFps.longFrames25ms} frames > 25 ms)`, F.dragFps.goal, mark(F.dragFps.pass)],
    [`user command click → durable → views (${raw.command.n})`, `p50 ${fmt(F.commandMs.p50, 1)} / p95 ${fmt(F.commandMs.p95, 1)} ms`, F.commandMs.goal, mark(F.commandMs.pass)],
    [
      'JS heap after sweep',
      `${fmt(F.heapMB.value, 1)} MB at ${fmt(r.events)}` + (F.heapMB.small !== undefined ? `; ${fmt(F.heapMB.small, 1)} MB at ${fmt(r.events / 10)} (${fmt(F.heapMB.growth, 2)}×)` : ''),
      F.heapMB.goal,
      mark(F.heapMB.pass),
    ],
    ['snapshot bytes / log bytes', `${fmt(F.snapshotRatio.value * 100, 2)}% (${raw.storage.snapshots} snapshots)`, F.snapshotRatio.goal, mark(F.snapshotRatio.pass)],
    [
      'event log scroll top → bottom',
      raw.eventLog.available
        ? `${raw.eventLog.dropped} dropped of ${raw.eventLog.frames} frames, ${raw.eventLog.over33ms} > 33 ms, max ${raw.eventLog.maxFrameMs} ms (${fmt(raw.eventLog.rows)} rows)`
        : 'n/a (no Event log list)',
      F.eventLogScroll.goal,
      'report',
    ],
  ];
  const m = r.machine;
  console.log(`\nEventDesk bench — ${fmt(r.events)} events, ${m.cpus} cores (${m.cpuModel}), Chromium ${m.chromium}, Node ${m.node}`);
  console.log(`log ${fmt(r.logBytes / MB, 1)} MB; generation ${fmt(raw.generation.ms)} ms (${fmt(raw.generation.orders)} orders); first start (full fold, progress in UI) ${fmt(raw.firstStart.ms)} ms\n`);
  console.log('| figure | value | goal | result |');
  console.log('| --- | --- | --- | --- |');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  if (r.workarounds.length)
    console.log(`\nWARNING: bench-only workaround applied to the app build: ${r.workarounds.join(', ')} (see bench/vite.bench.config.ts)`);
  if (r.pageErrors.length) console.log(`\npage errors (${r.pageErrors.length}):\n  ${r.pageErrors.slice(0, 10).join('\n  ')}`);
  console.log('');
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(`[bench] FAILED: ${e?.stack ?? e}`);
    process.exit(1);
  },
);

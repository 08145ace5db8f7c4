// Compare two points: A and B a fixed gap apart (100k events, or the whole log when smaller), each pair timed
// from moving B (the slider) until the compare panel is rendered for exactly (A, B]. The time includes the seek to
// B; the seek's own share (until the views show B) is kept beside it. Before the first pass the section waits until
// the desk has made the range summaries of every sealed segment in idle time (range-summary-warmup.ts) and reports
// what that took, so the cost shows beside the gain. The pairs run twice: the second finds the summaries in memory. Then B is dragged
// with the panel open: steps of DRAG_STEP events from one A, each timed until the panel shows the new B.
import { log } from '../lib/log.mjs';
import { mulberry } from '../lib/prng.mjs';
import { fmt, summary } from '../lib/stats.mjs';

export const name = 'compare';
export const stage = 'app';

const GAP = 100_000;
const PAIRS = 20;
const DRAG_STEPS = 20;
const DRAG_STEP = 5_000;

/** In the page: waits until every sealed segment has a range summary; how long that wait was, and the warmup's own work. */
async function summariesReady() {
  const { desk } = window.__eventdesk;
  const t0 = performance.now();
  const { made, workMs } = await desk.rangeSummariesReady();
  return { waitedMs: performance.now() - t0, made, workMs };
}

/** In the page: for each [a, b], mark A at a, move B to b, time until the panel shows the range a-b. */
async function compareSeries([pairs, budgetMs]) {
  const { store } = window.__eventdesk;
  const started = performance.now();
  const until = (check, timeoutMs) =>
    new Promise((resolve) => {
      if (check()) return resolve(true);
      const timer = setTimeout(() => (mo.disconnect(), resolve(false)), timeoutMs);
      const mo = new MutationObserver(() => {
        if (!check()) return;
        clearTimeout(timer);
        mo.disconnect();
        resolve(true);
      });
      mo.observe(document.body, { attributes: true, childList: true, subtree: true, attributeFilter: ['data-compare-range', 'data-shown-seq'] });
    });
  const shown = (seq) => document.getElementById('desk')?.dataset.shownSeq === String(seq);
  const panel = (a, b) => document.querySelector(`[data-compare-range="${a}-${b}"]`) !== null;
  const total = [];
  const seek = [];
  let timeouts = 0;
  for (const [a, b] of pairs) {
    if (performance.now() - started > budgetMs) break;
    store.getState().closeCompare();
    store.getState().seek(a);
    if (!(await until(() => shown(a), 30_000))) {
      timeouts++;
      continue;
    }
    store.getState().startCompare();
    const t0 = performance.now();
    let tSeek = NaN;
    store.getState().seek(b);
    const seen = until(() => shown(b), 30_000).then(() => (tSeek = performance.now() - t0));
    const ok = await until(() => panel(a, b), 30_000);
    const t1 = performance.now();
    await seen;
    if (!ok) timeouts++;
    total.push(ok ? t1 - t0 : NaN);
    seek.push(tSeek);
  }
  store.getState().closeCompare();
  store.getState().goLive();
  return { total, seek, timeouts };
}

/** In the page: mark A at a, then move B to each of steps in turn, timing each until the panel shows a-B. */
async function dragSeries([a, steps]) {
  const { store } = window.__eventdesk;
  const until = (check, timeoutMs) =>
    new Promise((resolve) => {
      if (check()) return resolve(true);
      const timer = setTimeout(() => (mo.disconnect(), resolve(false)), timeoutMs);
      const mo = new MutationObserver(() => {
        if (!check()) return;
        clearTimeout(timer);
        mo.disconnect();
        resolve(true);
      });
      mo.observe(document.body, { attributes: true, childList: true, subtree: true, attributeFilter: ['data-compare-range', 'data-shown-seq'] });
    });
  store.getState().closeCompare();
  store.getState().seek(a);
  await until(() => document.getElementById('desk')?.dataset.shownSeq === String(a), 30_000);
  store.getState().startCompare();
  const step = [];
  for (const b of steps) {
    const t0 = performance.now();
    store.getState().seek(b);
    const ok = await until(() => document.querySelector(`[data-compare-range="${a}-${b}"]`) !== null, 30_000);
    step.push(ok ? performance.now() - t0 : NaN);
  }
  store.getState().closeCompare();
  store.getState().goLive();
  return step;
}

export async function run(ctx) {
  const { app, head, opts, raw } = ctx;
  const gap = Math.min(GAP, head);
  const rnd = mulberry(opts.seed + 13);
  const pairs = Array.from({ length: PAIRS }, () => {
    const a = Math.floor(rnd() * (head - gap + 1));
    return [a, a + gap];
  });
  const warm = await app.evaluate(summariesReady);
  log(`  range summaries made in idle time: ${fmt(warm.made)} segments, ${fmt(warm.workMs, 0)} ms of work; waited ${fmt(warm.waitedMs, 0)} ms for them here`);
  const r = await app.evaluate(compareSeries, [pairs, opts.budgetMs]);
  const again = await app.evaluate(compareSeries, [pairs, opts.budgetMs]);
  const dragFrom = Math.floor(rnd() * Math.max(1, head - DRAG_STEPS * DRAG_STEP));
  const steps = Array.from({ length: DRAG_STEPS }, (_, i) => Math.min(head, dragFrom + (i + 1) * DRAG_STEP));
  const drag = await app.evaluate(dragSeries, [dragFrom, steps]);
  raw.compare = {
    gap,
    warmup: warm,
    n: r.total.filter(Number.isFinite).length,
    timeouts: r.timeouts + again.timeouts,
    total: summary(r.total),
    seek: summary(r.seek),
    first: r.total[0],
    again: summary(again.total),
    againSeek: summary(again.seek),
    drag: { from: dragFrom, step: DRAG_STEP, ms: summary(drag) },
  };
  const c = raw.compare;
  log(`  compare ${fmt(gap)} apart: p50 ${fmt(c.total.p50, 1)} / p95 ${fmt(c.total.p95, 1)} ms (seek to B p95 ${fmt(c.seek.p95, 1)} ms; first pair ${fmt(c.first, 1)} ms; ${c.n} pairs timed, ${c.timeouts} timed out over both passes)`);
  log(`  compare again, summaries stored: p50 ${fmt(c.again.p50, 1)} / p95 ${fmt(c.again.p95, 1)} ms (seek to B p95 ${fmt(c.againSeek.p95, 1)} ms)`);
  log(`  compare while dragging B in ${fmt(DRAG_STEP)}-event steps: p50 ${fmt(c.drag.ms.p50, 1)} / p95 ${fmt(c.drag.ms.p95, 1)} ms per step`);
}

export function figures(F, raw, results) {
  const c = raw.compare;
  F.compareMs = {
    gap: c.gap,
    p50: c.total.p50,
    p95: c.total.p95,
    seekP95: c.seek.p95,
    againP50: c.again.p50,
    againP95: c.again.p95,
    dragStepP50: c.drag.ms.p50,
    dragStepP95: c.drag.ms.p95,
    goal: 'p95 ≤ 300 ms (1M, 100k apart)',
    // The goal is stated for a 1M log with A and B 100k apart; smaller runs only report.
    pass: results.events >= 1_000_000 && c.gap >= GAP ? c.total.p95 <= 300 && c.timeouts === 0 : null,
  };
}

export function rows({ figures: F, raw }) {
  return [
    [
      `compare A→B ${fmt(F.compareMs.gap)} events apart, moving B until the panel is rendered (${raw.compare.n} pairs; after the idle-time range summaries: ${fmt(raw.compare.warmup.made)} segments, ${fmt(raw.compare.warmup.workMs, 0)} ms of work)`,
      `p50 ${fmt(F.compareMs.p50, 1)} / p95 ${fmt(F.compareMs.p95, 1)} ms (seek to B p95 ${fmt(F.compareMs.seekP95, 1)})`,
      F.compareMs.goal,
      F.compareMs.pass,
    ],
    [
      `compare again, same pairs (range summaries stored)`,
      `p50 ${fmt(F.compareMs.againP50, 1)} / p95 ${fmt(F.compareMs.againP95, 1)} ms`,
      F.compareMs.goal,
      'info',
    ],
    [
      `compare panel open, B dragged in ${fmt(raw.compare.drag.step)}-event steps (until the panel shows B)`,
      `p50 ${fmt(F.compareMs.dragStepP50, 1)} / p95 ${fmt(F.compareMs.dragStepP95, 1)} ms per step`,
      '—',
      'info',
    ],
  ];
}

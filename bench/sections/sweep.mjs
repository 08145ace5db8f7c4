// Seek while dragging: the store seeks 0 → head in --steps steps, each timed until the store has the state and until
// the views show it; then the JS heap. With --profile, a CPU profile of part of a sweep first.
import { heapUsage } from '../lib/pages.mjs';
import { log } from '../lib/log.mjs';
import { seekSeries } from '../lib/probes.mjs';
import { fmt, quantile, round, summary } from '../lib/stats.mjs';

export const name = 'sweep';
export const stage = 'app';

export async function run(ctx) {
  const { context, app, head, opts, raw } = ctx;
  log(`sweep: ${opts.sweepSteps} steps over [0, ${fmt(head)}]…`);
  if (opts.profile) raw.profile = await profileSweep(context, app, head);
  raw.sweep = await sweep(app, head, opts.sweepSteps, opts.budgetMs);
  if (raw.sweep.truncated) log(`  sweep stopped by its ${opts.budgetMs / 1000} s budget after ${raw.sweep.steps} of ${raw.sweep.planned} steps (to seq ${fmt(raw.sweep.coveredToSeq)})`);
  log(`  sweep per step: view p50 ${fmt(raw.sweep.view.p50, 2)} / p95 ${fmt(raw.sweep.view.p95, 2)} ms; +render p50 ${fmt(raw.sweep.render.p50, 2)} / p95 ${fmt(raw.sweep.render.p95, 2)} ms`);
  raw.heap = await heapUsage(context, app);
  log(`  JS heap after sweep: ${raw.heap.usedMB} MB`);
}

export function figures(F, raw) {
  F.sweepStepMs = { p50: raw.sweep.view.p50, p95: raw.sweep.view.p95, goal: 'p95 ≤ 16 ms', pass: raw.sweep.view.p95 <= 16 && raw.sweep.timeouts === 0 };
  F.sweepStepWithRenderMs = { p50: raw.sweep.render.p50, p95: raw.sweep.render.p95, goal: 'p95 ≤ 16 ms', pass: raw.sweep.render.p95 <= 16 && raw.sweep.timeouts === 0 };
}

export function rows({ figures: F, raw }) {
  return [
    [`seek while dragging (${raw.sweep.steps} steps of ~${fmt(raw.sweep.stepEvents)} events)`, `p50 ${fmt(F.sweepStepMs.p50, 2)} / p95 ${fmt(F.sweepStepMs.p95, 2)} ms`, F.sweepStepMs.goal, F.sweepStepMs.pass],
    ['  … until the views show it', `p50 ${fmt(F.sweepStepWithRenderMs.p50, 2)} / p95 ${fmt(F.sweepStepWithRenderMs.p95, 2)} ms`, F.sweepStepWithRenderMs.goal, F.sweepStepWithRenderMs.pass],
  ];
}

export async function sweep(page, head, steps, budgetMs) {
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

export function sweepSeqs(head, steps) {
  const seqs = [];
  for (let i = 0; i <= steps; i++) {
    const s = Math.round((i * head) / steps);
    if (seqs.at(-1) !== s) seqs.push(s);
  }
  return seqs;
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

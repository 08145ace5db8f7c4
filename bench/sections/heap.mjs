// JS heap growth: the heap after the sweep at N (measured by the sweep section) against the same sweep + heap on a
// separate, honest history of N/10 events (skipped with --no-small).
import { log } from '../lib/log.mjs';
import { heapUsage, openApp, openBench, waitSubscribers } from '../lib/pages.mjs';
import { fmt } from '../lib/stats.mjs';
import { sweep } from './sweep.mjs';

export const name = 'heap';
export const stage = 'after';

export async function run(ctx) {
  const { context, url, opts, raw } = ctx;
  if (!opts.small) return;
  const n10 = Math.round(ctx.N / 10);
  log(`heap at N/10 = ${fmt(n10)} events…`);
  const bench = await openBench(context, url);
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

export function figures(F, raw) {
  F.heapMB = {
    value: raw.heap.usedMB,
    small: raw.small?.heap.usedMB,
    growth: raw.small ? raw.heap.usedMB / raw.small.heap.usedMB : undefined,
    goal: '≤ 200 MB, ≤ 1.2× N/10',
    pass: raw.heap.usedMB <= 200 && (!raw.small || raw.heap.usedMB / raw.small.heap.usedMB <= 1.2),
  };
}

export function rows({ figures: F, events }) {
  return [
    [
      'JS heap after sweep',
      `${fmt(F.heapMB.value, 1)} MB at ${fmt(events)}` + (F.heapMB.small !== undefined ? `; ${fmt(F.heapMB.small, 1)} MB at ${fmt(events / 10)} (${fmt(F.heapMB.growth, 2)}×)` : ''),
      F.heapMB.goal,
      F.heapMB.pass,
    ],
  ];
}

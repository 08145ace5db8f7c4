// Cold start with the whole log stored (snapshots exist now), R times. The last page stays open as ctx.app for the
// 'app' stage sections.
import { log, sleep } from '../lib/log.mjs';
import { openApp, waitSubscribers } from '../lib/pages.mjs';
import { fmt, median } from '../lib/stats.mjs';

export const name = 'coldStart';
export const stage = 'data';

export async function run(ctx) {
  const { context, url, raw } = ctx;
  raw.coldStart = [];
  for (let i = 0; i < ctx.R; i++) {
    const o = await openApp(context, url, `app#cold${i + 1}`);
    raw.coldStart.push(o.cold);
    log(`  cold start #${i + 1}: handle ${fmt(o.cold.handle)} ms, ready ${fmt(o.cold.ready)} ms, rendered ${fmt(o.cold.rendered)} ms, frame ${fmt(o.cold.frame)} ms (balance ${o.cold.balanceText})`);
    if (i < ctx.R - 1) await o.page.close();
    else ctx.app = o.page;
  }
  await waitSubscribers(ctx.app);
  await sleep(500);
}

export function figures(F, raw, results) {
  const cs = median(raw.coldStart.map((c) => c.frame));
  F.coldStartMs = { value: cs, goal: results.events >= 1_000_000 ? '≤ 400 ms' : '≤ 400 ms (goal at 1M)', pass: cs <= 400 };
}

export function rows({ figures: F, raw }) {
  return [[`cold start → views at head (median of ${raw.coldStart.length})`, `${fmt(F.coldStartMs.value)} ms`, F.coldStartMs.goal, F.coldStartMs.pass]];
}

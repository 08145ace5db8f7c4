// Seek against replay-from-zero for three targets behind the head (the point of snapshots and checkpoints).
import { log } from '../lib/log.mjs';
import { fmt, median } from '../lib/stats.mjs';

export const name = 'seekVsReplay';
export const stage = 'app';

export async function run(ctx) {
  const { app, head, raw } = ctx;
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
}

export function figures(F, raw) {
  const svr = median(raw.seekVsReplay.map((r) => r.ratio));
  F.seekVsReplay = { value: svr, goal: '≥ 100×', pass: svr >= 100 };
}

export function rows({ figures: F, raw, events }) {
  return [[`seek vs replay-from-zero (median of ${raw.seekVsReplay.length})`, `${fmt(F.seekVsReplay.value)}×`, F.seekVsReplay.goal + (events < 1e6 ? ' (at 1M)' : ''), F.seekVsReplay.pass]];
}

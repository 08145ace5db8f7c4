// First start (no snapshots yet: a full fold with progress in the UI), then a full rebuild through every projection, R times.
import { log } from '../lib/log.mjs';
import { openApp, waitSubscribers } from '../lib/pages.mjs';
import { fmt, median } from '../lib/stats.mjs';

export const name = 'rebuild';
export const stage = 'data';

export async function run(ctx) {
  const { context, url, raw, N } = ctx;
  log('first start of the app (no snapshots yet: full fold)…');
  const t = Date.now();
  const { page: app, cold } = await openApp(context, url, 'app#first');
  const head = cold.head;
  raw.firstStart = { ms: cold.frame, head, eventsPerS: (head / cold.frame) * 1000 };
  log(`  first start: ready at ${fmt(cold.frame)} ms (${fmt(raw.firstStart.eventsPerS)} ev/s), head ${fmt(head)} (wall ${Date.now() - t} ms)`);
  if (head !== N && Math.abs(head - N) > 100) throw new Error(`app head ${head} ≠ imported ${N}`);
  ctx.head = head;
  raw.subscribersCatchUp = await waitSubscribers(app);
  log(`  subscribers caught up in ${fmt(raw.subscribersCatchUp.ms)} ms${raw.subscribersCatchUp.timeout ? ' (TIMEOUT)' : ''}`);

  raw.rebuild = [];
  for (let i = 0; i < ctx.R; i++) {
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
}

export function figures(F, raw) {
  const rb = median(raw.rebuild.map((r) => r.eventsPerS));
  F.rebuildEventsPerS = { value: rb, goal: '≥ 400,000 ev/s', pass: rb >= 400_000, progressUpdates: raw.rebuild[0]?.progressUpdates };
}

export function rows({ figures: F, raw }) {
  return [[`full rebuild (median of ${raw.rebuild.length}, ${F.rebuildEventsPerS.progressUpdates} progress updates)`, `${fmt(F.rebuildEventsPerS.value)} ev/s`, F.rebuildEventsPerS.goal, F.rebuildEventsPerS.pass]];
}

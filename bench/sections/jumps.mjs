// Random jumps: --jumps seeded targets, each timed from an idle app through the store (until the views show it),
// then as many through the engine alone (TimeMachine.seekTo, no store, no React).
import { log } from '../lib/log.mjs';
import { seekSeries } from '../lib/probes.mjs';
import { mulberry } from '../lib/prng.mjs';
import { fmt, summary } from '../lib/stats.mjs';

export const name = 'jumps';
export const stage = 'app';

export async function run(ctx) {
  const { app, head, opts, raw } = ctx;
  const rnd = mulberry(opts.seed);
  const jumps = Array.from({ length: opts.jumps }, () => Math.floor(rnd() * (head + 1)));
  const r = await app.evaluate(seekSeries, [jumps, opts.budgetMs / 2, 300]);
  raw.jumps = { n: r.view.length, timeouts: r.timeouts, view: summary(r.view), render: summary(r.render) };
  log(`  random jumps: p50 ${fmt(raw.jumps.view.p50, 1)} / p95 ${fmt(raw.jumps.view.p95, 1)} ms`);
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
}

export function figures(F, raw) {
  F.randomJumpEngineMs = { p50: raw.engineJumps.p50, p95: raw.engineJumps.p95, goal: '(info)', pass: null };
  // Until the views show it (the definition); the store alone is kept beside it.
  F.randomJumpMs = {
    p50: raw.jumps.render.p50,
    p95: raw.jumps.render.p95,
    storeP95: raw.jumps.view.p95,
    goal: 'p95 ≤ 50 ms',
    pass: raw.jumps.render.p95 <= 50 && raw.jumps.timeouts === 0,
  };
}

export function rows({ figures: F, raw }) {
  return [
    [`random jumps until the views show it (${raw.jumps.n}, each from an idle app)`, `p50 ${fmt(F.randomJumpMs.p50, 1)} / p95 ${fmt(F.randomJumpMs.p95, 1)} ms (store p95 ${fmt(F.randomJumpMs.storeP95, 1)})`, F.randomJumpMs.goal, F.randomJumpMs.pass],
    ['  … engine only (TimeMachine.seekTo)', `p50 ${fmt(raw.engineJumps.p50, 1)} / p95 ${fmt(raw.engineJumps.p95, 1)} ms`, '', 'info'],
  ];
}

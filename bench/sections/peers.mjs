// The peers a user would pick instead, in the same Chromium and run: redux + @redux-devtools/instrument (unbounded
// history) and zustand + zundo (no limit), driven with the same user actions (the generated history, one action per
// event, folded by the same view projection) at N/100 and N/10 actions (--peers sizes to choose; N itself only if
// asked: both keep every state in memory). Per peer and size: heap the history holds, cost of one new action, jump to
// a past state, and whether the history survives a reload. bench/page/peers.ts is the page.
import { log } from '../lib/log.mjs';
import { heapUsage, wirePage } from '../lib/pages.mjs';
import { mulberry } from '../lib/prng.mjs';
import { fmt, round, summary } from '../lib/stats.mjs';

export const name = 'peers';
export const stage = 'after';

const PEERS = ['redux-devtools-instrument', 'zustand-zundo'];
const LABEL = { 'redux-devtools-instrument': 'redux + @redux-devtools/instrument', 'zustand-zundo': 'zustand + zundo' };
/** Actions kept back from loading and dispatched one by one for the new-action figure. */
const NEW_ACTIONS = 200;
const JUMPS = 30;

export function peerSizes(opts) {
  return opts.peerSizes ?? [Math.round(opts.events / 100), Math.round(opts.events / 10)];
}

export async function run(ctx) {
  const { context, url, opts, raw } = ctx;
  raw.peers = [];
  if (opts.peers === false) return;
  for (const n of peerSizes(opts)) {
    for (const peer of PEERS) {
      log(`peer ${LABEL[peer]} at ${fmt(n)} actions…`);
      const r = await measurePeer(context, url, peer, n, opts).catch((e) => ({ peer, n, failed: String(e?.message ?? e).split('\n')[0] }));
      raw.peers.push(r);
      if (r.failed) log(`  FAILED: ${r.failed}`);
      else
        log(
          `  loaded ${fmt(r.dispatched)} in ${fmt(r.loadMs)} ms${r.truncated ? ' (stopped by budget)' : ''}; history heap ${fmt(r.historyMB, 1)} MB; ` +
            `new action p50 ${fmt(r.newAction.p50, 3)} / p95 ${fmt(r.newAction.p95, 3)} ms; jump p50 ${fmt(r.jump.p50, 3)} / p95 ${fmt(r.jump.p95, 3)} ms; ` +
            `survives reload: ${r.survivesReload ? 'yes' : 'no'}`,
        );
    }
  }
}

async function measurePeer(context, url, peer, n, opts) {
  const page = await context.newPage();
  let crashed = false;
  page.on('crash', () => (crashed = true));
  wirePage(page, `peers:${peer}`);
  try {
    await page.goto(`${url}bench/page/peers.html`);
    await page.waitForFunction(() => !!window.__peers, null, { timeout: 60_000 });
    await page.evaluate(([n, seed]) => window.__peers.generate(n, seed), [n + NEW_ACTIONS, opts.seed]);
    const before = await heapUsage(context, page);
    const load = await page.evaluate(([peer, spare, budget]) => window.__peers.load(peer, spare, budget), [peer, NEW_ACTIONS, opts.peerBudgetMs]);
    const after = await heapUsage(context, page);
    const newAction = await page.evaluate(([from, count]) => window.__peers.newActions(from, count), [load.dispatched, NEW_ACTIONS]);
    const rnd = mulberry(opts.seed + n);
    const targets = Array.from({ length: JUMPS }, () => Math.floor(rnd() * load.dispatched));
    const jumps = await page.evaluate((t) => window.__peers.jumps(t), targets);
    await page.reload();
    await page.waitForFunction(() => !!window.__peers, null, { timeout: 60_000 });
    const historyAfterReload = await page.evaluate(() => window.__peers.history());
    return {
      peer,
      n,
      dispatched: load.dispatched,
      truncated: load.dispatched < n,
      loadMs: round(load.ms, 1),
      history: load.history,
      heapBeforeMB: before.usedMB,
      heapMB: after.usedMB,
      historyMB: round(after.usedMB - before.usedMB, 1),
      newAction: summary(newAction),
      jump: summary(jumps.ms),
      wrongJumps: jumps.wrong,
      survivesReload: historyAfterReload > 1,
    };
  } catch (e) {
    if (crashed) throw new Error(`page crashed (out of memory?) at ${n} actions`);
    throw e;
  } finally {
    await page.close().catch(() => {});
  }
}

export function figures(F, raw) {
  F.peers = {
    value: raw.peers.map((r) =>
      r.failed
        ? { peer: r.peer, n: r.n, failed: r.failed }
        : { peer: r.peer, n: r.n, dispatched: r.dispatched, historyMB: r.historyMB, newActionP95Ms: r.newAction.p95, jumpP95Ms: r.jump.p95, survivesReload: r.survivesReload },
    ),
    goal: '(report)',
    pass: null,
  };
}

export function rows({ raw, figures: F, events }) {
  const ed = [
    `EventDesk, ${fmt(events)} events (this run)`,
    `heap ${fmt(F.heapMB.value, 1)} MB whole app${F.heapMB.small !== undefined ? ` (${fmt(F.heapMB.small, 1)} MB at ${fmt(events / 10)})` : ''}; ` +
      `new action p95 ${fmt(F.commandMs.p95, 1)} ms (click → durable → views); jump p95 ${fmt(F.randomJumpMs.p95, 1)} ms (engine ${fmt(F.randomJumpEngineMs.p95, 1)}); ` +
      `reload keeps history: ${raw.coldStart.every((c) => c.head === raw.firstStart.head) ? 'yes' : 'NO'} (cold start at head)`,
    '(report)',
    'report',
  ];
  if (!raw.peers.length) return [];
  return [ed, ...raw.peers.map((r) => [
    `peer: ${LABEL[r.peer]}, ${fmt(r.n)} actions`,
    r.failed
      ? `failed: ${r.failed}`
      : `heap +${fmt(r.historyMB, 1)} MB; new action p95 ${fmt(r.newAction.p95, 3)} ms; jump p95 ${fmt(r.jump.p95, 3)} ms; reload keeps history: ${r.survivesReload ? 'yes' : 'no'}` +
        (r.truncated ? ` (only ${fmt(r.dispatched)} loaded in the time budget)` : ''),
    '(report)',
    'report',
  ])];
}

// Sync through NATS JetStream (issue 8): two devices = two browser contexts (separate storage) on one desk of a
// nats-server this section starts and stops by PID. Figures: device-to-device latency (A's command durable → B's
// live view has it; both pages' clocks are performance.timeOrigin + now() on one machine), push throughput (commands
// made on A until the desk confirmed them all, one message per command with its ack), a browser's history uploaded to
// an empty desk, and a fresh device pulling that desk (then its views at the head).
// The desk holds --sync-events events (default N/10, at most 50,000). A publishes the desk's sealed segments (1,000
// commands each) before B connects, so B downloads them whole and reads only the rest from the command stream.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, startNatsServer } from '../../sync/nats/nats-server-process.mjs';
import { ROOT } from '../lib/server.mjs';
import { log } from '../lib/log.mjs';
import { wirePage } from '../lib/pages.mjs';
import { fmt, round, summary } from '../lib/stats.mjs';

export const name = 'sync';
export const stage = 'after';

const CONFIG = path.join(ROOT, 'tests/sync/support/nats-test.conf');
const USER = { user: 'tester', password: 'tester-secret' };
const LATENCY_SAMPLES = 40;
const PUSH_COMMANDS = 100;

export async function run(ctx) {
  const { browser, url, opts, raw } = ctx;
  raw.sync = null;
  if (opts.sync === false) return;
  const target = opts.syncEvents ?? Math.min(50_000, Math.round(opts.events / 10));
  const dataDir = mkdtempSync(path.join(tmpdir(), 'eventdesk-bench-nats-'));
  const server = await startNatsServer({ port: await freePort(), clientPort: await freePort(), dataDir, configFile: CONFIG });
  const contexts = [];
  try {
    const device = async (label) => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      contexts.push(context);
      // The executor would work on the demo's open orders on the lease holder; these figures are about sync.
      await context.addInitScript(() => localStorage.setItem('eventdesk.executorPaused', 'true'));
      const page = await context.newPage();
      wirePage(page, `sync:${label}`);
      await page.goto(url);
      await page.waitForFunction(() => window.__eventdesk?.store.getState().phase === 'ready', null, { timeout: 120_000 });
      return page;
    };
    const desk = `bench${Date.now().toString(36)}`;

    log(`sync: device A loads a demo history of about ${fmt(target)} events…`);
    const a = await device('A');
    const events = await a.evaluate((orders) => window.__eventdesk.desk.loadDemo({ seed: 2026, orders }), Math.max(3, Math.round(target / 60)));
    const upload = await timed(() => connect(a, server.url, desk, 30 * 60_000));
    const commands = await a.evaluate(async () => (await window.__eventdesk.desk.syncState.load()).link.upstreamSeq);
    log(`  A uploaded ${fmt(events)} events (${fmt(commands)} commands) to an empty desk in ${fmt(upload)} ms`);
    let segments = 0;
    const publish = await timed(async () => {
      // A publishes after every round in the background; each call waits for the run under way, 0 = nothing left.
      for (let n = -1; n !== 0; segments += Math.max(0, n)) n = await a.evaluate(() => window.__eventdesk.desk.sync.publishSegments());
    });
    log(`  A published ${fmt(segments)} sealed segments in ${fmt(publish)} ms`);

    log('sync: fresh device B pulls the desk…');
    const b = await device('B');
    // Where the pull waited, by phase (src/engine/sync/pull-timings.ts; wall clock, overlapping other work).
    await b.evaluate(() => (globalThis.__eventdeskPullTimings = {}));
    const pull = await timed(() => connect(b, server.url, desk, 30 * 60_000));
    const viewsAtHead = await timed(() => b.waitForFunction((n) => window.__eventdesk.desk.live.seq >= n, events, { timeout: 30 * 60_000, polling: 50 }));
    const pullPhases = await b.evaluate(() => globalThis.__eventdeskPullTimings);
    log(`  B pulled ${fmt(events)} events in ${fmt(pull)} ms (+${fmt(viewsAtHead)} ms until its views were at the head)`);
    log(`  phases (ms): ${Object.entries(pullPhases).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}`);

    log(`sync: latency A → B over ${LATENCY_SAMPLES} charges…`);
    await b.evaluate(() => {
      window.__seen = {};
      window.__eventdesk.desk.onLive((l) => (window.__seen[l.seq] ??= performance.timeOrigin + performance.now()));
    });
    const latency = [];
    for (let i = 0; i < LATENCY_SAMPLES; i++) {
      const { seq, at } = await a.evaluate(async () => {
        const r = await window.__eventdesk.desk.dispatch({ type: 'ChargePoints', walletId: 'me', amount: 10, description: 'bench' });
        return { seq: r.lastSeq, at: performance.timeOrigin + performance.now() };
      });
      const seen = await b.waitForFunction((n) => window.__seen[n], seq, { timeout: 30_000, polling: 2 }).then((h) => h.jsonValue());
      latency.push(seen - at);
    }
    const lat = summary(latency);
    log(`  p50 ${fmt(lat.p50, 1)} ms, p95 ${fmt(lat.p95, 1)} ms`);

    log(`sync: push throughput, ${PUSH_COMMANDS} commands on A…`);
    let localMs = 0;
    const push = await timed(async () => {
      const { head, ms } = await a.evaluate(async (n) => {
        const t = performance.now();
        let last = 0;
        for (let i = 0; i < n; i++) last = (await window.__eventdesk.desk.dispatch({ type: 'ChargePoints', walletId: 'me', amount: 1, description: 'push' })).lastSeq;
        return { head: last, ms: performance.now() - t };
      }, PUSH_COMMANDS);
      localMs = round(ms, 1);
      await a.waitForFunction((h) => window.__eventdesk.desk.sync.status.confirmedSeq >= h && window.__eventdesk.desk.sync.status.pending === 0, head, {
        timeout: 10 * 60_000,
        polling: 10,
      });
    });
    log(`  ${fmt(PUSH_COMMANDS)} commands confirmed in ${fmt(push)} ms (of which ${fmt(localMs)} ms making them on A)`);
    raw.sync = {
      events,
      commands,
      uploadMs: upload,
      segments,
      segmentsPublishMs: publish,
      pullMs: pull,
      pullPhases,
      viewsAtHeadMs: viewsAtHead,
      latency: lat,
      pushCommands: PUSH_COMMANDS,
      pushMs: push,
      pushLocalMs: localMs,
    };
  } catch (e) {
    raw.sync = { failed: String(e?.message ?? e).split('\n')[0] };
    log(`  sync FAILED: ${raw.sync.failed}`);
  } finally {
    for (const c of contexts) await c.close().catch(() => {});
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function connect(page, wsUrl, desk, timeout) {
  await page.getByLabel('Server URL').fill(wsUrl);
  await page.getByLabel('Desk', { exact: true }).fill(desk);
  await page.getByLabel('User', { exact: true }).fill(USER.user);
  await page.getByLabel('Password', { exact: true }).fill(USER.password);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.waitForFunction(() => /synced/.test(document.querySelector('[aria-label="Sync status"]')?.textContent ?? ''), null, { timeout, polling: 50 });
}

async function timed(fn) {
  const t = performance.now();
  await fn();
  return round(performance.now() - t, 1);
}

export function figures(F, raw) {
  const s = raw.sync;
  if (!s || s.failed) {
    F.sync = { value: s?.failed ?? 'not run', goal: '(report)', pass: null };
    return;
  }
  F.syncLatencyMs = { p50: s.latency.p50, p95: s.latency.p95, goal: 'p95 ≤ 250 ms', pass: s.latency.p95 <= 250 };
  F.syncPushPerSec = { value: round((s.pushCommands / s.pushMs) * 1000, 0), goal: '(report)', pass: null };
  F.syncUploadPerSec = { value: round((s.commands / s.uploadMs) * 1000, 0), goal: '(report)', pass: null };
  const perSec = (s.events / s.pullMs) * 1000;
  F.syncFreshPull = { value: s.pullMs, events: s.events, eventsPerSec: round(perSec, 0), projected1MSec: round(1_000_000 / perSec, 0), goal: '1M ≤ 20 s', pass: 1_000_000 / perSec <= 20 };
}

export function rows({ raw, figures: F }) {
  const s = raw.sync;
  if (!s) return [];
  if (s.failed) return [['sync', `failed: ${s.failed}`, '(report)', 'report']];
  return [
    ['sync: A commits → B shows it (loopback)', `p50 ${fmt(F.syncLatencyMs.p50, 1)} / p95 ${fmt(F.syncLatencyMs.p95, 1)} ms`, F.syncLatencyMs.goal, F.syncLatencyMs.pass],
    [`sync: push, ${fmt(s.pushCommands)} commands until confirmed`, `${fmt(F.syncPushPerSec.value)} commands/s`, '(report)', 'report'],
    [`sync: history upload to an empty desk (${fmt(s.commands)} commands)`, `${fmt(F.syncUploadPerSec.value)} commands/s`, '(report)', 'report'],
    [
      `sync: fresh device pulls ${fmt(s.events)} events (${fmt(s.segments ?? 0)} sealed segments + the stream's tail)`,
      `${fmt(s.pullMs / 1000, 1)} s (${fmt(F.syncFreshPull.eventsPerSec)} events/s; 1M would take ~${fmt(F.syncFreshPull.projected1MSec)} s)`,
      F.syncFreshPull.goal,
      F.syncFreshPull.pass,
    ],
  ];
}

// Sync on a three-node JetStream cluster (R3), devices in Chromium over WebSocket
// (bench/page/sync.ts: the app's LogSync + NATS adapter, logs in memory):
// device-to-device latency (A commits → B holds it confirmed), push throughput, the write
// gap while the stream leader is SIGKILLed, and how long a restarted node takes to catch up
// (its replica current again) plus a fresh device connected only to it pulling the desk.
// Sizes scale with --events (N/1000 latency samples, N/100 commands pushed), within bounds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { startNatsCluster } from '../../sync/nats/nats-cluster.mjs';
import { DEMO_DESK } from '../../sync/nats/nats-server-process.mjs';
import { log, sleep } from '../lib/log.mjs';
import { wirePage } from '../lib/pages.mjs';
import { fmt, round, summary } from '../lib/stats.mjs';

export const name = 'sync-cluster';
export const stage = 'after';

const creds = { desk: DEMO_DESK.desk, user: DEMO_DESK.user, pass: DEMO_DESK.password };
const STREAM = `EVENTDESK_${DEMO_DESK.desk}`;

async function streamInfo(cluster) {
  const nc = await connect({ servers: cluster.tcpUrls.filter((_, i) => cluster.isRunning(i)), user: creds.user, pass: creds.pass });
  try {
    return await (await jetstreamManager(nc, { timeout: 2_000 })).streams.info(STREAM);
  } finally {
    await nc.close();
  }
}

const nodeIndex = (cluster, nodeName) => cluster.nodes.findIndex((n) => n.name === nodeName);

/** The longest pause between two confirmations (ms). */
function longestGap(times) {
  const t = [...times].sort((x, y) => x - y);
  let gap = 0;
  for (let i = 1; i < t.length; i++) gap = Math.max(gap, t[i] - t[i - 1]);
  return gap;
}

export async function run(ctx) {
  const { context, url, opts, raw } = ctx;
  const samples = Math.min(500, Math.max(50, Math.round(opts.events / 1000)));
  const pushed = Math.min(5_000, Math.max(500, Math.round(opts.events / 100)));
  const dataDir = mkdtempSync(path.join(tmpdir(), 'eventdesk-bench-cluster-'));
  const cluster = await startNatsCluster({ dataDir });
  const page = await context.newPage();
  wirePage(page, 'sync');
  const r = (raw.syncCluster = { samples, pushed });
  try {
    await page.goto(`${url}bench/page/sync.html`);
    await page.waitForFunction(() => !!window.__syncBench, null, { timeout: 60_000 });
    await page.evaluate(([servers, c]) => window.__syncBench.connect(servers, c), [cluster.wsUrls, creds]);

    r.latencyMs = summary(await page.evaluate((n) => window.__syncBench.latency(n), samples));
    log(`  sync latency A→B (${samples}): p50 ${fmt(r.latencyMs.p50, 1)} ms, p95 ${fmt(r.latencyMs.p95, 1)} ms`);

    const ms = await page.evaluate((n) => window.__syncBench.throughput(n), pushed);
    r.pushPerSecond = round((pushed / ms) * 1000, 0);
    log(`  push throughput: ${fmt(pushed)} commands in ${fmt(ms)} ms → ${fmt(r.pushPerSecond)} /s`);

    // Kill the stream leader 2 s into 12 s of both devices writing.
    const leader = nodeIndex(cluster, (await streamInfo(cluster)).cluster?.leader);
    const writing = page.evaluate(() => window.__syncBench.pushFor(12_000, 5));
    await sleep(2_000);
    await cluster.kill(leader);
    const written = await writing;
    r.writeGapMs = round(longestGap(written.times), 0);
    r.killedLeader = cluster.nodes[leader].name;
    const heads = await page.evaluate(() => window.__syncBench.heads());
    r.identicalHeads = heads[0] === heads[1];
    log(`  leader ${r.killedLeader} killed while writing: write gap ${fmt(r.writeGapMs)} ms; ${fmt(written.issued)} commands, heads ${heads.join(' / ')}`);

    // The killed node misses those writes; bring it back and time its catch-up.
    const t0 = Date.now();
    await cluster.start(leader);
    const ready = Date.now() - t0;
    for (;;) {
      const info = await streamInfo(cluster).catch(() => undefined);
      const replica = info?.cluster?.replicas?.find((p) => p.name === cluster.nodes[leader].name);
      const current = info?.cluster?.leader === cluster.nodes[leader].name || (replica && replica.current && !replica.offline && (replica.lag ?? 0) === 0);
      if (current) break;
      if (Date.now() - t0 > 60_000) throw new Error('the restarted node did not catch up within 60 s');
      await sleep(50);
    }
    r.catchUpMs = Date.now() - t0;
    r.restartReadyMs = ready;
    const late = await page.evaluate(([server, c]) => window.__syncBench.lateDevice(server, c), [cluster.wsUrls[leader], creds]);
    r.lateDevice = { ms: round(late.ms, 0), head: late.head, complete: late.head === heads[0] };
    log(`  restarted node: ready ${fmt(ready)} ms, replica current ${fmt(r.catchUpMs)} ms; a device on it alone pulled ${fmt(late.head)} events in ${fmt(late.ms)} ms`);
  } catch (e) {
    r.failed = String(e?.message ?? e).split('\n')[0];
    log(`  sync-cluster FAILED: ${r.failed}`);
  } finally {
    await page.close().catch(() => {});
    await cluster.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function figures(F, raw) {
  const r = raw.syncCluster;
  if (!r || r.failed) {
    F.syncClusterLatency = { value: null, goal: 'p95 ≤ 250 ms', pass: false };
    return;
  }
  F.syncClusterLatency = { value: r.latencyMs, goal: 'p95 ≤ 250 ms', pass: r.latencyMs.p95 <= 250 };
  F.syncClusterPush = { value: r.pushPerSecond, goal: 'report', pass: null };
  F.syncClusterWriteGap = { value: r.writeGapMs, goal: '< 30 s (no alert)', pass: r.writeGapMs < 30_000 && r.identicalHeads };
  F.syncClusterCatchUp = { value: r.catchUpMs, goal: 'report', pass: r.lateDevice.complete ? null : false };
}

export function rows({ figures: F, raw }) {
  const r = raw.syncCluster;
  if (!r || r.failed) return [['sync on a 3-node cluster', `failed: ${r?.failed ?? 'not run'}`, 'runs', false]];
  return [
    ['sync A→B latency, cluster, WebSocket (p50 / p95)', `${fmt(r.latencyMs.p50, 1)} / ${fmt(r.latencyMs.p95, 1)} ms (${r.samples})`, F.syncClusterLatency.goal, F.syncClusterLatency.pass],
    ['sync push throughput, cluster (one device)', `${fmt(r.pushPerSecond)} commands/s (${fmt(r.pushed)})`, 'report', 'report'],
    ['sync write gap, stream leader SIGKILLed', `${fmt(r.writeGapMs)} ms; logs identical: ${r.identicalHeads ? 'yes' : 'NO'}`, F.syncClusterWriteGap.goal, F.syncClusterWriteGap.pass],
    ['restarted node: replica current / a device on it alone pulled the desk', `${fmt(r.catchUpMs)} ms / ${fmt(r.lateDevice.ms)} ms (${fmt(r.lateDevice.head)} events)`, 'report', r.lateDevice.complete ? 'report' : false],
  ];
}

// A real three-node JetStream cluster on free loopback ports for the fault tests, and
// Node-level devices that sync through the real NATS adapter over TCP (the browser uses
// the same adapter over WebSocket).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { NatsUpstream, deskStream } from '../../../src/engine/nats/nats-upstream';
import type { SyncPhase } from '../../../src/engine/sync/log-sync';
import type { UpstreamEntry } from '../../../src/engine/sync/upstream';
import { startNatsCluster } from '../../../sync/nats/nats-cluster.mjs';
import { syncDevice } from '../sync-device';

// Paths from the repo root (Vitest's root): under jsdom import.meta.url is not a file URL.
export const CLUSTER_DESKS_FILE = resolve('tests/sync/cluster/cluster-desks.conf');
export const SHIPPED_DESKS_FILE = resolve('sync/nats/desks.conf');

export const TESTER = { user: 'tester', pass: 'tester-secret' };
export const DESK_USERS = { alpha: { user: 'alpha', pass: 'alpha-secret' }, beta: { user: 'beta', pass: 'beta-secret' } };

export type TestCluster = Awaited<ReturnType<typeof startTestCluster>>;

export async function startTestCluster() {
  const dataDir = mkdtempSync(join(tmpdir(), 'eventdesk-cluster-'));
  const cluster = await startNatsCluster({ dataDir, desksFile: CLUSTER_DESKS_FILE });
  return {
    ...cluster,
    nodes: cluster.nodes,
    wsUrls: cluster.wsUrls,
    tcpUrls: cluster.tcpUrls,
    /** Index of the node that leads `desk`'s stream (asks the cluster). */
    async streamLeader(desk: string): Promise<number> {
      const nc = await connect({ servers: cluster.tcpUrls, ...TESTER });
      try {
        const info = await (await jetstreamManager(nc)).streams.info(deskStream(desk));
        const leader = info.cluster?.leader;
        const i = cluster.nodes.findIndex((n) => n.name === leader);
        if (i < 0) throw new Error(`no leader for ${desk} (${String(leader)})`);
        return i;
      } finally {
        await nc.close();
      }
    },
    /** Whether node i's replica of `desk` is current (caught up with the leader), asked of the leader. */
    async replicaCurrent(desk: string, i: number): Promise<boolean> {
      const nc = await connect({ servers: cluster.tcpUrls, ...TESTER });
      try {
        const info = await (await jetstreamManager(nc, { timeout: 2_000 })).streams.info(deskStream(desk));
        if (info.cluster?.leader === cluster.nodes[i].name) return true;
        const replica = info.cluster?.replicas?.find((r) => r.name === cluster.nodes[i].name);
        return !!replica && replica.current && !replica.offline && (replica.lag ?? 0) === 0;
      } catch {
        return false;
      } finally {
        await nc.close();
      }
    },
    async dispose() {
      await cluster.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** An adapter for `desk` over TCP to the given nodes only (no servers learned from the cluster). */
export function natsUpstream(desk: string, servers: string[], credentials = TESTER): NatsUpstream {
  return new NatsUpstream({
    desk,
    connect: () =>
      connect({ servers, ...credentials, noRandomize: true, ignoreClusterUpdates: true, reconnect: true, maxReconnectAttempts: -1, reconnectTimeWait: 250 }),
  });
}

/** A device (log in memory + LogSync) that also records every phase it went through and when each command got confirmed. */
export function clusterDevice(name: string) {
  const device = syncDevice(name, { retryMs: 500, failoverRetryMs: 250 });
  const phases: { phase: SyncPhase; at: number; message?: string }[] = [];
  const confirmations: number[] = [];
  let confirmed = 0;
  device.sync.onStatus((s) => {
    if (phases.at(-1)?.phase !== s.phase) phases.push({ phase: s.phase, at: Date.now(), message: s.message });
    if (s.confirmedSeq > confirmed) {
      confirmed = s.confirmedSeq;
      confirmations.push(Date.now());
    }
  });
  return { ...device, phases, confirmations };
}

export type ClusterDevice = ReturnType<typeof clusterDevice>;

/** Polls `check` until it is true (or fails with `what` after `timeoutMs`). */
export async function waitUntil(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<number> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return Date.now() - start;
}

export async function allSynced(devices: ClusterDevice[]): Promise<boolean> {
  const heads = await Promise.all(devices.map((d) => d.log.confirmedHead()));
  return devices.every((d) => d.sync.status.phase === 'synced' && d.sync.status.pending === 0) && heads.every((h) => h === heads[0]);
}

/** Every entry of the desk, read by a fresh client. */
export async function deskEntries(desk: string, servers: string[], credentials = TESTER): Promise<UpstreamEntry[]> {
  for (let attempt = 1; ; attempt++) {
    const up = natsUpstream(desk, servers, credentials);
    try {
      const out: UpstreamEntry[] = [];
      for await (const page of up.read(1)) out.push(...page);
      return out;
    } catch (e) {
      // Right after a node died, creating a consumer can time out for a few seconds (longer on a loaded machine).
      if (attempt >= 10) throw e;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    } finally {
      await up.close();
    }
  }
}

/** The longest time between two consecutive confirmations, across the given timestamps. */
export function longestGap(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let gap = 0;
  for (let i = 1; i < sorted.length; i++) gap = Math.max(gap, sorted[i] - sorted[i - 1]);
  return gap;
}

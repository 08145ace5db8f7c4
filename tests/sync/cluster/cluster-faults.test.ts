// @vitest-environment node
// Faults with real processes: a three-node JetStream cluster (R3) on free loopback ports,
// nodes SIGKILLed by PID, devices syncing through the real NATS adapter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { charge } from '../sync-device';
import {
  allSynced,
  clusterDevice,
  deskEntries,
  longestGap,
  natsUpstream,
  startTestCluster,
  waitUntil,
  type ClusterDevice,
  type TestCluster,
} from './cluster-fixture';

let cluster: TestCluster;
let deskNo = 0;
const newDesk = () => `c${process.pid}_${Date.now()}_${++deskNo}`;

beforeAll(async () => {
  cluster = await startTestCluster();
}, 60_000);

afterAll(async () => {
  await cluster?.dispose();
});

/** Brings back any node a test killed, so each test starts with three. */
async function allNodesUp(): Promise<void> {
  for (let i = 0; i < cluster.nodes.length; i++) {
    if (cluster.isRunning(i)) continue;
    const server = await cluster.start(i);
    await server.waitForOutput(/metadata leader/, 30_000);
  }
}

/** Creates the desk's R3 stream; right after a node came back the first API call may time out, so retry. */
async function createDesk(desk: string): Promise<void> {
  await waitUntil(`desk ${desk} created`, async () => {
    const up = natsUpstream(desk, cluster.tcpUrls);
    try {
      await up.info();
      return true;
    } catch {
      return false;
    } finally {
      await up.close();
    }
  }, 30_000);
}

async function connectAll(devices: ClusterDevice[], desk: string, servers = cluster.tcpUrls) {
  for (const d of devices) expect(await d.connect(natsUpstream(desk, servers), desk)).toBe('linked');
}

/** `count` charges issued from the devices in turn, one every `everyMs`; resolves with their command ids. */
async function issueCharges(devices: ClusterDevice[], count: number, everyMs: number, during?: (i: number) => Promise<void>) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const result = await devices[i % devices.length].dispatch(charge(i + 1));
    ids.push(result.events[0].meta.commandId);
    await during?.(i);
    if (everyMs > 0) await new Promise((r) => setTimeout(r, everyMs));
  }
  return ids;
}

async function expectOneIdenticalLog(devices: ClusterDevice[], desk: string, ids: string[]) {
  const entries = await deskEntries(desk, cluster.tcpUrls);
  const stored = entries.map((e) => e.commandId);
  // 0 acknowledged commands lost, 0 stored twice.
  expect(new Set(stored).size).toBe(stored.length);
  expect([...stored].sort()).toEqual([...ids].sort());
  const exports = await Promise.all(devices.map((d) => d.exportLines()));
  for (const e of exports) expect(e.join('\n')).toBe(exports[0].join('\n'));
  expect(exports[0]).toHaveLength(ids.length);
}

describe('a three-node cluster (R3) under faults', () => {
  it('killing the stream leader while two devices push 1,000 commands loses none, stores none twice, and both logs end byte-identical', async () => {
    await allNodesUp();
    const desk = newDesk();
    const [a, b] = [clusterDevice('a'), clusterDevice('b')];
    try {
      await connectAll([a, b], desk);
      const leader = await cluster.streamLeader(desk);
      let killedAt = 0;
      const ids = await issueCharges([a, b], 1_000, 2, async (i) => {
        if (i === 300) {
          killedAt = Date.now();
          await cluster.kill(leader);
        }
      });
      await waitUntil('both devices synced', () => allSynced([a, b]), 90_000);
      await expectOneIdenticalLog([a, b], desk, ids);
      // The write gap: the longest pause between confirmations on either device after the kill.
      const gap = longestGap([...a.confirmations, ...b.confirmations].filter((t) => t >= killedAt - 1_000));
      console.log(`[cluster] leader ${cluster.nodes[leader].name} killed: write gap ${gap} ms; phases a: ${a.phases.map((p) => `${p.phase}@${p.at - killedAt}${p.message ? ` (${p.message})` : ''}`).join(' > ')}`);
      expect(gap).toBeLessThan(30_000);
      // While the cluster elected a leader the devices said "reconnecting" or simply waited — never an error.
      expect([...a.phases, ...b.phases].map((p) => p.phase)).not.toContain('error');
    } finally {
      await Promise.all([a.sync.disconnect(), b.sync.disconnect()]);
    }
  }, 150_000);

  it('killing a follower interrupts nothing: no command fails, the status never leaves synced/uploading', async () => {
    await allNodesUp();
    const desk = newDesk();
    await createDesk(desk);
    const leader = await cluster.streamLeader(desk);
    const follower = [0, 1, 2].find((i) => i !== leader)!;
    // The devices talk to the leader's node and the other follower (a client on the killed node
    // itself moves to another node, which is the failover case above).
    const servers = [leader, 3 - leader - follower].map((i) => cluster.tcpUrls[i]);
    const [a, b] = [clusterDevice('a'), clusterDevice('b')];
    try {
      await connectAll([a, b], desk, servers);
      const ids = await issueCharges([a, b], 300, 2, async (i) => {
        if (i === 100) await cluster.kill(follower);
      });
      await waitUntil('both devices synced', () => allSynced([a, b]), 60_000);
      await expectOneIdenticalLog([a, b], desk, ids);
      const seen = new Set([...a.phases, ...b.phases].map((p) => p.phase));
      expect([...seen].filter((p) => !['off', 'connecting', 'synced', 'uploading'].includes(p))).toEqual([]);
    } finally {
      await Promise.all([a.sync.disconnect(), b.sync.disconnect()]);
    }
  }, 120_000);

  it('a killed node, restarted with its data, catches up, and a device connected only to it sees the whole log', async () => {
    await allNodesUp();
    const desk = newDesk();
    await createDesk(desk);
    const leader = await cluster.streamLeader(desk);
    const victim = (leader + 1) % 3;
    const others = [0, 1, 2].filter((i) => i !== victim).map((i) => cluster.tcpUrls[i]);
    const a = clusterDevice('a');
    const late = clusterDevice('late');
    try {
      await connectAll([a], desk, others);
      await cluster.kill(victim);
      const ids = await issueCharges([a], 400, 0);
      await waitUntil('device a synced', () => allSynced([a]), 60_000);
      const restartedAt = Date.now();
      await cluster.start(victim);
      const caughtUp = await waitUntil('the restarted replica is current', () => cluster.replicaCurrent(desk, victim), 30_000);
      console.log(`[cluster] node ${cluster.nodes[victim].name} restarted: replica current after ${Date.now() - restartedAt} ms (${caughtUp} ms after ready)`);
      await connectAll([late], desk, [cluster.tcpUrls[victim]]);
      await waitUntil('the late device synced', () => allSynced([a, late]), 60_000);
      await expectOneIdenticalLog([a, late], desk, ids);
    } finally {
      await Promise.all([a.sync.disconnect(), late.sync.disconnect()]);
    }
  }, 120_000);
});

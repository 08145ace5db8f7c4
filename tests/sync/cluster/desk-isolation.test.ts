// @vitest-environment node
// Per-desk isolation enforced by the server: each desk is an account of its own (sync/nats/desks.conf),
// its user allowed only its own stream. Against a real cluster.
// The Sync form's message for this case: tests/e2e/sync-cluster.e2e.test.ts.
import { readFileSync } from 'node:fs';
import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UpstreamRefused } from '../../../src/engine/sync/upstream';
import { charge } from '../sync-device';
import { CLUSTER_DESKS_FILE, DESK_USERS, SHIPPED_DESKS_FILE, clusterDevice, deskEntries, natsUpstream, startTestCluster, waitUntil, type TestCluster } from './cluster-fixture';

let cluster: TestCluster;

beforeAll(async () => {
  cluster = await startTestCluster();
  // Desk alpha holds two commands, written by alpha's own user.
  const a = clusterDevice('alpha-device');
  await a.connect(natsUpstream('alpha', cluster.tcpUrls, DESK_USERS.alpha), 'alpha');
  await a.dispatch(charge(500));
  await a.dispatch(charge(700));
  await waitUntil('alpha synced', () => a.sync.status.phase === 'synced' && a.sync.status.pending === 0);
  await a.sync.disconnect();
}, 60_000);

afterAll(async () => {
  await cluster?.dispose();
});

describe('one desk’s credentials open nothing of another desk', () => {
  it('the test desks carry exactly the shipped demo desk’s permissions (so this test holds the shipped config)', () => {
    const shipped = readFileSync(SHIPPED_DESKS_FILE, 'utf8');
    const tested = readFileSync(CLUSTER_DESKS_FILE, 'utf8');
    const demo = shipped.slice(shipped.indexOf('permissions:'), shipped.indexOf('subscribe:'));
    expect(demo).toContain('ev.demo.>');
    for (const desk of ['alpha', 'beta']) {
      expect(tested).toContain(demo.replaceAll('EVENTDESK_demo', `EVENTDESK_${desk}`).replaceAll('EVENTDESKSEG_demo', `EVENTDESKSEG_${desk}`).replaceAll('eventdesk-demo', `eventdesk-${desk}`).replaceAll('ev.demo.>', `ev.${desk}.>`));
      expect(tested).toContain(`DESK_${desk}: {`);
    }
  });

  it('desk beta’s user can neither read nor write desk alpha through the adapter: refused, not "offline"', async () => {
    const intruder = natsUpstream('alpha', cluster.tcpUrls, DESK_USERS.beta);
    try {
      await expect(intruder.info()).rejects.toBeInstanceOf(UpstreamRefused);
      const read = (async () => {
        for await (const page of intruder.read(1)) return page;
      })();
      await expect(read).rejects.toBeInstanceOf(UpstreamRefused);
      const write = intruder.append({ commandId: 'intruder-1', command: null, events: [] }, 2);
      await expect(write).rejects.toBeInstanceOf(UpstreamRefused);
    } finally {
      await intruder.close();
    }
    expect((await deskEntries('alpha', cluster.tcpUrls, DESK_USERS.alpha)).map((e) => e.commandId)).toHaveLength(2);
  });

  it('raw NATS with beta’s credentials: publishing on alpha’s subject stores nothing, subscribing to it (or to every inbox) hears nothing', async () => {
    const nc = await connect({ servers: cluster.tcpUrls, ...DESK_USERS.beta });
    const heard: string[] = [];
    try {
      const errors: string[] = [];
      void (async () => {
        for await (const s of nc.status()) if (s.type === 'error') errors.push(String(s.error));
      })();
      // A refused subscription reports its error to the callback; only messages count as heard.
      const hear = (e: Error | null, m: { subject: string } | undefined) => void (e ? errors.push(String(e)) : heard.push(m!.subject));
      nc.subscribe('ev.alpha.>', { callback: hear });
      nc.subscribe('_INBOX.>', { callback: hear });
      nc.publish('ev.alpha.cmd', JSON.stringify({ v: 1, commandId: 'forged', command: null, events: [] }));
      await nc.flush();
      // Alpha's own device reads and writes meanwhile: none of it may reach beta.
      const a = clusterDevice('alpha-again');
      await a.connect(natsUpstream('alpha', cluster.tcpUrls, DESK_USERS.alpha), 'alpha');
      await a.dispatch(charge(1));
      await waitUntil('alpha synced', () => a.sync.status.phase === 'synced' && a.sync.status.pending === 0);
      await a.sync.disconnect();
      await waitUntil('the server refused beta', () => errors.some((e) => /permission/i.test(e)), 5_000);
      expect(heard).toEqual([]);
      const entries = await deskEntries('alpha', cluster.tcpUrls, DESK_USERS.alpha);
      expect(entries.map((e) => e.commandId)).not.toContain('forged');
      expect(entries).toHaveLength(3);
    } finally {
      await nc.close();
    }
  });

  it('a device given beta’s credentials for desk alpha is told so clearly, and nothing is written to its log', async () => {
    const b = clusterDevice('beta-device');
    await b.dispatch(charge(42));
    await expect(b.connect(natsUpstream('alpha', cluster.tcpUrls, DESK_USERS.beta), 'alpha')).rejects.toThrow(/refused access to desk "alpha"/);
    expect(b.sync.status.phase).toBe('off');
    expect(b.sync.linkedDesk).toBeUndefined();
    expect((await b.exportLines()).length).toBe(1);
    expect(b.sync.status.pending).toBe(0);
  });
});

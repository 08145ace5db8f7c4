// @vitest-environment node
import { connect } from '@nats-io/transport-node';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { NatsUpstream } from '../../src/engine/nats/nats-upstream';
import { DeskLease, type LeaseStore } from '../../src/engine/sync/desk-lease';
import { MemoryDesk, MemoryUpstream } from '../../src/engine/sync/memory-upstream';
import type { Upstream } from '../../src/engine/sync/upstream';

const TTL = 1_000;
let deskNo = 0;

/** Two devices' view of one desk's lease, and a switch that takes device A off the network. */
interface LeaseDesk {
  a: LeaseStore;
  b: LeaseStore;
  offlineA(): Promise<void>;
  cleanup(): Promise<void>;
}

const kinds: [string, () => Promise<LeaseDesk>][] = [
  [
    'in memory',
    async () => {
      const desk = new MemoryDesk();
      const ua = new MemoryUpstream(desk);
      const ub = new MemoryUpstream(desk);
      return { a: ua.leaseStore('executor'), b: ub.leaseStore('executor'), offlineA: async () => ua.setOnline(false), cleanup: async () => {} };
    },
  ],
  [
    'NATS JetStream key-value',
    async () => {
      const server = inject('natsTestServer');
      const desk = `lease${process.pid}_${Date.now()}_${++deskNo}`;
      const client = () => new NatsUpstream({ desk, connect: () => connect({ servers: server.tcp, user: server.user, pass: server.password }) });
      const ua: Upstream = client();
      const ub: Upstream = client();
      return {
        a: ua.leaseStore('executor'),
        b: ub.leaseStore('executor'),
        offlineA: () => ua.close(),
        cleanup: async () => {
          await ua.close();
          await ub.close();
        },
      };
    },
  ],
];

describe.each(kinds)('executor lease (%s)', (_, make) => {
  let desk: LeaseDesk | undefined;
  afterEach(async () => {
    await desk?.cleanup();
  });

  it('one holder at a time: the first device takes it, the other never does while it is renewed, however long', async () => {
    desk = await make();
    let now = 0;
    const a = new DeskLease(desk.a, 'device-a', { ttlMs: TTL, now: () => now });
    const b = new DeskLease(desk.b, 'device-b', { ttlMs: TTL, now: () => now });
    expect(await a.tick()).toBe(true);
    expect(await b.tick()).toBe(false);
    for (let i = 0; i < 10; i++) {
      now += a.renewEveryMs;
      expect(await a.tick()).toBe(true);
      expect(await b.tick()).toBe(false);
    }
  });

  it('a holder that stops renewing (offline) stops holding at once, and the other takes over after one ttl of its own clock', async () => {
    desk = await make();
    let now = 0;
    const a = new DeskLease(desk.a, 'device-a', { ttlMs: TTL, now: () => now });
    const b = new DeskLease(desk.b, 'device-b', { ttlMs: TTL, now: () => now });
    expect(await a.tick()).toBe(true);
    expect(await b.tick()).toBe(false);
    await desk.offlineA();
    expect(await a.tick()).toBe(false);
    now += TTL - 1;
    expect(await b.tick()).toBe(false);
    now += 1;
    expect(await b.tick()).toBe(true);
  });

  it('a released lease is taken by the next device at once', async () => {
    desk = await make();
    const a = new DeskLease(desk.a, 'device-a', { ttlMs: TTL, now: () => 0 });
    const b = new DeskLease(desk.b, 'device-b', { ttlMs: TTL, now: () => 0 });
    expect(await a.tick()).toBe(true);
    expect(await b.tick()).toBe(false);
    await a.release();
    expect(a.held).toBe(false);
    expect(await b.tick()).toBe(true);
    expect(await a.tick()).toBe(false);
  });
});

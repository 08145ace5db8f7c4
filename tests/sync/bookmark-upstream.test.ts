// @vitest-environment node
import { connect } from '@nats-io/transport-node';
import { inject } from 'vitest';
import { NatsUpstream } from '../../src/engine/nats/nats-upstream';
import { MemoryDesk, MemoryUpstream } from '../../src/engine/sync/memory-upstream';
import { bookmarkUpstreamContract } from './bookmark-upstream.contract';

bookmarkUpstreamContract('in memory', async () => {
  const desk = new MemoryDesk();
  return { client: () => new MemoryUpstream(desk), cleanup: async () => {} };
});

let deskNo = 0;

// The real nats-server of tests/sync/support/nats-global-setup.ts: the desk's key-value bucket.
bookmarkUpstreamContract('NATS JetStream key-value', async () => {
  const server = inject('natsTestServer');
  const desk = `bm${process.pid}_${Date.now()}_${++deskNo}`;
  const clients: NatsUpstream[] = [];
  return {
    client: () => {
      const c = new NatsUpstream({ desk, connect: () => connect({ servers: server.tcp, user: server.user, pass: server.password }) });
      clients.push(c);
      return c;
    },
    cleanup: async () => {
      await Promise.all(clients.map((c) => c.close()));
    },
  };
});

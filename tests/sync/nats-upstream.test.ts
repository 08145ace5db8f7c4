// @vitest-environment node
import { connect } from '@nats-io/transport-node';
import { inject } from 'vitest';
import { NatsUpstream } from '../../src/engine/nats/nats-upstream';
import { upstreamContract } from './upstream.contract';

let deskNo = 0;

// Against the real nats-server started by tests/sync/support/nats-global-setup.ts (TCP here;
// the browser uses the same server over WebSocket — see tests/e2e/sync.e2e.test.ts).
upstreamContract('NATS JetStream', async () => {
  const server = inject('natsTestServer');
  const desk = `t${process.pid}_${Date.now()}_${++deskNo}`;
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

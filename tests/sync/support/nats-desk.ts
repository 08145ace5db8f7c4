import { connect } from '@nats-io/transport-node';
import { inject } from 'vitest';
import { NatsUpstream } from '../../../src/engine/nats/nats-upstream';

let deskNo = 0;

/**
 * A fresh desk (named `<prefix><pid>_<time>_<n>`) on the real nats-server of nats-global-setup.ts, over TCP (the
 * browser uses the same server over WebSocket — see tests/e2e/sync.e2e.test.ts): `client()` is one more device on it,
 * `cleanup()` closes every client opened. The contract suites (upstream, bookmark upstream) run against it.
 */
export function natsDesk(prefix: string) {
  const server = inject('natsTestServer');
  const desk = `${prefix}${process.pid}_${Date.now()}_${++deskNo}`;
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
}

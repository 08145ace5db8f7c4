// @vitest-environment node
import { natsDesk } from './support/nats-desk';
import { upstreamContract } from './upstream.contract';

// Against the real nats-server started by tests/sync/support/nats-global-setup.ts.
upstreamContract('NATS JetStream', async () => natsDesk('t'));

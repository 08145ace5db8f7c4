// @vitest-environment node
import { MemoryDesk, MemoryUpstream } from '../../src/engine/sync/memory-upstream';
import { bookmarkUpstreamContract } from './bookmark-upstream.contract';
import { natsDesk } from './support/nats-desk';

bookmarkUpstreamContract('in memory', async () => {
  const desk = new MemoryDesk();
  return { client: () => new MemoryUpstream(desk), cleanup: async () => {} };
});

// The real nats-server of tests/sync/support/nats-global-setup.ts: the desk's key-value bucket.
bookmarkUpstreamContract('NATS JetStream key-value', async () => natsDesk('bm'));

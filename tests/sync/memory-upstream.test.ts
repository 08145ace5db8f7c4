import { MemoryDesk, MemoryUpstream } from '../../src/engine/sync/memory-upstream';
import { upstreamContract } from './upstream.contract';

upstreamContract('in memory', async () => {
  const desk = new MemoryDesk();
  const clients: MemoryUpstream[] = [];
  return {
    client: () => {
      const c = new MemoryUpstream(desk);
      clients.push(c);
      return c;
    },
    cleanup: async () => {
      await Promise.all(clients.map((c) => c.close()));
    },
  };
});

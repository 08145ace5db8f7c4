// The views fold the log while the sync state is read (EventDesk.start): commands still waiting to upload, restored
// meanwhile, must be in the views at start all the same.
import { afterEach, describe, expect, it } from 'vitest';
import { EventDesk } from '../../src/app/event-desk';
import { ME } from '../../src/domain/streams';
import { MemoryDesk, MemoryUpstream } from '../../src/engine/sync/memory-upstream';
import { memoryStorage } from '../helpers/memory-storage';

const open: EventDesk[] = [];
afterEach(() => {
  for (const d of open.splice(0)) d.close();
});

const settings = { url: 'ws://127.0.0.1:9', desk: 'demo', user: 'alice', password: 's3cret-pw' };

describe('start with commands waiting to upload', () => {
  it('the views at start include the pending commands of the last session', async () => {
    const server = new MemoryDesk();
    const dbName = 'pending-start-' + Math.random();
    const storage = memoryStorage();
    let upstream: MemoryUpstream | undefined;
    const device = (online: boolean) => {
      const desk = new EventDesk({
        dbName,
        runExecutor: false,
        storage,
        upstreamFor: () => {
          upstream = new MemoryUpstream(server);
          upstream.online = online;
          return upstream;
        },
      });
      open.push(desk);
      return desk;
    };
    const first = device(true);
    await first.start();
    expect(await first.syncControl.connect(settings)).toBe('linked');
    await first.dispatch({ type: 'ChargePoints', walletId: ME, amount: 100 });
    // Offline: the next two stay pending.
    upstream!.online = false;
    await first.dispatch({ type: 'ChargePoints', walletId: ME, amount: 20 });
    await first.dispatch({ type: 'ChargePoints', walletId: ME, amount: 3 });
    expect(first.log.pending.length).toBeGreaterThanOrEqual(2);
    const head = await first.log.headSeq();
    first.close();
    open.length = 0;

    const again = device(false);
    const live = await again.start();
    expect(again.log.pending.length).toBeGreaterThanOrEqual(2);
    expect(live.seq).toBe(head);
    expect(live.state.passbook.balance).toBe(123);
    expect(again.live.seq).toBe(head);
  });
});

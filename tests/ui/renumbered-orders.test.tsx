// Issue 8, left over: a rebase that placed this device's order under the next free number said nothing.
// Now a notice says which number the user chose and which it has now, in English and Korean, until read.
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryDesk, MemoryUpstream } from '../../src/engine/sync/memory-upstream';
import { memoryStorage } from '../helpers/memory-storage';
import { syncDevice } from '../sync/sync-device';
import { charge, closeDesks, order, post, renderDesk } from './harness';

afterEach(closeDesks);

describe('orders renumbered by sync', () => {
  it('the device whose order #1 was placed second is told "Your order #1 is now order #2" (EN and KO) until it dismisses it', async () => {
    const server = new MemoryDesk();
    const uplinks: MemoryUpstream[] = [];
    const h = await renderDesk({
      storage: memoryStorage(),
      upstreamFor: () => {
        const u = new MemoryUpstream(server);
        uplinks.push(u);
        return u;
      },
    });
    await h.seed(charge(10_000), post('p1', 'Hello'));
    await act(() => h.desk.syncControl.connect({ url: 'ws://127.0.0.1:9', desk: 'demo', user: 'u', password: 'p' }));
    const other = syncDevice('other');
    await other.connect(new MemoryUpstream(server));

    // Offline here, this device places #1; the other device places its own #1 first.
    uplinks[0].setOnline(false);
    await h.seed(order('1', 'p1', 500, 1, 100));
    await other.dispatch(order('1', 'p1', 300, 1, 100));
    await other.sync.syncNow();
    expect(screen.queryByRole('status', { name: 'Orders renumbered after sync' })).toBeNull();
    await act(async () => {
      uplinks[0].setOnline(true);
      await h.desk.sync.syncNow();
    });

    const notice = await screen.findByRole('status', { name: 'Orders renumbered after sync' }, { timeout: 10_000 });
    expect(notice.textContent).toContain('Your order #1 is now order #2: after syncing, #1 was already taken by an order placed first on another device.');
    expect(h.desk.live.state.orders.byId['2']?.quantity).toBe(500);
    act(() => h.store.getState().setLanguage('ko'));
    await waitFor(() => expect(screen.getByRole('status', { name: /Orders renumbered after sync/ }).textContent).toContain('내 주문 #1의 번호가 #2번으로 바뀌었습니다'));
    act(() => h.store.getState().setLanguage('en'));

    fireEvent.click(screen.getByRole('button', { name: 'Dismiss: order #1 is now #2' }));
    await waitFor(() => expect(screen.queryByRole('status', { name: 'Orders renumbered after sync' })).toBeNull());
    expect((await h.desk.syncState.load()).altered).toEqual([]);
  }, 60_000);
});

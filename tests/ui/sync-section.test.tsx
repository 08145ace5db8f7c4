import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryDesk, MemoryUpstream } from '../../src/engine/sync/memory-upstream';
import { memoryStorage as storage } from '../helpers/memory-storage';
import { charge, closeDesks, order, post, renderDesk } from './harness';

afterEach(closeDesks);


describe('Data panel → Sync', () => {
  it('connects with the form, reports "synced", keeps the credentials out of the log, and shows a refused command as an alert until dismissed', async () => {
    const deskOnServer = new MemoryDesk();
    const uplinks: MemoryUpstream[] = [];
    const settings = storage();
    const h = await renderDesk({
      storage: settings,
      upstreamFor: () => {
        const u = new MemoryUpstream(deskOnServer);
        uplinks.push(u);
        return u;
      },
    });
    await h.seed(charge(12_800), post('p1', 'Hello'));
    expect(screen.getByLabelText('Sync status').textContent).toMatch(/not connected/);

    fireEvent.change(screen.getByLabelText('Server URL'), { target: { value: 'ws://127.0.0.1:9' } });
    fireEvent.change(screen.getByLabelText('Desk'), { target: { value: 'demo' } });
    fireEvent.change(screen.getByLabelText('User'), { target: { value: 'demo' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 's3cret-pw' } });
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(screen.getByLabelText('Sync status').textContent).toMatch(/synced up to event 2/), { timeout: 15_000 });
    expect(deskOnServer.entries).toHaveLength(2);
    expect(deskOnServer.entries.join('\n')).not.toContain('s3cret-pw');
    expect(JSON.stringify(await h.desk.syncState.readSetting('eventdesk.sync:' + h.desk.db.name))).toContain('s3cret-pw');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Disconnect' })).toBeEnabled());

    // Another device spends most of the points while this one, offline, orders with them too.
    uplinks[0].setOnline(false);
    await h.seed(order('9', 'p1', 9_800, 1, 1_000));
    expect(h.desk.live.state.passbook.balance).toBe(3_000);
    await waitFor(() => expect(screen.getByLabelText('Sync status').textContent).toMatch(/waiting to upload|offline/));
    const other = new MemoryUpstream(deskOnServer);
    const head = (await other.info()).head;
    const wallet = JSON.parse(deskOnServer.entries[0]).events[0];
    await other.append(
      {
        commandId: 'other-device-order',
        command: null,
        events: [
          { ...wallet, seq: 3, version: 2, type: 'PointsDeducted', schemaVersion: 1, data: { amount: 9_000, orderId: 'x' }, meta: { ...wallet.meta, commandId: 'other-device-order' } },
        ],
      },
      head,
    );
    await act(async () => {
      uplinks[0].setOnline(true);
      await h.desk.sync.syncNow();
    });
    const alert = await screen.findByRole('alert', { name: 'Rejected after sync' }, { timeout: 10_000 });
    expect(alert.textContent).toContain('Order for 9,800 points was not placed: after syncing, not enough points');
    expect(alert.textContent).toContain('the balance is 3,800');
    // In Korean, the rule too (not the domain's English message).
    act(() => h.store.getState().setLanguage('ko'));
    await waitFor(() => expect(screen.getByRole('alert', { name: 'Rejected after sync' }).textContent).toContain('포인트가 부족합니다: 9,800 포인트가 필요하지만 잔액은 3,800 포인트입니다'));
    act(() => h.store.getState().setLanguage('en'));
    await waitFor(() => expect(h.desk.live.state.passbook.balance).toBe(3_800));
    expect(screen.getByLabelText('Sync status').textContent).toMatch(/synced up to event 3 · conflict: 1 refused/);
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss rejected command' }));
    await waitFor(() => expect(screen.queryByRole('alert', { name: 'Rejected after sync' })).toBeNull());
  }, 60_000);
});

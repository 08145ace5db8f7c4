import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryDesk, MemoryUpstream } from '../../src/engine/sync/memory-upstream';
import { memoryStorage } from '../helpers/memory-storage';
import { charge, closeDesks, renderDesk } from './harness';
import { fakeLayout } from './fake-layout';

const restore: (() => void)[] = [];
beforeEach(() => {
  restore.push(fakeLayout());
  localStorage.setItem('eventdesk.language', 'en');
});
afterEach(async () => {
  await closeDesks();
  while (restore.length) restore.pop()!();
  localStorage.removeItem('eventdesk.language');
});


/** Lines (passbook rows, event log rows) that carry the "not yet synced" mark, by seq. */
function markedSeqs(mark: string): { passbook: number[]; log: number[] } {
  const passbook = within(screen.getByRole('region', { name: 'Passbook' }))
    .queryAllByText(mark)
    .map((m) => Number(m.closest('tr')?.getAttribute('data-seq')));
  // The event log's list is named in the shown language.
  const log = within(document.querySelector<HTMLElement>('.event-log__scroll[role="list"]')!)
    .queryAllByText(mark)
    .map((m) => Number(m.closest('[role="listitem"]')?.querySelector('.event-log__seq')?.textContent?.slice(1)));
  return { passbook: passbook.sort(), log: log.sort() };
}

describe('"not yet synced" marks', () => {
  it('mark exactly the events the desk has not confirmed, in the passbook and the event log, in English and Korean; none once synced, none with sync off', async () => {
    const server = new MemoryDesk();
    let uplink: MemoryUpstream | undefined;
    const h = await renderDesk({
      storage: memoryStorage(),
      upstreamFor: () => (uplink = new MemoryUpstream(server)),
    });
    await h.seed(charge(1_000));
    // Sync never configured: nothing is marked.
    expect(markedSeqs('not yet synced')).toEqual({ passbook: [], log: [] });

    await act(() => h.desk.syncControl.connect({ url: 'ws://127.0.0.1:9', desk: 'demo', user: 'u', password: 'p' }));
    await waitFor(() => expect(screen.getByLabelText('Sync status').textContent).toMatch(/synced up to event 1/));
    uplink!.setOnline(false);
    await h.seed(charge(200), charge(300));
    await waitFor(() => expect(markedSeqs('not yet synced')).toEqual({ passbook: [2, 3], log: [2, 3] }));

    act(() => h.store.getState().setLanguage('ko'));
    await waitFor(() => expect(markedSeqs('아직 동기화 안 됨')).toEqual({ passbook: [2, 3], log: [2, 3] }));
    act(() => h.store.getState().setLanguage('en'));

    await act(async () => {
      uplink!.setOnline(true);
      await h.desk.sync.syncNow();
    });
    await waitFor(() => expect(screen.getByLabelText('Sync status').textContent).toMatch(/synced up to event 3/));
    await waitFor(() => expect(markedSeqs('not yet synced')).toEqual({ passbook: [], log: [] }));
  });
});

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


/** What a hostile device's raw message becomes on the desk: the next entry, as stored. */
function publishRaw(desk: MemoryDesk, text: string): void {
  desk.entries.push(text);
  desk.watchers.forEach((w) => w());
}

/** The event log's rows, top to bottom: each row's seq and the refused-entry notes under it. */
function logRows(): { seq: number; notes: string[] }[] {
  const list = document.querySelector<HTMLElement>('.event-log__scroll[role="list"]')!;
  return within(list)
    .queryAllByRole('listitem')
    .map((item) => ({
      seq: Number(item.querySelector('.event-log__seq')?.textContent?.slice(1)),
      notes: within(item)
        .queryAllByRole('note')
        .map((n) => n.textContent ?? ''),
    }))
    .sort((a, b) => a.seq - b.seq);
}

describe('refused desk entries in the event log', () => {
  it('are shown at their position, after the event they follow, with the reason, in English and Korean, and the events after them stay in order', async () => {
    const server = new MemoryDesk();
    const h = await renderDesk({ storage: memoryStorage(), upstreamFor: () => new MemoryUpstream(server) });
    await h.seed(charge(1_000), charge(200));
    await act(() => h.desk.syncControl.connect({ url: 'ws://127.0.0.1:9', desk: 'demo', user: 'u', password: 'p' }));
    await waitFor(() => expect(screen.getByLabelText('Sync status').textContent).toMatch(/synced up to event 2/));
    expect(logRows().flatMap((r) => r.notes)).toEqual([]);

    // Another device publishes garbage (desk entry 3), then this device charges again.
    publishRaw(server, '{"v":1,"commandId":"x","events":[');
    await act(() => h.desk.sync.syncNow());
    await h.seed(charge(50));
    await act(() => h.desk.sync.syncNow());
    await waitFor(() => expect(screen.getByLabelText('Sync status').textContent).toMatch(/synced up to event 3/));

    await waitFor(() => expect(logRows().map((r) => r.seq)).toEqual([1, 2, 3]));
    const rows = logRows();
    expect(rows[0].notes).toEqual([]);
    expect(rows[1].notes).toHaveLength(1);
    expect(rows[1].notes[0]).toMatch(/Desk entry 3 \(after event 2\) was refused and not applied: .*not valid JSON/);
    expect(rows[2].notes).toEqual([]);
    // The note is not an event: no seq, no button, and the row above it is still one event.
    const note = screen.getByRole('note');
    expect(note.closest('button')).toBeNull();
    expect(h.desk.live.state.passbook.balance).toBe(1_250);

    act(() => h.store.getState().setLanguage('ko'));
    await waitFor(() => expect(logRows()[1].notes[0]).toMatch(/데스크 항목 3\(이벤트 2 다음\)은 거부되어 적용되지 않았습니다: /));
  });

  it('makes the row it follows one line taller per refused entry, so the next rows are not covered', async () => {
    const server = new MemoryDesk();
    const h = await renderDesk({ storage: memoryStorage(), upstreamFor: () => new MemoryUpstream(server) });
    await h.seed(charge(1_000));
    await act(() => h.desk.syncControl.connect({ url: 'ws://127.0.0.1:9', desk: 'demo', user: 'u', password: 'p' }));
    await waitFor(() => expect(screen.getByLabelText('Sync status').textContent).toMatch(/synced up to event 1/));
    publishRaw(server, 'not json');
    publishRaw(server, '{"v":1}');
    await act(() => h.desk.sync.syncNow());
    await h.seed(charge(5));
    await act(() => h.desk.sync.syncNow());
    await waitFor(() => expect(screen.getByLabelText('Sync status').textContent).toMatch(/synced up to event 2/));

    await waitFor(() => expect(logRows().map((r) => r.notes.length)).toEqual([2, 0]));
    const items = within(document.querySelector<HTMLElement>('.event-log__scroll[role="list"]')!).getAllByRole('listitem');
    const bySeq = (seq: number) => items.find((i) => i.querySelector('.event-log__seq')?.textContent === '#' + seq)!;
    expect(bySeq(1).style.height).toBe('84px');
    expect(bySeq(2).style.transform).toBe('translateY(84px)');
  });
});

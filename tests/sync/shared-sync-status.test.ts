// Issue 8, left over: with sync on and several tabs open, only the leading tab runs the sync; every other
// tab showed its own idle LogSync ("disconnected"). Each tab now shows the leader's status, sent over the
// tabs' channel (a BroadcastChannel in the browser; an in-memory hub here).
import { describe, expect, it } from 'vitest';
import { SharedSyncStatus, type SyncTabMessage } from '../../src/app/sync/shared-sync-status';
import { MemoryDesk, MemoryUpstream } from '../../src/engine/sync/memory-upstream';
import type { TabChannel } from '../../src/engine/sync/tab-coordination';
import { charge, syncDevice } from './sync-device';

/** Channels of one browser: a message posted on one reaches every other (not the sender), asynchronously like BroadcastChannel. */
function tabHub() {
  const members = new Set<(m: SyncTabMessage) => void>();
  return (): TabChannel<SyncTabMessage> => {
    const listeners = new Set<(m: SyncTabMessage) => void>();
    const deliver = (m: SyncTabMessage) => listeners.forEach((l) => l(structuredClone(m)));
    members.add(deliver);
    return {
      post: (m) => members.forEach((d) => d !== deliver && queueMicrotask(() => d(m))),
      onMessage: (l) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
      close: () => members.delete(deliver),
    };
  };
}

const settle = () => new Promise((r) => setTimeout(r, 5));

describe('every tab shows the sync status of the tab that runs the sync', () => {
  it('a tab that does not lead shows the leader\'s "synced up to event N", its pending count, and follows changes', async () => {
    const channel = tabHub();
    const server = new MemoryDesk();
    const leaderTab = syncDevice('leader');
    const otherTab = syncDevice('other');
    const disconnects: string[] = [];
    const leader = new SharedSyncStatus(leaderTab.sync, channel(), { disconnect: async () => void disconnects.push('leader') });
    leader.lead();
    await leaderTab.connect(new MemoryUpstream(server));
    await leaderTab.dispatch(charge(100));
    await leaderTab.sync.syncNow();

    // Opened later: it asks, the leader answers.
    const other = new SharedSyncStatus(otherTab.sync, channel(), { disconnect: async () => void disconnects.push('other') });
    await settle();
    expect(otherTab.sync.status.phase).toBe('off');
    expect(other.status.phase).toBe('synced');
    expect(other.status.confirmedSeq).toBe(1);

    const seen: string[] = [];
    other.onStatus((s) => seen.push(`${s.phase}:${s.confirmedSeq}`));
    await leaderTab.dispatch(charge(200));
    await leaderTab.sync.syncNow();
    await settle();
    expect(other.status).toMatchObject({ phase: 'synced', confirmedSeq: 2, pending: 0 });
    expect(seen).toContain('synced:2');

    // "Disconnect" pressed in the other tab disconnects the leader's connection.
    await other.disconnect();
    await settle();
    expect(disconnects).toEqual(['leader']);
    leader.close();
    other.close();
  });

  it('the leading tab (and a tab running a connection of its own) shows its own status, not another\'s', async () => {
    const channel = tabHub();
    const server = new MemoryDesk();
    const a = syncDevice('a');
    const b = syncDevice('b');
    const sa = new SharedSyncStatus(a.sync, channel(), { disconnect: async () => {} });
    const sb = new SharedSyncStatus(b.sync, channel(), { disconnect: async () => {} });
    sa.lead();
    await a.connect(new MemoryUpstream(server));
    await settle();
    expect(sb.status.phase).toBe('synced');
    sb.lead(); // the leader closed; this tab took over and shows its own sync from now on
    expect(sb.status).toBe(b.sync.status);
    sa.close();
    sb.close();
  });
});

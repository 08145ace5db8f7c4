import { describe, expect, it } from 'vitest';
import { MemoryDesk } from '../../src/engine/sync/memory-upstream';
import { charge, deviceOn, syncDevice } from './sync-device';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a failover is "reconnecting", not an error; only a long one is announced', () => {
  it('while the desk elects a leader, commands stay pending, the status says reconnecting, and they upload when it is back', async () => {
    const desk = new MemoryDesk();
    const a = syncDevice('a', { failoverRetryMs: 20, longOutageMs: 10_000 });
    const up = deviceOn(desk);
    await a.connect(up);
    up.electing = true;
    await a.dispatch(charge(100));
    await a.dispatch(charge(200));
    await a.sync.syncNow();
    expect(a.sync.status.phase).toBe('reconnecting');
    expect(a.sync.status.pending).toBe(2);
    expect(a.sync.status.longOutage).toBe(false);
    expect(a.sync.status.outageSince).toBeTypeOf('number');
    expect(desk.entries).toHaveLength(0);
    up.electing = false;
    // It retries by itself (failoverRetryMs), no one has to ask.
    for (let i = 0; i < 100 && a.sync.status.phase !== 'synced'; i++) await sleep(10);
    expect(a.sync.status.phase).toBe('synced');
    expect(a.sync.status.outageSince).toBeUndefined();
    expect(desk.entries).toHaveLength(2);
    expect(await a.balance()).toBe(300);
    await a.sync.disconnect();
  });

  it('an outage that outlasts longOutageMs sets longOutage (the Sync section then shows an alert); it clears when the desk answers', async () => {
    const desk = new MemoryDesk();
    const a = syncDevice('a', { failoverRetryMs: 20, longOutageMs: 150 });
    const up = deviceOn(desk);
    await a.connect(up);
    up.electing = true;
    await a.dispatch(charge(100));
    await a.sync.syncNow();
    expect(a.sync.status.longOutage).toBe(false);
    await sleep(250);
    expect(a.sync.status.phase).toBe('reconnecting');
    expect(a.sync.status.longOutage).toBe(true);
    up.electing = false;
    for (let i = 0; i < 100 && a.sync.status.phase !== 'synced'; i++) await sleep(10);
    expect(a.sync.status.longOutage).toBe(false);
    expect(desk.entries).toHaveLength(1);
    await a.sync.disconnect();
  });
});

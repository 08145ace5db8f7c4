import { describe, expect, it } from 'vitest';
import { MemoryDesk } from '../../src/engine/sync/memory-upstream';
import { balances, charge, deviceOn, devicesOn, order, post, seedForOrders, syncDevice } from './sync-device';

describe('LogSync against an in-memory desk', () => {
  it('a charge on device A appears on device B, at the same seq', async () => {
    const desk = new MemoryDesk();
    const a = syncDevice('a');
    const b = syncDevice('b');
    await a.connect(deviceOn(desk));
    await b.connect(deviceOn(desk));
    await a.dispatch(charge(500));
    await a.sync.syncNow();
    await b.sync.syncNow();
    expect(await b.exportLines()).toEqual(await a.exportLines());
    expect(await b.balance()).toBe(500);
    expect(a.sync.status.phase).toBe('synced');
    expect(b.sync.status.confirmedSeq).toBe(1);
  });

  it('with sync never configured the log takes appends directly (no tail, nothing pending)', async () => {
    const a = syncDevice('a');
    await a.dispatch(charge(100));
    expect(a.log.linked).toBe(false);
    expect(await a.confirmed.headSeq()).toBe(1);
    expect(a.log.pending).toHaveLength(0);
    expect(await a.state.load()).toEqual({ link: undefined, pending: [], rejected: [], altered: [] });
  });

  it('both devices write offline, reconnect: identical logs, every command exactly once', async () => {
    const desk = new MemoryDesk();
    const {
      devices: [a, b],
      upstreams: [ua, ub],
    } = await devicesOn(desk, 'a', 'b');
    await a.dispatch(charge(1_000));
    await a.sync.syncNow();
    await b.sync.syncNow();
    ua.setOnline(false);
    ub.setOnline(false);
    await a.dispatch(charge(10));
    await a.dispatch(post('pa'));
    await b.dispatch(charge(20));
    await b.dispatch(post('pb'));
    await a.sync.syncNow();
    expect(a.sync.status.phase).toBe('offline');
    expect(a.sync.status.pending).toBe(2);
    ua.setOnline(true);
    ub.setOnline(true);
    await a.sync.syncNow();
    await b.sync.syncNow();
    await a.sync.syncNow();
    const lines = await a.exportLines();
    expect(await b.exportLines()).toEqual(lines);
    expect(lines).toHaveLength(5);
    expect(desk.entries).toHaveLength(5);
    const ids = lines.map((l) => JSON.parse(l).meta.commandId);
    expect(new Set(ids).size).toBe(5);
    expect(await a.balance()).toBe(1_030);
    expect(a.sync.status.pending + b.sync.status.pending).toBe(0);
    expect(b.sync.status.phase).toBe('synced');
  });

  it('conflict: two offline orders that each need most of the balance — one is accepted, the other is kept as rejected with the reason', async () => {
    const desk = new MemoryDesk();
    const {
      devices: [a, b],
      upstreams: [ua, ub],
    } = await devicesOn(desk, 'a', 'b');
    await seedForOrders(12_800, a, b);
    ua.setOnline(false);
    ub.setOnline(false);
    await a.dispatch(order('1', 9_800));
    await b.dispatch(order('2', 9_000));
    expect(await a.balance()).toBe(3_000);
    expect(await b.balance()).toBe(3_800);
    ua.setOnline(true);
    await a.sync.syncNow();
    ub.setOnline(true);
    await b.sync.syncNow();
    await a.sync.syncNow();

    expect(await b.exportLines()).toEqual(await a.exportLines());
    const all = (await a.log.readRange(1, Infinity)) as { streamId: string; type: string; data: unknown }[];
    expect(all.filter((e) => e.type === 'OrderPlaced')).toHaveLength(1);
    expect(Math.min(...balances(all))).toBeGreaterThanOrEqual(0);
    expect(await b.balance()).toBe(3_000);
    const rejected = b.sync.status.rejected;
    expect(rejected).toHaveLength(1);
    expect(rejected[0].command).toMatchObject({ type: 'PlaceOrder', orderId: '2' });
    expect(rejected[0].reason).toMatch(/3,000|3000/);
    expect(b.sync.status.pending).toBe(0);
    expect(a.sync.status.rejected).toHaveLength(0);
    // Listed until dismissed, and the dismissal is durable.
    await b.sync.dismissRejected([rejected[0].commandId]);
    expect(b.sync.status.rejected).toHaveLength(0);
    expect((await b.state.load()).rejected).toHaveLength(0);
  });

  it('two offline devices both number their next order #1: the one rebased is placed as #2, and its later commands follow it', async () => {
    const desk = new MemoryDesk();
    const {
      devices: [a, b],
      upstreams: [ua, ub],
    } = await devicesOn(desk, 'a', 'b');
    await seedForOrders(5_000, a, b);
    ua.setOnline(false);
    ub.setOnline(false);
    await a.dispatch(order('1', 1_000));
    await b.dispatch(order('1', 700));
    await b.dispatch({ type: 'CancelOrder', orderId: '1' });
    await b.dispatch(order('2', 300));
    ua.setOnline(true);
    await a.sync.syncNow();
    ub.setOnline(true);
    await b.sync.syncNow();
    await a.sync.syncNow();

    expect(await b.exportLines()).toEqual(await a.exportLines());
    expect(b.sync.status.rejected).toEqual([]);
    const all = (await a.log.readRange(1, Infinity)) as { streamId: string; type: string; data: { quantity?: number } }[];
    const placed = all.filter((e) => e.type === 'OrderPlaced').map((e) => [e.streamId, e.data.quantity]);
    // A's #1 stays #1; B's #1 became #2 and B's own #2 became #3.
    expect(placed).toEqual([
      ['order:1', 1_000],
      ['order:2', 700],
      ['order:3', 300],
    ]);
    // B's cancel followed its order to #2: A's order #1 is not cancelled.
    expect(all.filter((e) => e.type === 'OrderCancelled').map((e) => e.streamId)).toEqual(['order:2']);
    expect(Math.min(...balances(all))).toBeGreaterThanOrEqual(0);
  });

  it('a command whose ack was lost is stored once: the retry is recognised by its command id', async () => {
    const desk = new MemoryDesk();
    const a = syncDevice('a');
    const b = syncDevice('b');
    await a.connect(deviceOn(desk));
    await b.connect(deviceOn(desk));
    desk.loseAcks = 1;
    await a.dispatch(charge(70));
    await a.sync.syncNow();
    // The failed push left it offline — unless the desk's "moved" signal (its own entry) already started the next
    // round, which confirms it from the pull; which comes first is microtask order, not a rule.
    expect(['offline', 'synced']).toContain(a.sync.status.phase);
    expect(desk.entries).toHaveLength(1);
    await a.sync.syncNow();
    expect(a.sync.status.phase).toBe('synced');
    expect(desk.entries).toHaveLength(1);
    await b.sync.syncNow();
    expect(await b.exportLines()).toEqual(await a.exportLines());
    expect(await a.exportLines()).toHaveLength(1);
  });

  it('a lost ack followed by another device writing: the own entry is confirmed from the pull, the rest rebased', async () => {
    const desk = new MemoryDesk();
    const a = syncDevice('a');
    const b = syncDevice('b');
    const ua = deviceOn(desk);
    await a.connect(ua);
    await b.connect(deviceOn(desk));
    desk.loseAcks = 1;
    await a.dispatch(charge(70));
    await a.sync.syncNow();
    ua.setOnline(false);
    await a.dispatch(charge(5));
    await b.sync.syncNow();
    await b.dispatch(charge(30));
    await b.sync.syncNow();
    ua.setOnline(true);
    await a.sync.syncNow();
    await b.sync.syncNow();
    const lines = await a.exportLines();
    expect(await b.exportLines()).toEqual(lines);
    expect(lines.map((l) => JSON.parse(l).data.amount)).toEqual([70, 30, 5]);
    expect(desk.entries).toHaveLength(3);
  });

  it('first connect: an empty desk takes this browser history, an empty browser takes the desk history', async () => {
    const desk = new MemoryDesk();
    const a = syncDevice('a');
    await a.dispatch(charge(100));
    await a.dispatch(post('x'));
    await a.dispatch(charge(5));
    expect(await a.connect(deviceOn(desk))).toBe('linked');
    expect(desk.entries).toHaveLength(3);
    const b = syncDevice('b');
    expect(await b.connect(deviceOn(desk))).toBe('linked');
    expect(await b.exportLines()).toEqual(await a.exportLines());
    expect(b.sync.status.confirmedSeq).toBe(3);
  });

  it('first connect with two different histories merges nothing; replacing this browser log with the desk one makes them identical', async () => {
    const desk = new MemoryDesk();
    const a = syncDevice('a');
    await a.dispatch(charge(100));
    await a.connect(deviceOn(desk));
    const b = syncDevice('b');
    await b.dispatch(charge(7));
    expect(await b.connect(deviceOn(desk))).toBe('diverged');
    expect(b.sync.status.phase).toBe('diverged');
    expect(await b.balance()).toBe(7);
    expect(desk.entries).toHaveLength(1);
    await b.sync.replaceWithDesk('demo');
    expect(await b.exportLines()).toEqual(await a.exportLines());
    await b.dispatch(charge(1));
    await b.sync.syncNow();
    await a.sync.syncNow();
    expect(await a.balance()).toBe(101);
  });

  it('pending commands survive a restart and are pushed on the next connect', async () => {
    const desk = new MemoryDesk();
    const a = syncDevice('a');
    const ua = deviceOn(desk);
    await a.connect(ua);
    await a.sync.disconnect();
    await a.dispatch(charge(40));
    expect(a.sync.status).toMatchObject({ phase: 'disconnected', pending: 1 });
    // A new process over the same stores.
    const again = syncDevice('a');
    await again.confirmed.replaceLog(await a.confirmed.readRange(1, Infinity));
    again.state.link = (await a.state.load()).link;
    again.state.pending = (await a.state.load()).pending;
    await again.sync.restore();
    expect(await again.balance()).toBe(40);
    expect(again.sync.status.pending).toBe(1);
    await again.connect(deviceOn(desk));
    expect(desk.entries).toHaveLength(1);
    expect(again.sync.status).toMatchObject({ phase: 'synced', pending: 0, confirmedSeq: 1 });
  });

  it('a device killed after confirming its own command but before saving the link syncs on restart without pushing it again', async () => {
    const desk = new MemoryDesk();
    const a = syncDevice('a');
    await a.connect(deviceOn(desk));
    await a.dispatch(charge(40));
    await a.sync.syncNow();
    await a.sync.disconnect();
    await a.dispatch(charge(5));
    await a.dispatch(charge(7));
    // The kill: the first pending command is stored by the desk and appended to the confirmed log; the link that says
    // so is never written (the saveLink after it throws, like a process gone between two IndexedDB transactions).
    const saveLink = a.state.saveLink.bind(a.state);
    let killed = false;
    a.state.saveLink = async (link, ids) => {
      if (link && link.confirmedSeq >= 2) {
        killed = true;
        throw new Error('killed');
      }
      return saveLink(link, ids);
    };
    await a.connect(deviceOn(desk)).catch(() => {});
    expect(killed).toBe(true);
    expect(desk.entries.length).toBeGreaterThanOrEqual(2);
    expect(await a.confirmed.headSeq()).toBe(2);
    expect((await a.state.load()).link).toMatchObject({ upstreamSeq: 1, confirmedSeq: 1 });

    // A new process over the same stores.
    const again = syncDevice('a');
    await again.confirmed.replaceLog(await a.confirmed.readRange(1, Infinity));
    Object.assign(again.state, await a.state.load());
    await again.sync.restore();
    await again.connect(deviceOn(desk));
    expect(again.sync.status).toMatchObject({ phase: 'synced', pending: 0, confirmedSeq: 3, message: undefined });
    // Each command once on the desk, in the device's order.
    const onDesk = desk.entries.map((e) => (JSON.parse(e) as { commandId: string }).commandId);
    expect(onDesk).toEqual((await again.confirmed.readRange(1, Infinity)).map((e) => e.meta.commandId));
    expect(await again.balance()).toBe(52);
  });
});

// Issue 8, left over: when a rebase places an order under the next free number (two offline devices both
// placed #1), the user was not told. The rebase now records each command the domain replaced by its
// alternative — from the command as issued to what it is now — kept until dismissed, across restarts.
import { describe, expect, it } from 'vitest';
import { MemoryDesk } from '../../src/engine/sync/memory-upstream';
import { devicesOn, order, seedForOrders } from './sync-device';

const orderId = (c: unknown) => (c as { orderId: string }).orderId;

describe('an order renumbered by a rebase is told to the device that placed it', () => {
  it('two offline devices both place #1: the one synced second is told "#1 is now #2" (and its own #2 "is now #3"); the other is told nothing', async () => {
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
    await b.dispatch(order('2', 300));
    ua.setOnline(true);
    await a.sync.syncNow();
    ub.setOnline(true);
    await b.sync.syncNow();
    // A second rebase (another round) keeps one notice per order, from the number the user chose.
    await b.sync.syncNow();

    expect(a.sync.status.altered).toEqual([]);
    const told = b.sync.status.altered.map((x) => [orderId(x.recorded), orderId(x.decided)]);
    expect(told).toEqual([
      ['1', '2'],
      ['2', '3'],
    ]);
    expect(b.sync.status.altered.every((x) => x.actor === 'b')).toBe(true);

    // Kept across a restart until dismissed; the dismissal is durable.
    expect((await b.state.load()).altered.map((x) => orderId(x.decided))).toEqual(['2', '3']);
    await b.sync.dismissAltered([b.sync.status.altered[0].commandId]);
    expect(b.sync.status.altered.map((x) => orderId(x.decided))).toEqual(['3']);
    expect((await b.state.load()).altered.map((x) => orderId(x.decided))).toEqual(['3']);
  });

  it('an order whose number and the next are both taken is told once, from the number the user chose: "#1 is now #3"', async () => {
    const desk = new MemoryDesk();
    const {
      devices: [a, b, c],
      upstreams: [, , uc],
    } = await devicesOn(desk, 'a', 'b', 'c');
    await seedForOrders(5_000, a, b, c);
    uc.setOnline(false);
    await c.dispatch(order('1', 100));
    await a.dispatch(order('1', 100));
    await a.sync.syncNow();
    await b.sync.syncNow();
    await b.dispatch(order('2', 100));
    await b.sync.syncNow();
    uc.setOnline(true);
    await c.sync.syncNow();

    const placed = (await c.log.readRange(1, Infinity)).filter((e) => e.type === 'OrderPlaced').map((e) => e.streamId);
    expect(placed).toEqual(['order:1', 'order:2', 'order:3']);
    expect(c.sync.status.altered.map((x) => [orderId(x.recorded), orderId(x.decided)])).toEqual([['1', '3']]);
  });
});

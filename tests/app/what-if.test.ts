import { afterEach, describe, expect, it } from 'vitest';
import { EventDesk } from '../../src/app/event-desk';
import type { Command } from '../../src/domain/commands';

const desks: EventDesk[] = [];
async function openDesk(): Promise<EventDesk> {
  const desk = new EventDesk({ dbName: 'what-if-' + Math.random(), runExecutor: false });
  desks.push(desk);
  await desk.start();
  return desk;
}
afterEach(async () => {
  for (const d of desks.splice(0)) {
    await Promise.race([d.subscriptions.kick().catch(() => undefined), new Promise((r) => setTimeout(r, 3000))]);
    d.close();
  }
});

const charge = (amount: number): Command => ({ type: 'ChargePoints', walletId: 'me', amount });
const post = (postId: string): Command => ({ type: 'CreatePost', postId, title: postId, author: 'me' });
const like = (postId: string): Command => ({ type: 'LikePost', postId, userId: 'me' });
const order = (orderId: string): Command => ({ type: 'PlaceOrder', orderId, walletId: 'me', postId: 'p1', quantity: 10, unitPrice: 2, batchSize: 5 });

/** Every record of every table of the desk's database, as JSON (what IndexedDB holds). */
async function dump(desk: EventDesk): Promise<string> {
  const out: Record<string, unknown[]> = {};
  for (const table of desk.db.tables) out[table.name] = await table.toArray();
  return JSON.stringify(out);
}

describe('what-if sandbox', { timeout: 30_000 }, () => {
  it('writes nothing to IndexedDB: every table is the same after commands, a check and a discard', async () => {
    const desk = await openDesk();
    for (const c of [charge(1000), post('p1'), charge(50)]) await desk.dispatch(c);
    await desk.subscriptions.kick();
    const before = await dump(desk);
    const sandbox = desk.openWhatIf(await desk.seekTo(2).then((s) => s!));
    await sandbox.dispatch(charge(300));
    await sandbox.dispatch(order('9'));
    await sandbox.dispatch(like('p1'));
    expect(sandbox.state.seq).toBe(2 + 1 + 2 + 1);
    expect(sandbox.state.state.passbook.balance).toBe(1000 + 300 - 20);
    expect((await desk.readRange(3, 3))[0].data).toMatchObject({ amount: 300 });
    await desk.checkWhatIfOnLive();
    desk.closeWhatIf();
    expect(await dump(desk)).toBe(before);
    expect((await desk.readRange(3, 3))[0].data).toMatchObject({ amount: 50 });
  });

  it('a refused command in the branch adds nothing to it', async () => {
    const desk = await openDesk();
    await desk.dispatch(charge(10));
    const sandbox = desk.openWhatIf(desk.live);
    await expect(sandbox.dispatch(order('1'))).rejects.toMatchObject({ rule: 'order.post-must-exist' });
    expect(sandbox.commands).toHaveLength(0);
    expect(await sandbox.branch.headSeq()).toBe(1);
  });

  it('replay decides again when confirmed: a command the live log took meanwhile is refused, not written twice', async () => {
    const desk = await openDesk();
    for (const c of [charge(1000), post('p1')]) await desk.dispatch(c);
    const sandbox = desk.openWhatIf(desk.live);
    await sandbox.dispatch(like('p1'));
    await sandbox.dispatch(charge(5));
    const check = await desk.checkWhatIfOnLive();
    expect(check.passed.map((p) => p.item.command.type)).toEqual(['LikePost', 'ChargePoints']);
    expect(check.refused).toEqual([]);
    // Between the check and the confirmation the live log moves: "me" likes p1 there.
    await desk.dispatch(like('p1'));
    const out = await desk.replayOnLive(check.passed.map((p) => p.item));
    expect(out.appended.map((c) => c.command.type)).toEqual(['ChargePoints']);
    expect(out.refused).toMatchObject([{ rule: 'like.only-once', item: { command: { type: 'LikePost' } } }]);
    const types = (await desk.store.readRange(1, 10)).map((e) => e.type);
    expect(types).toEqual(['PointsCharged', 'PostCreated', 'PostLiked', 'PointsCharged']);
    // Confirming the same replay again writes nothing more (the branch's command ids).
    await desk.replayOnLive(out.appended);
    expect(await desk.store.headSeq()).toBe(4);
  });
});

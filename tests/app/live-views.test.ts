import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventDesk } from '../../src/app/event-desk';
import { commandMeta, CommandHandler } from '../../src/engine/command-handler';
import { specFor, type Command } from '../../src/domain/commands';
import { ME } from '../../src/domain/streams';

const charge = (amount: number): Command => ({ type: 'ChargePoints', walletId: ME, amount });
const post = (postId: string): Command => ({ type: 'CreatePost', postId, title: `Post ${postId}`, author: ME });
const tooDear = (): Command => ({ type: 'PlaceOrder', orderId: 'x', walletId: ME, postId: 'p1', quantity: 1_000_000, unitPrice: 1_000, batchSize: 10 });

const open: EventDesk[] = [];
async function startedDesk(): Promise<EventDesk> {
  const desk = new EventDesk({ dbName: 'live-views-' + Math.random(), runExecutor: false });
  open.push(desk);
  await desk.start();
  return desk;
}

afterEach(async () => {
  for (const d of open.splice(0)) {
    await d.subscriptions.kick().catch(() => undefined);
    d.close();
  }
});

/** Another writer of the same log (the executor, another tab's handler): appends without going through dispatch. */
function otherWriter(desk: EventDesk): (command: Command) => Promise<unknown> {
  const handler = new CommandHandler(desk.log);
  return (command) => handler.handle(specFor(command), { ...commandMeta('executor'), command });
}

describe('the live views and this tab\'s commands', () => {
  it('a command shows its events in the views without reading the log back, and tells listeners once', async () => {
    const desk = await startedDesk();
    await desk.dispatch(charge(100));
    const reads = vi.spyOn(desk.log, 'readRange');
    const heads = vi.spyOn(desk.log, 'headSeq');
    const told: number[] = [];
    desk.onLive((live) => told.push(live.seq));
    const result = await desk.dispatch(charge(50));
    expect(desk.live.seq).toBe(result.lastSeq);
    expect(desk.live.state.passbook.balance).toBe(150);
    expect(told).toEqual([result.lastSeq]);
    expect(reads).not.toHaveBeenCalled();
    expect(heads).not.toHaveBeenCalled();
  });

  it('an append by another writer while a command lands still reaches the views', async () => {
    const desk = await startedDesk();
    await desk.dispatch(charge(100));
    const write = otherWriter(desk);
    const handle = desk.handler.handle.bind(desk.handler);
    // The other writer's append lands (and is announced) while this tab's command is on its way.
    vi.spyOn(desk.handler, 'handle').mockImplementationOnce(async (spec, meta) => {
      await write(post('p1'));
      return handle(spec, meta);
    });
    await desk.dispatch(charge(5));
    await vi.waitFor(() => expect(desk.live.seq).toBe(3));
    expect(desk.live.state.passbook.balance).toBe(105);
    expect(desk.live.state.posts.order).toContain('p1');
  });

  it('an append by another writer while a refused command runs still reaches the views', async () => {
    const desk = await startedDesk();
    await desk.dispatch(post('p1'));
    const write = otherWriter(desk);
    const handle = desk.handler.handle.bind(desk.handler);
    vi.spyOn(desk.handler, 'handle').mockImplementationOnce(async (spec, meta) => {
      await write(charge(20));
      return handle(spec, meta);
    });
    await expect(desk.dispatch(tooDear())).rejects.toThrow();
    expect(await desk.log.headSeq()).toBe(2);
    await vi.waitFor(() => expect(desk.live.seq).toBe(2));
    expect(desk.live.state.passbook.balance).toBe(20);
  });
});

// Invariants under random use (issue 10): random sequences of commands — sent by two writers (two EventDesks,
// i.e. two tabs, each with its own DexieEventStore over ONE fake-indexeddb database), some at the same moment,
// some repeated with the same command id, with imports of an earlier export in between — against the real
// store. After every step the whole durable log is checked: balance never negative at any seq; delivered ≤
// quantity; a refund equals the undelivered part at the order's price; seq gap-free; each command's events
// contiguous (and written once); seekTo(n) equals the fold of the first n events.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { EventDesk } from '../../src/app/event-desk';
import { exportNdjson } from '../../src/app/ndjson-export';
import { importStaged } from '../../src/app/import-into-desk';
import { stageNdjsonFile } from '../../src/app/ndjson-stream-import';
import type { Command } from '../../src/domain/commands';
import { MY_WALLET } from '../../src/domain/streams';
import type { StoredEvent } from '../../src/engine/event-envelope';
import { DomainRuleViolation } from '../../src/engine/errors';
import { foldInPlace } from '../../src/engine/projection';
import { viewProjection } from '../../src/projections/view-projection';

const POSTS = ['p1', 'p2'];
const ORDERS = ['1', '2'];
const USERS = ['u1', 'u2'];

/** One user action; `writer` says which of the two desks (tabs) sends it. */
type Step =
  | { kind: 'command'; writer: 0 | 1; command: Command }
  | { kind: 'race'; commands: [Command, Command] } // both desks at once
  | { kind: 'repeat'; command: Command } // one intent sent by both desks (same command id)
  | { kind: 'batch'; writer: 0 | 1; orderId: string; ok: boolean; likes: number; skip: number } // the executor's turn
  | { kind: 'import'; writer: 0 | 1; cut: number }; // replace the log with its export cut at a command boundary

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ type: fc.constant('ChargePoints' as const), walletId: fc.constant(MY_WALLET), amount: fc.integer({ min: 1, max: 5_000 }), description: fc.string({ maxLength: 8 }) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('ReverseCharge' as const), walletId: fc.constant(MY_WALLET), chargeVersion: fc.integer({ min: 1, max: 12 }) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('CreatePost' as const), postId: fc.constantFrom(...POSTS), title: fc.string({ maxLength: 8 }), author: fc.constant('me') }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constantFrom('LikePost' as const, 'UnlikePost' as const), postId: fc.constantFrom(...POSTS), userId: fc.constantFrom(...USERS) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('PlaceOrder' as const),
      orderId: fc.constantFrom(...ORDERS),
      walletId: fc.constant(MY_WALLET),
      postId: fc.constantFrom(...POSTS),
      quantity: fc.integer({ min: 1, max: 40 }),
      unitPrice: fc.integer({ min: 1, max: 200 }),
      batchSize: fc.integer({ min: 1, max: 15 }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('StartOrder' as const), orderId: fc.constantFrom(...ORDERS) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('CancelOrder' as const), orderId: fc.constantFrom(...ORDERS) }) },
);
const writerArb = fc.constantFrom(0 as const, 1 as const);
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('command' as const), writer: writerArb, command: commandArb }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('batch' as const), writer: writerArb, orderId: fc.constantFrom(...ORDERS), ok: fc.constantFrom(true, true, false, false, false), likes: fc.integer({ min: 1, max: 25 }), skip: fc.constantFrom(0, 0, 0, 1, -1) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('race' as const), commands: fc.tuple(commandArb, commandArb) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('repeat' as const), command: commandArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('import' as const), writer: writerArb, cut: fc.double({ min: 0, max: 1, noNaN: true }) }) },
);

/** A refusal by a rule is an answer, not a failure; anything else fails the run. */
async function refusedIsFine<T>(p: Promise<T>): Promise<T | 'refused'> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof DomainRuleViolation) return 'refused';
    throw e;
  }
}

/** A file that can only be read as a stream (jsdom's Blob has no stream()). */
function ndjsonFile(text: string): Blob {
  const bytes = new TextEncoder().encode(text);
  return {
    size: bytes.length,
    stream: () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < bytes.length; i += 1024) controller.enqueue(bytes.slice(i, i + 1024));
          controller.close();
        },
      }),
  } as unknown as Blob;
}

/** The next batch number of an order, from the log (what the executor would send), shifted by `skip`. */
function nextBatchNo(events: StoredEvent[], orderId: string, skip: number): number {
  const done = events.filter((e) => e.streamId === `order:${orderId}` && e.type.startsWith('ExecutionBatch')).length;
  return Math.max(1, done + 1 + skip);
}

/** Every rule of the issue over the whole log; throws naming the first broken one and where. */
function checkLog(events: StoredEvent[]): void {
  const at = (e: StoredEvent, what: string) => `seq ${e.seq} (${e.type}): ${what}`;
  const balances = new Map<string, number>();
  const orders = new Map<string, { quantity: number; unitPrice: number; delivered: number; refund?: number }>();
  const commandRange = new Map<string, { first: number; last: number }>();
  events.forEach((e, i) => {
    expect(e.seq, 'seq gap-free').toBe(i + 1);
    const id = e.meta.commandId;
    const range = commandRange.get(id);
    if (range) expect(range.last, at(e, `command ${id} is not contiguous (its previous event is ${range.last})`)).toBe(e.seq - 1);
    commandRange.set(id, { first: range?.first ?? e.seq, last: e.seq });
    const d = e.data as Record<string, number> & Record<string, string>;
    const sign = { PointsCharged: 1, PointsRefunded: 1, PointsDeducted: -1, PointsChargeReversed: -1 }[e.type as string];
    if (sign) {
      const balance = (balances.get(e.streamId) ?? 0) + sign * d.amount;
      expect(balance, at(e, 'balance never negative')).toBeGreaterThanOrEqual(0);
      balances.set(e.streamId, balance);
    }
    if (e.type === 'OrderPlaced') orders.set(d.orderId, { quantity: d.quantity, unitPrice: d.unitPrice, delivered: 0 });
    const order = orders.get(d.orderId);
    if (e.type === 'ExecutionBatchSucceeded') {
      order!.delivered += d.likes;
      expect(order!.delivered, at(e, 'delivered ≤ quantity')).toBeLessThanOrEqual(order!.quantity);
    }
    if (e.type === 'OrderCancelled' || e.type === 'OrderFailed' || e.type === 'OrderCompleted') {
      expect(d.delivered, at(e, 'the order states what was delivered')).toBe(order!.delivered);
    }
    if (e.type === 'OrderCancelled' || e.type === 'OrderFailed') {
      expect(d.refund, at(e, 'refund = undelivered × price')).toBe((order!.quantity - order!.delivered) * order!.unitPrice);
      order!.refund = d.refund;
    }
    if (e.type === 'PointsRefunded') {
      expect(d.amount, at(e, 'the wallet gets back the order’s refund')).toBe(orders.get(d.orderId)?.refund);
    }
  });
}

const desks: EventDesk[] = [];
afterEach(() => {
  while (desks.length) desks.pop()!.close();
});

async function openTabs(): Promise<[EventDesk, EventDesk]> {
  const dbName = `invariants-${Math.random()}`;
  const open = async () => {
    const desk = new EventDesk({ dbName, runExecutor: false, snapshotInterval: 7 });
    desks.push(desk);
    await desk.start();
    return desk;
  };
  return [await open(), await open()];
}

async function run(tabs: [EventDesk, EventDesk], step: Step, log: StoredEvent[]): Promise<void> {
  const [a, b] = tabs;
  switch (step.kind) {
    case 'command':
      await refusedIsFine(tabs[step.writer].dispatch(step.command));
      return;
    case 'race':
      await Promise.all([refusedIsFine(a.dispatch(step.commands[0])), refusedIsFine(b.dispatch(step.commands[1]))]);
      return;
    case 'repeat': {
      const id = `repeat-${log.length}-${Math.random()}`;
      const [first, second] = await Promise.all([refusedIsFine(a.dispatch(step.command, 'me', id)), refusedIsFine(b.dispatch(step.command, 'me', id))]);
      if (first !== 'refused' && second !== 'refused') expect(second.firstSeq).toBe(first.firstSeq); // one intent, one write
      return;
    }
    case 'batch': {
      // The executor's turn on an order: start it if it is only placed, then record one batch.
      const placed = log.some((e) => e.type === 'OrderPlaced' && e.streamId === `order:${step.orderId}`);
      const started = log.some((e) => e.type === 'OrderStarted' && e.streamId === `order:${step.orderId}`);
      if (placed && !started) await refusedIsFine(tabs[step.writer].dispatch({ type: 'StartOrder', orderId: step.orderId }, 'executor'));
      const batchNo = nextBatchNo(log, step.orderId, step.skip);
      const outcome = step.ok ? { ok: true as const, likes: step.likes } : { ok: false as const, reason: 'network' };
      await refusedIsFine(tabs[step.writer].dispatch({ type: 'RecordBatch', orderId: step.orderId, batchNo, outcome }, 'executor'));
      return;
    }
    case 'import': {
      // An earlier export: the log cut after a whole command (a file that splits a command is refused).
      const desk = tabs[step.writer];
      let cut = Math.floor(step.cut * log.length);
      while (cut > 0 && cut < log.length && log[cut].meta.commandId === log[cut - 1].meta.commandId) cut--;
      const text = cut === 0 ? '' : (await (await exportNdjson(desk.store)).text()).split('\n').slice(0, cut).join('\n') + '\n';
      if (cut === 0) return;
      const staged = await stageNdjsonFile(ndjsonFile(text), desk.store, desk.registry, { chunkEvents: 4 });
      if ('errors' in staged) throw new Error(`an export was refused: ${JSON.stringify(staged.errors)}`);
      await importStaged(desk, staged.staging, { replace: true });
      expect(await desk.store.headSeq()).toBe(cut);
      return;
    }
  }
}

describe('invariants under random use: two writers on one IndexedDB, races, repeats and imports', () => {
  it('hold after every step: no negative balance, delivered ≤ quantity, refund = undelivered × price, gap-free seq, whole commands, seekTo = fold', { timeout: 240_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 10, maxLength: 40 }), fc.integer({ min: 0, max: 1_000 }), async (steps, probe) => {
        const tabs = await openTabs();
        // Points and posts first, so that orders can be placed and paid and the interesting rules are reached.
        await tabs[0].dispatch({ type: 'ChargePoints', walletId: MY_WALLET, amount: 3_000, description: 'start' });
        for (const postId of POSTS) await tabs[1].dispatch({ type: 'CreatePost', postId, title: postId, author: 'me' });
        let log = await tabs[0].readRange(1, await tabs[0].store.headSeq());
        for (const step of steps) {
          await run(tabs, step, log);
          const head = await tabs[0].store.headSeq();
          log = head === 0 ? [] : await tabs[0].store.readRange(1, head);
          expect(await tabs[1].store.headSeq()).toBe(head); // one database: both tabs see the same log
          checkLog(log);
          // The time machine of either tab, at any position, shows the fold of exactly that many events.
          const tab = tabs[probe % 2];
          await tab.refresh();
          for (const n of [head, probe % (head + 1), Math.floor(head / 2)]) {
            const shown = await tab.seekTo(n);
            expect(shown?.seq).toBe(n);
            expect(shown?.state, `seekTo(${n})`).toEqual(foldInPlace(viewProjection, viewProjection.init(), log.slice(0, n)));
          }
        }
        for (const desk of tabs) desks.splice(desks.indexOf(desk), 1)[0].close();
      }),
      { numRuns: 20 },
    );
  });

  it('the checker is not blind: each broken rule in an otherwise valid log is caught', async () => {
    const [desk] = await openTabs();
    await desk.dispatch({ type: 'ChargePoints', walletId: MY_WALLET, amount: 100, description: '' });
    await desk.dispatch({ type: 'CreatePost', postId: 'p1', title: 't', author: 'me' });
    await desk.dispatch({ type: 'PlaceOrder', orderId: '1', walletId: MY_WALLET, postId: 'p1', quantity: 10, unitPrice: 5, batchSize: 5 });
    await desk.dispatch({ type: 'StartOrder', orderId: '1' });
    await desk.dispatch({ type: 'RecordBatch', orderId: '1', batchNo: 1, outcome: { ok: true, likes: 4 } });
    await desk.dispatch({ type: 'CancelOrder', orderId: '1' });
    const log = await desk.store.readRange(1, await desk.store.headSeq());
    expect(() => checkLog(log)).not.toThrow();
    const seqOf = (type: string) => log.findIndex((e) => e.type === type);
    const broken = (type: string, data: Record<string, unknown>) =>
      log.map((e, i) => (i === seqOf(type) ? { ...e, data: { ...(e.data as object), ...data } } : e));
    expect(() => checkLog(broken('PointsDeducted', { amount: 101 }))).toThrow(/balance never negative/);
    expect(() => checkLog(broken('ExecutionBatchSucceeded', { likes: 11 }))).toThrow(/delivered ≤ quantity/);
    expect(() => checkLog(broken('OrderCancelled', { refund: 31 }))).toThrow(/refund = undelivered × price/);
    expect(() => checkLog(broken('PointsRefunded', { amount: 29 }))).toThrow(/gets back the order’s refund/);
    expect(() => checkLog(log.filter((_, i) => i !== 2))).toThrow(/seq gap-free/);
    const cancel = seqOf('OrderCancelled'); // the cancel's two events (order, refund) with another command between them
    const split = [...log.slice(0, cancel), log[cancel], log[0], log[cancel + 1]].map((e, i) => ({ ...e, seq: i + 1 }));
    expect(() => checkLog(split)).toThrow(/not contiguous/);
  });
});

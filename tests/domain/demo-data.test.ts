import { beforeAll, describe, expect, it } from 'vitest';
import type { CommandSpec, StreamFolder } from '../../src/engine/command-handler';
import type { StoredEvent } from '../../src/engine/event-envelope';
import { cancelOrder, chargePoints, createPost, likePost, placeOrder, recordBatch, startOrder, unlikePost } from '../../src/domain/commands';
import { DEMO_USERS, generateDemoHistory } from '../../src/domain/demo-data';
import { createEventRegistry } from '../../src/domain/events';
import type { ExecutionBatchFailed, ExecutionBatchSucceeded, OrderPlaced, PointsCharged, PostCreated, PostLiked } from '../../src/domain/events';
import { viewProjection } from '../../src/projections/view-projection';

/** The command that must have produced a group of events (one commandId). */
function commandOf(group: StoredEvent[]): CommandSpec {
  const first = group[0];
  const d: unknown = first.data;
  switch (first.type) {
    case 'PointsCharged':
      return chargePoints({ walletId: first.streamId.slice('wallet:'.length), amount: (d as PointsCharged).amount, description: (d as PointsCharged).description });
    case 'PostCreated':
      return createPost(d as PostCreated);
    case 'PostLiked':
      return likePost(d as PostLiked);
    case 'PostUnliked':
      return unlikePost(d as PostLiked);
    case 'OrderPlaced': {
      const p = d as OrderPlaced;
      return placeOrder({ orderId: p.orderId, walletId: p.walletId, postId: p.postId, quantity: p.quantity, unitPrice: p.unitPrice, batchSize: p.batchSize });
    }
    case 'OrderStarted':
      return startOrder({ orderId: (d as { orderId: string }).orderId });
    case 'ExecutionBatchSucceeded': {
      const b = d as ExecutionBatchSucceeded;
      return recordBatch({ orderId: b.orderId, batchNo: b.batchNo, outcome: { ok: true, likes: b.likes } });
    }
    case 'ExecutionBatchFailed': {
      const b = d as ExecutionBatchFailed;
      return recordBatch({ orderId: b.orderId, batchNo: b.batchNo, outcome: { ok: false, reason: b.reason } });
    }
    case 'OrderCancelled':
      return cancelOrder({ orderId: (d as { orderId: string }).orderId });
    default:
      throw new Error(`no command starts with ${first.type}`);
  }
}

/** Re-decides every command of the history against the states folded so far: must give back exactly its events. */
function redecide(events: StoredEvent[]): number {
  const states: Record<string, unknown> = {};
  const folders: Record<string, StreamFolder<unknown>> = {};
  let commands = 0;
  for (let i = 0; i < events.length; ) {
    let j = i;
    while (j < events.length && events[j].meta.commandId === events[i].meta.commandId) j++;
    const group = events.slice(i, j);
    const spec = commandOf(group);
    const input: Record<string, unknown> = {};
    for (const [id, folder] of Object.entries(spec.load)) {
      folders[id] ??= folder as StreamFolder<unknown>;
      input[id] = states[id] ?? folder.initialState();
    }
    const decided = spec.decide(input); // throws on any rule violation
    const got = Object.entries(decided).flatMap(([streamId, es]) => es.map((e) => ({ streamId, type: e.type, data: e.data })));
    expect(got).toEqual(group.map((e) => ({ streamId: e.streamId, type: e.type, data: e.data })));
    for (const e of group) {
      const folder = folders[e.streamId];
      if (folder) states[e.streamId] = folder.evolve(states[e.streamId] ?? folder.initialState(), e);
      else if (!e.streamId.startsWith('wallet:')) throw new Error(`event on unloaded stream ${e.streamId}`);
      else {
        // refunds go to a wallet the command did not load: fold it with the wallet's folder once known
        const wf = Object.entries(folders).find(([k]) => k.startsWith('wallet:'))?.[1];
        if (wf) states[e.streamId] = wf.evolve(states[e.streamId] ?? wf.initialState(), e);
      }
    }
    commands++;
    i = j;
  }
  return commands;
}

describe('demo history', () => {
  const registry = createEventRegistry();
  let events: StoredEvent[];
  beforeAll(async () => {
    events = await generateDemoHistory({ seed: 42, startAt: Date.UTC(2025, 2, 3, 9), orders: 40 });
  });

  it('every event passes registry.validateStored', () => {
    expect(events.length).toBeGreaterThan(500);
    for (const e of events) expect(registry.validateStored(e)).toEqual(e);
  });

  it('seq is gap-free from 1 and stream versions are contiguous', () => {
    const versions = new Map<string, number>();
    events.forEach((e, i) => {
      expect(e.seq).toBe(i + 1);
      expect(e.version).toBe((versions.get(e.streamId) ?? 0) + 1);
      versions.set(e.streamId, e.version);
    });
  });

  it('contains a cancelled and a failed order, completed ones, likes and unlikes by demo users', () => {
    const types = new Set(events.map((e) => e.type));
    for (const t of ['OrderCancelled', 'OrderFailed', 'OrderCompleted', 'PostLiked', 'PostUnliked', 'ExecutionBatchFailed', 'PointsRefunded']) {
      expect(types.has(t), t).toBe(true);
    }
    const placed = events.filter((e) => e.type === 'OrderPlaced').map((e) => e.data as OrderPlaced);
    expect(placed.length).toBe(40);
    for (const p of placed) {
      expect(p.quantity).toBeGreaterThanOrEqual(200);
      expect(p.quantity).toBeLessThanOrEqual(5_000);
      expect(p.batchSize).toBeGreaterThanOrEqual(10);
      expect(p.batchSize).toBeLessThanOrEqual(100);
    }
    const likers = new Set(events.filter((e) => e.type === 'PostLiked').map((e) => (e.data as PostLiked).userId));
    for (const u of likers) expect(DEMO_USERS as readonly string[]).toContain(u);
  });

  it('has realistic metadata: time moves forward over weeks, users act as "me", batches as "executor"', () => {
    for (let i = 1; i < events.length; i++) expect(events[i].meta.at).toBeGreaterThanOrEqual(events[i - 1].meta.at);
    const span = events.at(-1)!.meta.at - events[0].meta.at;
    expect(span).toBeGreaterThan(7 * 86_400_000);
    expect(span).toBeLessThan(60 * 86_400_000);
    for (const e of events) {
      if (e.type.startsWith('ExecutionBatch') || e.type === 'OrderStarted') expect(e.meta.actor).toBe('executor');
      if (e.type === 'OrderPlaced' || e.type === 'PointsCharged' || e.type === 'OrderCancelled') expect(e.meta.actor).toBe('me');
    }
  });

  it('refolding it through the deciders gives no violation: every command re-decides to exactly its events', () => {
    expect(redecide(events)).toBeGreaterThan(100);
  });

  it('the projections agree with the log: balance never negative, every order finished', () => {
    const view = viewProjection.init();
    for (const e of events) {
      viewProjection.apply(view, e);
      expect(view.passbook.balance).toBeGreaterThanOrEqual(0);
    }
    expect(view.orders.order.length).toBe(40);
    expect(view.orders.counts.placed + view.orders.counts.in_progress).toBe(0);
    expect(view.orders.counts.failed).toBeGreaterThanOrEqual(1);
    expect(view.orders.counts.cancelled).toBeGreaterThanOrEqual(1);
  });

  it('is deterministic for a seed', async () => {
    const again = await generateDemoHistory({ seed: 42, startAt: Date.UTC(2025, 2, 3, 9), orders: 40 });
    expect(again).toEqual(events);
    const other = await generateDemoHistory({ seed: 43, startAt: Date.UTC(2025, 2, 3, 9), orders: 40 });
    expect(other).not.toEqual(events);
  });

  it('honours eventsTarget (stops right after reaching it)', async () => {
    const t = performance.now();
    const big = await generateDemoHistory({ seed: 1, startAt: Date.UTC(2025, 0, 1), eventsTarget: 20_000 });
    const ms = performance.now() - t;
    expect(big.length).toBeGreaterThanOrEqual(20_000);
    expect(big.length).toBeLessThan(20_005);
    expect(ms).toBeLessThan(15_000);
  });
});

describe('demo history ends at now', () => {
  it('by default its newest event is at the current time, never in the future, and it starts about three weeks back', async () => {
    const before = Date.now();
    const events = await generateDemoHistory({ seed: 2026, orders: 40 });
    const after = Date.now();
    const newest = events.at(-1)!.meta.at;
    expect(newest).toBeLessThanOrEqual(after);
    expect(newest).toBeGreaterThanOrEqual(before);
    for (let i = 1; i < events.length; i++) expect(events[i].meta.at).toBeGreaterThanOrEqual(events[i - 1].meta.at);
    expect(newest - events[0].meta.at).toBeLessThanOrEqual(21 * 86_400_000 + 3_600_000);
  });

  it('honours an explicit endAt', async () => {
    const startAt = Date.UTC(2025, 2, 3, 9);
    const endAt = Date.UTC(2025, 2, 10, 9);
    const events = await generateDemoHistory({ seed: 7, startAt, endAt, orders: 5 });
    expect(events[0].meta.at).toBe(startAt);
    expect(events.at(-1)!.meta.at).toBe(endAt);
  });
});

describe('small demo history', () => {
  it('even three orders include a failed and a cancelled one', async () => {
    const events = await generateDemoHistory({ seed: 5, startAt: Date.UTC(2025, 2, 3, 9), orders: 3 });
    const types = events.map((e) => e.type);
    expect(types).toContain('OrderFailed');
    expect(types).toContain('OrderCancelled');
    expect(redecide(events)).toBeGreaterThan(10);
  });
});

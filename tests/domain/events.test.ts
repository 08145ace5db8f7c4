import fixture from '../fixtures/old-schema.ndjson?raw';
import { describe, expect, it } from 'vitest';
import { InvalidEventPayload, UnknownEventType } from '../../src/engine/errors';
import type { StoredEvent } from '../../src/engine/event-envelope';
import { foldStream } from '../../src/engine/decider';
import { MemoryEventStore } from '../../src/engine/memory-event-store';
import { EVENT_TYPES, createEventRegistry, schemas } from '../../src/domain/events';
import { walletDecider } from '../../src/domain/wallet/wallet-decider';
import { viewProjection } from '../../src/projections/view-projection';

const registry = createEventRegistry();

const samples: Record<string, unknown> = {
  PointsCharged: { amount: 10, description: 'Charge' },
  PointsDeducted: { amount: 10, orderId: '1' },
  PointsRefunded: { amount: 10, orderId: '1', reason: 'failed' },
  PointsChargeReversed: { amount: 300, chargeVersion: 2, description: 'Oops' },
  PostCreated: { postId: 'p', title: 't', author: 'me' },
  PostLiked: { postId: 'p', userId: 'alice' },
  PostUnliked: { postId: 'p', userId: 'alice' },
  OrderPlaced: { orderId: '1', postId: 'p', quantity: 10, unitPrice: 2, total: 20, walletId: 'me', batchSize: 5 },
  OrderStarted: { orderId: '1' },
  ExecutionBatchSucceeded: { orderId: '1', batchNo: 1, likes: 5 },
  ExecutionBatchFailed: { orderId: '1', batchNo: 1, reason: 'timeout', consecutiveFailures: 1 },
  OrderCompleted: { orderId: '1', delivered: 10 },
  OrderCancelled: { orderId: '1', delivered: 0, refund: 20 },
  OrderFailed: { orderId: '1', atBatch: 3, delivered: 0, refund: 20, reason: 'timeout' },
};

describe('event registry', () => {
  it('registers every event type with a schema version', () => {
    expect(EVENT_TYPES.sort()).toEqual(Object.keys(samples).sort());
    for (const t of EVENT_TYPES) {
      expect(registry.has(t)).toBe(true);
      expect(registry.currentVersion(t)).toBeGreaterThanOrEqual(1);
      expect(registry.prepare({ type: t, data: samples[t] }).data).toEqual(samples[t]);
    }
    expect(registry.currentVersion('PointsCharged')).toBe(2);
    expect(() => registry.prepare({ type: 'Nope', data: {} })).toThrow(UnknownEventType);
  });

  it('payloads are strict: unknown keys are rejected', () => {
    for (const t of EVENT_TYPES) {
      expect(() => registry.prepare({ type: t, data: { ...(samples[t] as object), extra: 1 } })).toThrow(InvalidEventPayload);
      expect(schemas[t].safeParse({ ...(samples[t] as object), extra: 1 }).success).toBe(false);
    }
  });

  it('payloads are validated', () => {
    expect(() => registry.prepare({ type: 'PointsCharged', data: { amount: 0, description: 'x' } })).toThrow(InvalidEventPayload);
    expect(() => registry.prepare({ type: 'PointsCharged', data: { amount: 1.5, description: 'x' } })).toThrow(InvalidEventPayload);
    expect(() => registry.prepare({ type: 'OrderPlaced', data: { ...(samples.OrderPlaced as object), quantity: 100_001 } })).toThrow(InvalidEventPayload);
    expect(() => registry.prepare({ type: 'PointsRefunded', data: { amount: 1, orderId: '1', reason: 'whatever' } })).toThrow(InvalidEventPayload);
  });

  it('PointsCharged v1 { points } is upcast to v2 { amount, description }', () => {
    const v1: StoredEvent = {
      seq: 1, streamId: 'wallet:me', version: 1, type: 'PointsCharged', schemaVersion: 1, data: { points: 700 },
      meta: { at: 0, actor: 'me', commandId: 'c', correlationId: 'c', causationId: 'c' },
    };
    expect(registry.upcast(v1)).toMatchObject({ schemaVersion: 2, data: { amount: 700, description: 'Charge' } });
    expect(registry.validateStored(v1).data).toEqual({ amount: 700, description: 'Charge' });
    expect(registry.prepare({ type: 'PointsCharged', schemaVersion: 1, data: { points: 5 } })).toEqual({
      type: 'PointsCharged', schemaVersion: 2, data: { amount: 5, description: 'Charge' },
    });
  });

  it('an old-schema log (fixture) validates, upcasts and folds to the hand-computed balance', async () => {
    const lines = fixture.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as StoredEvent);
    expect(lines.length).toBe(8);
    expect(lines.filter((e) => e.type === 'PointsCharged' && e.schemaVersion === 1).length).toBe(2);
    lines.forEach((e, i) => expect(e.seq).toBe(i + 1));

    const upcast = lines.map((e) => registry.upcast(e));
    const validated = lines.map((e) => registry.validateStored(e));
    expect(validated).toEqual(upcast);

    // 5,000 + 2,500 (v1 charges) − 1,000 (order #1) + 300 = 6,800
    const view = viewProjection.init();
    for (const e of validated) viewProjection.apply(view, e);
    expect(view.passbook.balance).toBe(6_800);
    expect(view.passbook.lines.map((l) => [l.kind, l.in, l.out, l.balance])).toEqual([
      ['charge', 5_000, 0, 5_000],
      ['charge', 2_500, 0, 7_500],
      ['deduct', 0, 1_000, 6_500],
      ['charge', 300, 0, 6_800],
    ]);
    expect(view.posts.byId.p1.likeCount).toBe(2);
    expect(view.orders.byId['1'].status).toBe('placed');
    expect(foldStream(walletDecider, validated.filter((e) => e.streamId === 'wallet:me')).balance).toBe(6_800);

    // and a store accepts it as an import, serving it upcast
    const store = new MemoryEventStore(registry);
    await store.appendStored(lines);
    expect((await store.readRange(2, 2))[0].data).toEqual({ amount: 5_000, description: 'Charge' });
  });
});

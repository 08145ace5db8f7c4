import { describe, expect, it } from 'vitest';
import { freeze } from 'immer';
import { evolveMany, foldInPlace } from '../../src/engine/projection';
import type { StoredEvent } from '../../src/engine/event-envelope';
import { keepUnchanged } from '../../src/engine/thawed-fold';
import { generateDemoHistory } from '../../src/domain/demo-data';
import { viewProjection, type ViewState } from '../../src/projections/view-projection';
import { MAX_BUCKETS, statsProjection } from '../../src/projections/stats';

const history: StoredEvent[] = await generateDemoHistory({
  seed: 11,
  eventsTarget: 6_000,
  startAt: Date.UTC(2026, 0, 1),
  quantityRange: [200, 2_000],
  batchSizeRange: [20, 100],
});

function evolveInBatches(events: readonly StoredEvent[], size: number): ViewState {
  let state = viewProjection.init();
  for (let i = 0; i < events.length; i += size) state = evolveMany(viewProjection, state, events.slice(i, i + size));
  return state;
}

describe('a batch folded by thawing (no Immer) for the parts that declare thaw', () => {
  it('T1 gives the same state as the in-place fold, whatever the batch size', () => {
    const reference = foldInPlace(viewProjection, viewProjection.init(), history);
    for (const size of [1, 37, 1_000]) expect(evolveInBatches(history, size)).toEqual(reference);
  });

  it('T2 never changes the state it starts from (deep-frozen, and its JSON is the same after)', () => {
    const half = foldInPlace(viewProjection, viewProjection.init(), history.slice(0, 3_000));
    const json = JSON.stringify(half);
    freeze(half, true);
    for (let i = 3_000; i < history.length; i += 500) evolveMany(viewProjection, half, history.slice(i, i + 500));
    expect(JSON.stringify(half)).toBe(json);
  });

  it('T3 keeps every entity the batch did not change as the same object', () => {
    const before = foldInPlace(viewProjection, viewProjection.init(), history.slice(0, 3_000));
    // Likes of one post: no other post, no order, no notification changes.
    const liked = history.find((e) => e.type === 'PostLiked' && e.seq > 3_000)!;
    const postId = (liked.data as { postId: string }).postId;
    const likes = Array.from({ length: 20 }, (_, i) => ({
      ...liked,
      seq: 3_001 + i,
      data: { postId, userId: `thaw-test-user-${i}` },
    }));
    const after = evolveMany(viewProjection, before, likes);
    expect(after.posts.byId[postId].userLikes).toBe(before.posts.byId[postId].userLikes + 20);
    for (const id of Object.keys(before.posts.byId)) if (id !== postId) expect(after.posts.byId[id]).toBe(before.posts.byId[id]);
    expect(after.notifications).toBe(before.notifications);
    expect(after.stats).toBe(before.stats);
    expect(after.orders).toBe(before.orders);
    expect(after.overview).not.toBe(before.overview); // every event extends the timeline's overview
  });

  it('T4 a stats batch shares every bucket but the ones it wrote', () => {
    const before = foldInPlace(statsProjection, statsProjection.init(), history.slice(0, 3_000));
    const after = evolveMany(statsProjection, before, history.slice(3_000, 3_050));
    const changed = after.buckets.filter((b, i) => b !== before.buckets[i]).length;
    expect(after.buckets.length).toBeGreaterThanOrEqual(before.buckets.length);
    expect(changed).toBeLessThanOrEqual(after.buckets.length - before.buckets.length + 1);
    expect(after.buckets.slice(0, before.buckets.length - 1).every((b, i) => b === before.buckets[i])).toBe(true);
  });

  it('T5 coarsening a thawed stats state writes new buckets, never the shared ones', () => {
    const hourly = Array.from({ length: MAX_BUCKETS }, (_, i) => ({ ...history[1], seq: i + 1, type: 'OrderPlaced', meta: { ...history[1].meta, at: Date.UTC(2026, 0, 1) + i * 3_600_000 } }));
    const before = foldInPlace(statsProjection, statsProjection.init(), hourly);
    freeze(before, true);
    const json = JSON.stringify(before);
    const next = { ...hourly[0], seq: MAX_BUCKETS + 1, meta: { ...hourly[0].meta, at: Date.UTC(2026, 0, 1) + MAX_BUCKETS * 3_600_000 } };
    const after = evolveMany(statsProjection, before, [next]);
    expect(after.bucketMs).toBeGreaterThan(before.bucketMs);
    expect(after.buckets.length).toBeLessThanOrEqual(MAX_BUCKETS);
    expect(JSON.stringify(before)).toBe(json);
    expect(after).toEqual(foldInPlace(statsProjection, statsProjection.init(), [...hourly, next]));
  });

  it('T6 keepUnchanged hands back the original when a thawed copy was not written', () => {
    const before = { list: [{ a: 1 }, { a: 2 }], map: { x: { b: 1 } }, n: 3 };
    expect(keepUnchanged(before, { ...before, list: [before.list[0], { a: 2 }], map: { ...before.map } })).toBe(before);
    const written = keepUnchanged(before, { ...before, list: [...before.list, { a: 3 }], map: { ...before.map } });
    expect(written).not.toBe(before);
    expect(written.map).toBe(before.map);
    expect(written.list[0]).toBe(before.list[0]);
  });

  it('T7 an order batch copies only the rows it writes; the order list and other rows stay the same objects', () => {
    const before = foldInPlace(viewProjection, viewProjection.init(), history.slice(0, 3_000));
    const batch = history.slice(3_000).find((e) => e.type === 'ExecutionBatchSucceeded')!;
    const orderId = (batch.data as { orderId: string }).orderId;
    const after = evolveMany(viewProjection, before, [{ ...batch, seq: 3_001 }]);
    expect(after.orders.byId[orderId]).not.toBe(before.orders.byId[orderId]);
    expect(after.orders.byId[orderId].delivered).toBeGreaterThan(before.orders.byId[orderId].delivered);
    for (const id of Object.keys(before.orders.byId)) if (id !== orderId) expect(after.orders.byId[id]).toBe(before.orders.byId[id]);
    expect(after.orders.order).toBe(before.orders.order);
    expect(after.orders.counts).toBe(before.orders.counts);
  });
});

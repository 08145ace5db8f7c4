import { describe, expect, it } from 'vitest';
import { foldInPlace } from '../../src/engine/projection';
import { event } from '../../src/domain/events';
import { findMarker } from '../../src/app/marker-search';
import { MemoryEventStore } from '../../src/engine/memory-event-store';
import { createEventRegistry } from '../../src/domain/events';
import { bucketRange, densities, markBit, markKindOf, MAX_OVERVIEW_BUCKETS, timelineOverviewProjection } from '../../src/projections/timeline-overview';
import { on, toStored } from '../helpers/given-when-then';

const W = 'wallet:me';
const charge = (amount = 10) => on(W, event('PointsCharged', { amount, description: 'Charge' }));
const liked = (n: number) => on('post:p', event('PostLiked', { postId: 'p', userId: `u${n}` }));

/** n events: every `every`-th one a charge, the rest likes. */
function log(n: number, every: number) {
  return toStored(Array.from({ length: n }, (_, i) => ((i + 1) % every === 0 ? charge() : liked(i))));
}

describe('timeline overview (markers and density, bounded)', () => {
  it('marks the buckets holding notable events, one bucket per event while the log is small', () => {
    const events = log(40, 10);
    const o = foldInPlace(timelineOverviewProjection, timelineOverviewProjection.init(), events);
    expect(o.width).toBe(1);
    expect(o.marks.map((m, i) => (m ? i + 1 : 0)).filter(Boolean)).toEqual([10, 20, 30, 40]);
    expect(markKindOf({ type: 'OrderFailed' })).toBe('failed');
    expect(markKindOf({ type: 'PostLiked' })).toBeNull();
  });

  it('stays within MAX_OVERVIEW_BUCKETS by merging neighbours, keeping every mark and time span', () => {
    const n = MAX_OVERVIEW_BUCKETS * 5 + 3;
    const events = log(n, 997);
    const o = foldInPlace(timelineOverviewProjection, timelineOverviewProjection.init(), events);
    expect(o.marks.length).toBeLessThanOrEqual(MAX_OVERVIEW_BUCKETS);
    expect(o.width).toBe(8);
    for (let b = 0; b < o.marks.length; b++) {
      const [from, to] = bucketRange(o, b, n);
      const inside = events.slice(from - 1, to);
      expect(o.firstAt[b]).toBe(inside[0].meta.at);
      expect(o.lastAt[b]).toBe(inside.at(-1)!.meta.at);
      expect(o.marks[b]).toBe(inside.some((e) => e.type === 'PointsCharged') ? markBit('charge') : 0);
    }
    const d = densities(o, n);
    expect(d).toHaveLength(o.marks.length);
    expect(Math.max(...d)).toBe(1);
  });

  it('finds the next and previous marker: the nearest notable event or bookmark beyond the position', async () => {
    const n = MAX_OVERVIEW_BUCKETS * 3;
    const events = log(n, 250);
    const store = new MemoryEventStore(createEventRegistry());
    await store.appendStored(events);
    const o = foldInPlace(timelineOverviewProjection, timelineOverviewProjection.init(), events);
    expect(await findMarker(store, o, n, [], 0, 1)).toBe(250);
    expect(await findMarker(store, o, n, [], 250, 1)).toBe(500);
    expect(await findMarker(store, o, n, [], 1400, 1)).toBe(1500);
    expect(await findMarker(store, o, n, [], 1500, 1)).toBeNull();
    expect(await findMarker(store, o, n, [], 501, -1)).toBe(500);
    expect(await findMarker(store, o, n, [], 250, -1)).toBeNull();
    // Bookmarks count as markers too, whichever is nearer wins.
    expect(await findMarker(store, o, n, [260, 7], 250, 1)).toBe(260);
    expect(await findMarker(store, o, n, [260, 7], 250, -1)).toBe(7);
    expect(await findMarker(store, o, n, [1536], 1500, 1)).toBe(1536);
  });
});

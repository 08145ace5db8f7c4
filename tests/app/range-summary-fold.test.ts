import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EventDesk } from '../../src/app/event-desk';
import { foldRangeCondensed, MAKE_SUMMARIES_FROM, makeSummariesLater } from '../../src/app/range-summary-fold';
import { generateDemoHistory } from '../../src/domain/demo-data';
import type { StoredEvent } from '../../src/engine/event-envelope';
import { foldInPlace } from '../../src/engine/projection';
import { ordersBoardProjection } from '../../src/projections/orders-board';
import { passbookProjection } from '../../src/projections/passbook';
import { postsProjection } from '../../src/projections/posts';
import { RangeFold } from '../../src/projections/range-comparison';
import { summarizeRange } from '../../src/projections/range-summary';
import type { ViewState } from '../../src/projections/view-projection';

function baseAt(events: readonly StoredEvent[], seq: number): ViewState {
  const head = events.slice(0, seq);
  return {
    passbook: foldInPlace(passbookProjection, passbookProjection.init(), head),
    orders: foldInPlace(ordersBoardProjection, ordersBoardProjection.init(), head),
    posts: foldInPlace(postsProjection, postsProjection.init(), head),
  } as ViewState;
}

const desks: EventDesk[] = [];
async function deskWith(events: StoredEvent[]): Promise<EventDesk> {
  const desk = new EventDesk({ dbName: 'range-summaries-' + Math.random(), runExecutor: false, snapshotInterval: 100_000 });
  desks.push(desk);
  await desk.store.appendStored(events);
  await desk.start();
  return desk;
}
afterEach(() => {
  while (desks.length) desks.pop()!.close();
});

/** Waits until `count` summaries are stored (they are made after the compare that missed them). */
async function summariesStored(desk: EventDesk, count: number): Promise<void> {
  await expect.poll(() => desk.db.segmentDigests.where('id').aboveOrEqual(0).count(), { timeout: 10_000 }).toBe(count);
}

async function compareOnDesk(desk: EventDesk, events: StoredEvent[], a: number, b: number) {
  const fold = new RangeFold(baseAt(events, a), a);
  expect(await desk.foldRange(fold, b)).toBe(true);
  return fold.result();
}

describe("the desk's Compare reads whole sealed segments as summaries", { timeout: 60_000 }, () => {
  let events: StoredEvent[];
  beforeAll(async () => {
    events = await generateDemoHistory({ seed: 31, eventsTarget: 12_600, startAt: Date.UTC(2026, 0, 1), quantityRange: [2_000, 20_000], batchSizeRange: [20, 100] });
  });

  it('gives the plain fold of (A, B] for A and B inside segments, on their edges, from 0, to the head and in the tail', async () => {
    const desk = await deskWith(events);
    const n = events.length;
    // Ranges of 10+ whole segments make summaries; shorter ones use those made (or read events).
    const pairs: [number, number][] = [[0, n], [0, 0], [999, 3001], [1000, 4000], [1500, 1600], [2345, n], [n - 5, n], [0, 2000], [999, 11_001], [500, 12_000]];
    // Twice: the second round gets its summaries from memory.
    for (let round = 0; round < 2; round++) {
      if (round === 1) await summariesStored(desk, 12);
      for (const [a, b] of pairs) {
        const plain = new RangeFold(baseAt(events, a), a).add(events.slice(a, b)).result();
        expect(await compareOnDesk(desk, events, a, b), `(${a}, ${b}] round ${round}`).toEqual(plain);
      }
    }
    // The first long compare asked for its summaries to be made afterwards; the later ones used them.
    await summariesStored(desk, 12);
  });

  it('after an import replaced the log, compares the new log, not summaries of the old one', async () => {
    const desk = await deskWith(events);
    await compareOnDesk(desk, events, 0, 12_000);
    await summariesStored(desk, 12);
    const other = await generateDemoHistory({ seed: 32, eventsTarget: 12_600, startAt: Date.UTC(2026, 0, 1), quantityRange: [2_000, 20_000], batchSizeRange: [20, 100] });
    await desk.store.replaceLog(other);
    const plain = new RangeFold(baseAt(other, 0), 0).add(other.slice(0, 12_000)).result();
    expect(await compareOnDesk(desk, other, 0, 12_000)).toEqual(plain);
    // And with the new log's own summaries.
    await summariesStored(desk, 12);
    expect(await compareOnDesk(desk, other, 0, 12_000)).toEqual(plain);
  });

  it("in a what-if, the sandbox's own events after the fork are folded, not the stored segment they replace", async () => {
    const desk = await deskWith(events);
    // The branch's events 11,991-12,010 take the place of stored segment 11's last ten and more.
    const fork = 11_990;
    await compareOnDesk(desk, events, 0, 12_000);
    await summariesStored(desk, 12);
    const sandbox = desk.openWhatIf((await desk.seekTo(fork))!);
    for (let i = 0; i < 20; i++) await sandbox.dispatch({ type: 'ChargePoints', walletId: 'me', amount: 700 + i });
    const branch = [...events.slice(0, fork), ...(await desk.readRange(fork + 1, fork + 20))];
    expect(branch.slice(fork).every((e) => e.type === 'PointsCharged')).toBe(true);
    const result = await compareOnDesk(desk, branch, 0, fork + 20);
    expect(result).toEqual(new RangeFold(baseAt(branch, 0), 0).add(branch).result());
    expect(result.balanceAfter - result.balanceBefore).toBe(baseAt(branch, fork + 20).passbook.balance);
  });
});

describe('folding a range from summaries where there are some and events elsewhere', () => {
  let events: StoredEvent[];
  beforeAll(async () => {
    events = await generateDemoHistory({ seed: 33, eventsTarget: 14_000, startAt: Date.UTC(2026, 0, 1), quantityRange: [2_000, 20_000], batchSizeRange: [20, 100] });
  });

  /** Summaries only for the segments in `have`; records what was asked and which events were read. */
  function source(have: Set<number>) {
    const asks: { first: number; last: number; make: boolean }[] = [];
    const reads: [number, number][] = [];
    const read = (from: number, to: number) => {
      reads.push([from, to]);
      return Promise.resolve(events.slice(from - 1, Math.min(to, events.length)));
    };
    const summaries = (first: number, last: number, { make }: { make: boolean }) => {
      asks.push({ first, last, make });
      const out = [];
      for (let id = first; id <= last; id++) out.push(have.has(id) ? summarizeRange(events.slice(id * 1000, id * 1000 + 1000), id * 1000) : undefined);
      return Promise.resolve(out);
    };
    return { read, summaries, asks, reads };
  }
  const paging = { pageEvents: 1000, inFlight: 2 };

  it('equals the plain fold with summaries missing at the start, the middle and the end of the range', async () => {
    const have = new Set([2, 3, 5, 6, 7, 10]);
    for (const [a, b] of [[0, 13_000], [1_500, 11_999], [2_000, 8_000], [6_999, 7_001], [3_100, 3_900]]) {
      const s = source(have);
      const fold = new RangeFold(baseAt(events, a), a);
      expect(await foldRangeCondensed(s.read, s.summaries, fold, b, () => true, Infinity, paging)).toBe(true);
      expect(fold.result(), `(${a}, ${b}]`).toEqual(new RangeFold(baseAt(events, a), a).add(events.slice(a, b)).result());
      // No event of a summarised segment wholly inside the range is read.
      const inside = [...have].filter((id) => id * 1000 >= a && (id + 1) * 1000 <= b);
      for (const [from, to] of s.reads) for (const id of inside) expect(to < id * 1000 + 1 || from > id * 1000 + 1000, `read ${from}-${to}`).toBe(true);
    }
  });

  it(`never makes summaries on the way; asks for them later when ${MAKE_SUMMARIES_FROM}+ whole segments had none, never past the limit`, async () => {
    const s = source(new Set([0, 1]));
    const later: [number, number][] = [];
    const makeLater = (first: number, last: number) => later.push([first, last]);
    for (const [to, limit] of [[5_000, Infinity], [12_500, Infinity], [12_500, 3_500], [11_500, Infinity]]) {
      await foldRangeCondensed(s.read, s.summaries, new RangeFold(baseAt(events, 0), 0), to, () => true, limit, paging, makeLater);
    }
    expect(s.asks).toEqual([
      { first: 0, last: 4, make: false },
      { first: 0, last: 11, make: false },
      { first: 0, last: 2, make: false },
      { first: 0, last: 10, make: false },
    ]);
    // 3 of 5 and 9 of 11 missing are too few; 10 of 12 are asked for.
    expect(later).toEqual([[0, 11]]);
  });

  it('makes later one range at a time, after the delay', async () => {
    const made: [number, number][] = [];
    let finish: () => void = () => {};
    const later = makeSummariesLater((first, last) => {
      made.push([first, last]);
      return new Promise<void>((resolve) => (finish = resolve));
    }, 5);
    later(0, 20);
    later(5, 30);
    expect(made).toEqual([]);
    await new Promise((r) => setTimeout(r, 20));
    expect(made).toEqual([[0, 20]]);
    finish();
    await new Promise((r) => setTimeout(r, 0));
    later(40, 60);
    await new Promise((r) => setTimeout(r, 20));
    expect(made).toEqual([[0, 20], [40, 60]]);
  });

  it('stops when a newer comparison replaced this one', async () => {
    const s = source(new Set([1, 2, 3]));
    const fold = new RangeFold(baseAt(events, 0), 0);
    expect(await foldRangeCondensed(s.read, s.summaries, fold, 12_000, () => false, Infinity, paging)).toBe(false);
  });
});

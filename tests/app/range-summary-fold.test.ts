import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EventDesk } from '../../src/app/event-desk';
import { generateDemoHistory } from '../../src/domain/demo-data';
import type { StoredEvent } from '../../src/engine/event-envelope';
import { foldInPlace } from '../../src/engine/projection';
import { ordersBoardProjection } from '../../src/projections/orders-board';
import { passbookProjection } from '../../src/projections/passbook';
import { postsProjection } from '../../src/projections/posts';
import { RangeFold } from '../../src/projections/range-comparison';
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

async function compareOnDesk(desk: EventDesk, events: StoredEvent[], a: number, b: number) {
  const fold = new RangeFold(baseAt(events, a), a);
  expect(await desk.foldRange(fold, b)).toBe(true);
  return fold.result();
}

describe("the desk's Compare reads whole sealed segments as summaries", { timeout: 60_000 }, () => {
  let events: StoredEvent[];
  beforeAll(async () => {
    events = await generateDemoHistory({ seed: 31, eventsTarget: 4_600, startAt: Date.UTC(2026, 0, 1), quantityRange: [2_000, 20_000], batchSizeRange: [20, 100] });
  });

  it('gives the plain fold of (A, B] for A and B inside segments, on their edges, from 0, to the head and in the tail', async () => {
    const desk = await deskWith(events);
    const n = events.length;
    const pairs: [number, number][] = [[0, n], [0, 0], [999, 3001], [1000, 4000], [1500, 1600], [2345, n], [n - 5, n], [0, 2000]];
    // Twice: the second round gets its summaries from memory.
    for (let round = 0; round < 2; round++)
      for (const [a, b] of pairs) {
        const plain = new RangeFold(baseAt(events, a), a).add(events.slice(a, b)).result();
        expect(await compareOnDesk(desk, events, a, b), `(${a}, ${b}] round ${round}`).toEqual(plain);
      }
    expect(await desk.db.segmentDigests.where('id').aboveOrEqual(0).count()).toBeGreaterThan(0);
  });

  it('after an import replaced the log, compares the new log, not summaries of the old one', async () => {
    const desk = await deskWith(events);
    await compareOnDesk(desk, events, 0, 4000);
    const other = await generateDemoHistory({ seed: 32, eventsTarget: 4_600, startAt: Date.UTC(2026, 0, 1), quantityRange: [2_000, 20_000], batchSizeRange: [20, 100] });
    await desk.store.replaceLog(other);
    const plain = new RangeFold(baseAt(other, 0), 0).add(other.slice(0, 4000)).result();
    expect(await compareOnDesk(desk, other, 0, 4000)).toEqual(plain);
  });

  it("in a what-if, the sandbox's own events after the fork are folded, not the stored segment they replace", async () => {
    const desk = await deskWith(events);
    // The branch's events 1,991-2,010 take the place of stored segment 1's last ten and more.
    const fork = 1990;
    const sandbox = desk.openWhatIf((await desk.seekTo(fork))!);
    for (let i = 0; i < 20; i++) await sandbox.dispatch({ type: 'ChargePoints', walletId: 'me', amount: 700 + i });
    const branch = [...events.slice(0, fork), ...(await desk.readRange(fork + 1, fork + 20))];
    expect(branch.slice(fork).every((e) => e.type === 'PointsCharged')).toBe(true);
    const result = await compareOnDesk(desk, branch, 0, fork + 20);
    expect(result).toEqual(new RangeFold(baseAt(branch, 0), 0).add(branch).result());
    expect(result.balanceAfter - result.balanceBefore).toBe(baseAt(branch, fork + 20).passbook.balance);
  });
});

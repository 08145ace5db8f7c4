import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../src/engine/event-envelope';
import { foldRangeInPages, type PagedFold } from '../../src/app/range-pages';

const event = (seq: number) => ({ seq }) as StoredEvent;

/** A log of `head` events whose reads resolve when the test says, recording what was asked and how many were open. */
function pagedLog(head: number, fail?: (from: number) => boolean) {
  const asked: [number, number][] = [];
  const waiting: (() => void)[] = [];
  let open = 0;
  let maxOpen = 0;
  const read = (from: number, to: number): Promise<StoredEvent[]> => {
    asked.push([from, to]);
    open++;
    maxOpen = Math.max(maxOpen, open);
    return new Promise((resolve, reject) =>
      waiting.push(() => {
        open--;
        if (fail?.(from)) reject(new Error(`page ${from} is damaged`));
        else resolve(Array.from({ length: Math.max(0, Math.min(to, head) - from + 1) }, (_, i) => event(from + i)));
      }),
    );
  };
  /** Answers every read asked so far, and those asked meanwhile, until none is left. */
  const answerAll = async () => {
    while (waiting.length) {
      waiting.shift()!();
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  return { read, asked, answerAll, maxOpen: () => maxOpen };
}

function recordingFold(position: number): PagedFold & { seqs: number[] } {
  const fold = {
    position,
    seqs: [] as number[],
    add(events: readonly StoredEvent[]) {
      for (const e of events) fold.seqs.push(e.seq);
      fold.position = events[events.length - 1].seq;
    },
  };
  return fold;
}

const paging = { pageEvents: 100, inFlight: 3 };

describe('folding a range in pages read ahead', () => {
  it('folds every event of (from, to] once, in order, from pages ending on multiples of the page size', async () => {
    const log = pagedLog(10_000);
    const fold = recordingFold(250);
    const done = foldRangeInPages(log.read, fold, 1_042, () => true, paging);
    await log.answerAll();
    expect(await done).toBe(true);
    expect(fold.seqs).toEqual(Array.from({ length: 1_042 - 250 }, (_, i) => 251 + i));
    expect(log.asked[0]).toEqual([251, 300]);
    expect(log.asked.slice(1, -1).every(([from, to]) => (from - 1) % 100 === 0 && to === from + 99)).toBe(true);
    expect(log.asked.at(-1)).toEqual([1_001, 1_042]);
  });

  it('keeps at most `inFlight` reads open at once, asking for the next page as one arrives', async () => {
    const log = pagedLog(10_000);
    const fold = recordingFold(0);
    const done = foldRangeInPages(log.read, fold, 2_000, () => true, paging);
    expect(log.asked).toHaveLength(3);
    await log.answerAll();
    await done;
    expect(log.maxOpen()).toBe(3);
    expect(log.asked).toHaveLength(20);
  });

  it('stops, folding nothing more, once current() says a newer comparison replaced this one', async () => {
    const log = pagedLog(10_000);
    const fold = recordingFold(0);
    let current = true;
    const done = foldRangeInPages(log.read, { position: 0, add: (events) => ((current = false), fold.add(events)) }, 2_000, () => current, paging);
    await log.answerAll();
    expect(await done).toBe(false);
    expect(fold.seqs).toHaveLength(100);
  });

  it('ends where the log ends when `to` lies beyond its head', async () => {
    const log = pagedLog(420);
    const fold = recordingFold(0);
    const done = foldRangeInPages(log.read, fold, 1_000, () => true, paging);
    await log.answerAll();
    expect(await done).toBe(true);
    expect(fold.seqs.at(-1)).toBe(420);
    expect(fold.seqs).toHaveLength(420);
  });

  it('a page that fails to read fails the fold, with its reason', async () => {
    const log = pagedLog(10_000, (from) => from === 201);
    const fold = recordingFold(0);
    const done = foldRangeInPages(log.read, fold, 1_000, () => true, paging);
    const outcome = done.then(() => 'done', (e: Error) => e.message);
    await log.answerAll();
    expect(await outcome).toBe('page 201 is damaged');
    expect(fold.seqs).toHaveLength(200);
  });

  it('a failing page left unread after a stop is not reported as an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const log = pagedLog(10_000, (from) => from === 201);
      let current = true;
      const done = foldRangeInPages(log.read, { position: 0, add: () => (current = false) }, 1_000, () => current, paging);
      await log.answerAll();
      expect(await done).toBe(false);
      await new Promise((r) => setTimeout(r, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});

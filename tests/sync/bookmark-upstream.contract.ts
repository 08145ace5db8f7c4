// What every BookmarkUpstream adapter must do (memory and NATS JetStream key-value): issue 13's
// "bookmarks synced where sync exists", without putting them in the desk's log.
import { afterEach, describe, expect, it } from 'vitest';
import type { Bookmark } from '../../src/engine/bookmark-store';
import type { BookmarkChange } from '../../src/engine/sync/bookmark-upstream';
import type { Upstream } from '../../src/engine/sync/upstream';

export interface BookmarkContractDesk {
  /** A device's client of one shared desk. */
  client(): Upstream;
  cleanup(): Promise<void>;
}

const bookmark = (id: string, seq: number, label: string): Bookmark => ({ id, seq, label, createdAt: 1_700_000_000_000 + seq });

/** Collects what a watch delivers; `until` waits for a condition on it. */
function collector() {
  const seen: BookmarkChange[] = [];
  return {
    seen,
    listener: (c: BookmarkChange) => void seen.push(c),
    async until(check: () => boolean, what: string, ms = 5_000) {
      const end = Date.now() + ms;
      while (!check()) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}; seen ${JSON.stringify(seen)}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
  };
}

/** The last word on each id: the bookmark, or null when removed. */
function state(seen: BookmarkChange[]): Record<string, Bookmark | null> {
  const out: Record<string, Bookmark | null> = {};
  for (const c of seen) {
    if (c.op === 'put') out[c.bookmark.id] = c.bookmark;
    else out[c.id] = null;
  }
  return out;
}

export function bookmarkUpstreamContract(name: string, makeDesk: () => Promise<BookmarkContractDesk>): void {
  describe(`BookmarkUpstream contract: ${name}`, () => {
    let desk: BookmarkContractDesk | undefined;
    afterEach(async () => {
      await desk?.cleanup();
      desk = undefined;
    });

    it('a bookmark put by one device reaches another device watching, and a rename replaces it (one record per id)', async () => {
      desk = await makeDesk();
      const a = desk.client().bookmarks!();
      const b = desk.client().bookmarks!();
      const seen = collector();
      const stop = b.watch(seen.listener);
      await a.put(bookmark('b1', 3, 'before the spring campaign'));
      await seen.until(() => state(seen.seen).b1?.label === 'before the spring campaign', 'the put');
      await a.put(bookmark('b1', 3, 'spring campaign'));
      await seen.until(() => state(seen.seen).b1?.label === 'spring campaign', 'the rename');
      expect(state(seen.seen)).toEqual({ b1: bookmark('b1', 3, 'spring campaign') });
      stop();
    });

    it('a device that starts watching later gets every bookmark and every removal made before (delete markers)', async () => {
      desk = await makeDesk();
      const a = desk.client().bookmarks!();
      await a.put(bookmark('b1', 1, 'one'));
      await a.put(bookmark('b2', 2, 'two'));
      await a.remove('b1');
      const seen = collector();
      const stop = desk.client().bookmarks!().watch(seen.listener);
      await seen.until(() => 'b1' in state(seen.seen) && 'b2' in state(seen.seen), 'the current records');
      expect(state(seen.seen)).toEqual({ b1: null, b2: bookmark('b2', 2, 'two') });
      stop();
    });

    it('a record that is not a valid bookmark is left out, the rest still arrive', async () => {
      desk = await makeDesk();
      const a = desk.client().bookmarks!();
      await a.put({ ...bookmark('b1', 1, 'ok') });
      await a.put({ ...bookmark('bad', -5, 'negative position') });
      await a.put(bookmark('b3', 3, 'also ok'));
      const seen = collector();
      const stop = desk.client().bookmarks!().watch(seen.listener);
      await seen.until(() => 'b3' in state(seen.seen), 'the last record');
      expect(Object.keys(state(seen.seen)).sort()).toEqual(['b1', 'b3']);
      stop();
    });
  });
}

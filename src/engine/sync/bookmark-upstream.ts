import { BOOKMARK_ID, bookmarkFromRecord, cleanLabel, toRecord, type Bookmark, type BookmarkRecord } from '../bookmark-store';
import { UpstreamUnavailable } from './upstream';

/**
 * Where a desk keeps its bookmarks: beside the desk's log, never in it (they are
 * not domain events). One record per bookmark id, the last write wins; a removal
 * is a delete marker, so a device that was offline hears of it too. The NATS
 * adapter is a key per bookmark in the desk's JetStream key-value bucket
 * (`nats/nats-bookmarks.ts`); `MemoryBookmarkUpstream` serves tests. Both pass
 * tests/sync/bookmark-upstream.contract.ts.
 */
export type BookmarkChange = { op: 'put'; bookmark: Bookmark } | { op: 'remove'; id: string };

export interface BookmarkUpstream {
  put(bookmark: Bookmark): Promise<void>;
  remove(id: string): Promise<void>;
  /**
   * Calls `listener` with the desk's current record of every bookmark (puts and delete markers),
   * then with every change from any device (this one's included), in the desk's order; `ended`
   * when the watch stops by itself (the connection was lost): watch again later.
   */
  watch(listener: (change: BookmarkChange) => void, ended?: (error: unknown) => void): () => void;
}

/** The key of a bookmark in a desk's key-value bucket. */
export const bookmarkKey = (id: string) => `bookmark.${id}`;

/** A bookmark record as another device wrote it: checked like an imported one; undefined when it is not one. */
export function decodeBookmark(json: string): Bookmark | undefined {
  try {
    const r = JSON.parse(json) as Partial<BookmarkRecord>;
    if (r.v !== 1 || typeof r.id !== 'string' || !BOOKMARK_ID.test(r.id)) return undefined;
    if (!Number.isSafeInteger(r.seq) || (r.seq as number) < 0 || typeof r.createdAt !== 'number' || typeof r.label !== 'string') return undefined;
    return bookmarkFromRecord({ ...(r as BookmarkRecord), label: cleanLabel(r.label) });
  } catch {
    return undefined;
  }
}

export function encodeBookmark(b: Bookmark): string {
  return JSON.stringify(toRecord(b));
}

/** A desk's bookmarks in memory: the records and the order they were written in. */
export class MemoryBookmarkDesk {
  readonly records = new Map<string, string | null>();
  readonly listeners = new Set<(key: string, value: string | null) => void>();

  write(id: string, value: string | null): void {
    this.records.delete(id); // re-inserted last: the map's order is the desk's order of last writes
    this.records.set(id, value);
    for (const l of this.listeners) queueMicrotask(() => l(id, value));
  }
}

export class MemoryBookmarkUpstream implements BookmarkUpstream {
  constructor(
    private readonly desk: MemoryBookmarkDesk,
    private readonly online: () => boolean = () => true,
  ) {}

  async put(bookmark: Bookmark): Promise<void> {
    this.check();
    this.desk.write(bookmark.id, encodeBookmark(bookmark));
  }

  async remove(id: string): Promise<void> {
    this.check();
    this.desk.write(id, null);
  }

  watch(listener: (change: BookmarkChange) => void, ended?: (error: unknown) => void): () => void {
    if (!this.online()) {
      queueMicrotask(() => ended?.(new UpstreamUnavailable(new Error('server offline'))));
      return () => {};
    }
    const stop = () => void this.desk.listeners.delete(deliver);
    const deliver = (id: string, value: string | null) => {
      if (!this.online()) {
        // The connection is gone: like a NATS watch, this one ends (what it misses comes with the next one).
        stop();
        ended?.(new UpstreamUnavailable(new Error('server offline')));
        return;
      }
      if (value === null) return listener({ op: 'remove', id });
      const bookmark = decodeBookmark(value);
      if (bookmark) listener({ op: 'put', bookmark });
    };
    const snapshot = [...this.desk.records];
    queueMicrotask(() => snapshot.forEach(([id, value]) => deliver(id, value)));
    this.desk.listeners.add(deliver);
    return stop;
  }

  private check(): void {
    if (!this.online()) throw new UpstreamUnavailable(new Error('server offline'));
  }
}

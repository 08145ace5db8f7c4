import type { Bookmark, BookmarkListener, BookmarkStore } from '../bookmark-store';
import type { BookmarkChange, BookmarkUpstream } from './bookmark-upstream';

/** A local bookmark change not yet on the desk; `n` tells a newer change of the same id from it. */
export interface QueuedBookmarkChange {
  id: string;
  change: BookmarkChange;
  n: number;
}

/** Durable list of local bookmark changes to upload, one per id (the newest); shared by the tabs. */
export interface BookmarkOutbox {
  list(): Promise<QueuedBookmarkChange[]>;
  /** Queues a change, replacing an older one of the same id. */
  queue(change: BookmarkChange): Promise<void>;
  /** Drops `queued` once uploaded — unless a newer change of its id was queued meanwhile. */
  done(queued: QueuedBookmarkChange): Promise<void>;
}

export const changeId = (c: BookmarkChange) => (c.op === 'put' ? c.bookmark.id : c.id);

export class MemoryBookmarkOutbox implements BookmarkOutbox {
  private readonly items = new Map<string, QueuedBookmarkChange>();
  private n = 0;

  async list() {
    return structuredClone([...this.items.values()]);
  }

  async queue(change: BookmarkChange) {
    const id = changeId(change);
    this.items.delete(id);
    this.items.set(id, { id, change: structuredClone(change), n: ++this.n });
  }

  async done(queued: QueuedBookmarkChange) {
    if (this.items.get(queued.id)?.n === queued.n) this.items.delete(queued.id);
  }
}

export interface BookmarkSyncOptions {
  /** This browser's bookmarks (the table beside the log). */
  local: BookmarkStore;
  outbox: BookmarkOutbox;
  /** Events in the confirmed log: a bookmark past it waits (its position is not the same on every device yet). */
  confirmedSeq(): number;
  /** Milliseconds before watching again after the watch ended (the server went away). */
  retryMs?: number;
}

/**
 * Bookmarks shared through the desk, never through its log. Local changes are
 * queued durably and uploaded in order (offline ones on reconnect); the desk's
 * records arrive by a watch — all of them first, then every change — and are
 * written to the local table, except for an id with a local change still
 * queued (the newer word, on its way up). The desk's order decides between
 * devices: last write wins per bookmark. A bookmark names a position in the
 * confirmed log, which is identical on every device; one placed on events not
 * yet confirmed waits in the queue until the confirmed log reaches it.
 */
export class BookmarkSync {
  private upstream: BookmarkUpstream | undefined;
  private stopWatch: (() => void) | undefined;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private retryFlush: ReturnType<typeof setTimeout> | undefined;
  private flushing: Promise<void> | undefined;
  private again = false;
  /** The desk's changes are applied one after another, in the order they came. */
  private applying: Promise<void> = Promise.resolve();

  constructor(private readonly o: BookmarkSyncOptions) {}

  /** The user changed a bookmark here (sync on): queue it for the desk. */
  async changed(change: BookmarkChange): Promise<void> {
    await this.o.outbox.queue(change);
    this.kick();
  }

  /** Connected to a desk: upload what waits, then follow the desk's bookmarks. */
  attach(upstream: BookmarkUpstream): void {
    if (this.upstream === upstream) return;
    this.detach();
    this.upstream = upstream;
    void this.flush().finally(() => this.watch(upstream));
  }

  detach(): void {
    clearTimeout(this.retry);
    clearTimeout(this.retryFlush);
    this.stopWatch?.();
    this.stopWatch = undefined;
    this.upstream = undefined;
  }

  /** Try the queue again (the confirmed log grew; another tab queued a change). */
  kick(): void {
    void this.flush();
  }

  /** Uploads queued changes in order; resolves when the queue is as empty as it can be now. */
  /** Resolves once the desk's changes heard so far are in the local table. */
  settled(): Promise<void> {
    return this.applying;
  }

  flush(): Promise<void> {
    if (this.flushing) {
      this.again = true;
      return this.flushing;
    }
    this.flushing = (async () => {
      do {
        this.again = false;
        await this.flushOnce();
      } while (this.again);
    })().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private async flushOnce(): Promise<void> {
    const upstream = this.upstream;
    if (!upstream) return;
    for (const queued of await this.o.outbox.list()) {
      const c = queued.change;
      if (c.op === 'put' && c.bookmark.seq > this.o.confirmedSeq()) continue;
      try {
        if (c.op === 'put') await upstream.put(c.bookmark);
        else await upstream.remove(c.id);
      } catch {
        // Unreachable: the queue stays (durable); try again in a while, or at the next kick.
        clearTimeout(this.retryFlush);
        this.retryFlush = setTimeout(() => this.kick(), this.o.retryMs ?? 2_000);
        return;
      }
      await this.o.outbox.done(queued);
    }
  }

  private watch(upstream: BookmarkUpstream): void {
    if (this.upstream !== upstream) return;
    this.stopWatch = upstream.watch(
      (change) => {
        this.applying = this.applying.then(() => this.apply(change)).catch(() => {});
      },
      () => {
        if (this.upstream !== upstream) return;
        this.retry = setTimeout(() => {
          this.stopWatch?.();
          void this.flush().finally(() => this.watch(upstream));
        }, this.o.retryMs ?? 2_000);
      },
    );
  }

  private async apply(change: BookmarkChange): Promise<void> {
    const id = changeId(change);
    if ((await this.o.outbox.list()).some((q) => q.id === id)) return;
    const current = (await this.o.local.list()).find((b) => b.id === id);
    if (change.op === 'remove') {
      if (current) await this.o.local.remove(id);
    } else if (!current || !sameBookmark(current, change.bookmark)) await this.o.local.put(change.bookmark);
  }
}

function sameBookmark(a: Bookmark, b: Bookmark): boolean {
  return a.id === b.id && a.seq === b.seq && a.label === b.label && a.createdAt === b.createdAt;
}

/**
 * The bookmark table as the app uses it: changes go to the local table and, while this
 * browser is linked to a desk, to the sync's queue too.
 */
export class SyncedBookmarkStore implements BookmarkStore {
  private readonly others = new Set<BookmarkListener>();

  constructor(
    private readonly local: BookmarkStore,
    private readonly sync: BookmarkSync,
    private readonly linked: () => boolean,
  ) {}

  list(): Promise<Bookmark[]> {
    return this.local.list();
  }

  async put(bookmark: Bookmark): Promise<void> {
    await this.local.put(bookmark);
    if (this.linked()) await this.sync.changed({ op: 'put', bookmark });
  }

  async remove(id: string): Promise<void> {
    await this.local.remove(id);
    if (this.linked()) await this.sync.changed({ op: 'remove', id });
  }

  async putAll(bookmarks: readonly Bookmark[]): Promise<void> {
    await this.local.putAll(bookmarks);
    if (this.linked()) for (const bookmark of bookmarks) await this.sync.changed({ op: 'put', bookmark });
  }

  /** An import that replaced the log: only possible while not linked (an import is refused then). */
  replaceAll(bookmarks: readonly Bookmark[]): Promise<void> {
    return this.local.replaceAll(bookmarks);
  }

  onChange(listener: BookmarkListener): () => void {
    const stop = this.local.onChange(listener);
    this.others.add(listener);
    return () => {
      stop();
      this.others.delete(listener);
    };
  }

  /** Another tab changed the table (its listeners did not hear it): tell this tab's. */
  changedElsewhere(): void {
    for (const l of this.others) {
      try {
        l();
      } catch {
        // One failing listener stops no one else.
      }
    }
  }
}

import Dexie, { type Table } from 'dexie';
import type { AlteredCommand, PendingCommand, RejectedCommand, SyncLink, SyncStateStore } from '../sync/sync-state-store';
import { changeId, type BookmarkOutbox, type QueuedBookmarkChange } from '../sync/bookmark-sync';
import type { BookmarkChange } from '../sync/bookmark-upstream';
import { toEngineError } from './dexie-event-store';

interface PendingRecord extends PendingCommand {
  pos?: number;
}

/**
 * Sync bookkeeping in its own IndexedDB database (`<log db>-sync`), beside the
 * log and never inside it: the link to the desk, pending commands in order,
 * refused ones until dismissed. Clearing it never touches a confirmed event.
 */
export class SyncStateDb extends Dexie {
  link!: Table<{ key: 'link'; value: SyncLink }, string>;
  pending!: Table<PendingRecord, number>;
  rejected!: Table<RejectedCommand, string>;
  /** v2: small records of the app's own (the sync settings), by key. */
  settings!: Table<{ key: string; value: unknown }, string>;
  /** v2: pending commands a rebase replaced by the domain's alternative, until dismissed. */
  altered!: Table<AlteredCommand, string>;
  /** v2: local bookmark changes not yet on the desk, one per bookmark id. */
  bookmarkOutbox!: Table<QueuedBookmarkChange & { pos: number }, string>;

  constructor(name: string) {
    super(name);
    this.version(1).stores({ link: 'key', pending: '++pos, &commandId', rejected: 'commandId' });
    this.version(2).stores({ settings: 'key', altered: 'commandId', bookmarkOutbox: 'id' });
  }
}

export class DexieSyncStateStore implements SyncStateStore {
  readonly db: SyncStateDb;
  /** Local bookmark changes waiting for the desk (sync/bookmark-sync.ts). */
  readonly bookmarkOutbox: BookmarkOutbox;

  constructor(name: string) {
    this.db = new SyncStateDb(name);
    this.bookmarkOutbox = new DexieBookmarkOutbox(this.db);
  }

  async load() {
    const db = this.db;
    return db.transaction('r', [db.link, db.pending, db.rejected, db.altered], async () => ({
      link: (await db.link.get('link'))?.value,
      pending: (await db.pending.orderBy('pos').toArray()).map(withoutPos),
      rejected: await db.rejected.toArray(),
      altered: (await db.altered.toArray()).sort((a, b) => a.at - b.at),
    }));
  }

  async addPending(command: PendingCommand): Promise<void> {
    await this.write(() => this.db.pending.add({ ...command }));
  }

  async replacePending(pending: PendingCommand[], rejected: RejectedCommand[], altered: AlteredCommand[] = []): Promise<void> {
    const db = this.db;
    await this.write(() =>
      db.transaction('rw', [db.pending, db.rejected, db.altered], async () => {
        await db.pending.clear();
        await db.pending.bulkAdd(pending.map((p) => ({ ...p })));
        await db.rejected.bulkPut(rejected);
        await db.altered.bulkPut(altered);
      }),
    );
  }

  async saveLink(link: SyncLink | undefined, confirmedIds: string[] = []): Promise<void> {
    const db = this.db;
    await this.write(() =>
      db.transaction('rw', [db.link, db.pending], async () => {
        if (link) await db.link.put({ key: 'link', value: link });
        else await db.link.delete('link');
        if (confirmedIds.length) await db.pending.where('commandId').anyOf(confirmedIds).delete();
      }),
    );
  }

  async dismissRejected(commandIds: string[]): Promise<void> {
    await this.write(() => this.db.rejected.bulkDelete(commandIds));
  }

  async dismissAltered(commandIds: string[]): Promise<void> {
    await this.write(() => this.db.altered.bulkDelete(commandIds));
  }

  /** A record the app keeps beside the sync state (its shape is the app's); undefined when none. */
  async readSetting(key: string): Promise<unknown> {
    return (await this.db.settings.get(key))?.value;
  }

  /** Resolves once the record is committed: IndexedDB keeps it through a crash right after, unlike localStorage. */
  async writeSetting(key: string, value: unknown): Promise<void> {
    await this.write(() => this.db.settings.put({ key, value }));
  }

  close(): void {
    this.db.close();
  }

  private async write<T>(body: () => Promise<T>): Promise<T> {
    try {
      return await body();
    } catch (e) {
      throw toEngineError(e);
    }
  }
}

function withoutPos({ pos: _pos, ...rest }: PendingRecord): PendingCommand {
  return rest;
}

class DexieBookmarkOutbox implements BookmarkOutbox {
  constructor(private readonly db: SyncStateDb) {}

  async list(): Promise<QueuedBookmarkChange[]> {
    const queued = await this.db.bookmarkOutbox.toArray();
    return queued.sort((a, b) => a.pos - b.pos).map(({ id, change, n }) => ({ id, change, n }));
  }

  async queue(change: BookmarkChange): Promise<void> {
    // pos keeps the order changes were made in; n tells this change from a newer one of the same id.
    await this.db.bookmarkOutbox.put({ id: changeId(change), change, n: Math.random(), pos: Date.now() + Math.random() });
  }

  async done(queued: QueuedBookmarkChange): Promise<void> {
    const db = this.db;
    await db.transaction('rw', db.bookmarkOutbox, async () => {
      if ((await db.bookmarkOutbox.get(queued.id))?.n === queued.n) await db.bookmarkOutbox.delete(queued.id);
    });
  }
}

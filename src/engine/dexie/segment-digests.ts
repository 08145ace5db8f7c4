import type { StoredEvent } from '../event-envelope';
import type { EventRegistry } from '../event-registry';
import type { DexieEventStore } from './dexie-event-store';
import { LogDamaged } from '../errors';
import { LruCache } from '../lru-cache';
import { EMPTY_HEAD, LOG_IDENTITY_ID, SEGMENT_SIZE, type EventDeskDb, type SegmentDigestRecord } from './eventdesk-db';
import { verifySegment } from './log-record-integrity';

/** Segments decoded per transaction when digests are made (a long range is many short tasks, not one). */
const MAKE_CHUNK = 10;

/** What to keep per sealed segment: `make` condenses its events; records of another `key` are rebuilt. */
export interface SegmentDigester<T> {
  key: string;
  make(events: StoredEvent[], from: number): T;
}

/**
 * Derived data per sealed segment (layout v7), e.g. Compare's range summaries:
 * made once from the segment's verified events, then kept in memory and in the
 * `segmentDigests` table, so a later reader gets a few KB instead of decoding
 * the segment's JSON. Sealed segments never change — but an import replaces
 * the whole log. So every digest is stored under the log's identity (a random
 * id in the same table, which a replace clears with it), and one is written
 * only when the identity read with its segment is still the table's: a replace
 * in another tab between the read and the write makes the write a no-op.
 */
export class SegmentDigests<T> {
  private readonly memory: LruCache<number, T>;
  private memoryOf: string | null = null;

  private readonly db: EventDeskDb;

  constructor(
    store: Pick<DexieEventStore, 'db' | 'onAppended'>,
    private readonly registry: EventRegistry,
    private readonly digester: SegmentDigester<T>,
    memorySize = 256,
  ) {
    this.db = store.db;
    this.memory = new LruCache(memorySize);
    // A replace here or in another tab (the store relays its broadcast): what is in memory describes the old log.
    store.onAppended((_, { replaced }) => {
      if (replaced) this.forget();
    });
  }

  /**
   * The digests of segments first … last (ids), in order; undefined for a
   * segment not sealed (yet), and, unless `make`, for one without a digest.
   * Missing ones are made from their segments, MAKE_CHUNK per transaction so
   * the page is not blocked for the whole decode.
   */
  async read(first: number, last: number, { make = true }: { make?: boolean } = {}): Promise<(T | undefined)[]> {
    const remembered = this.fromMemory(first, last);
    if (remembered) return remembered;
    const starts: number[] = [];
    for (let from = first; from <= last; from += MAKE_CHUNK) starts.push(from);
    const parts: (T | undefined)[][] = [];
    let next = 0;
    // Two chunks in flight: one is read from IndexedDB while the other is decoded.
    const worker = async () => {
      while (next < starts.length) {
        const k = next++;
        parts[k] = await this.readChunk(starts[k], Math.min(last, starts[k] + MAKE_CHUNK - 1), make);
      }
    };
    await Promise.all([worker(), worker()]);
    return parts.flat();
  }

  /**
   * Ids of sealed segments with no stored digest, for making them ahead of
   * need. Only ids are read (not the digests, a few KB each): a record of an
   * older `key` counts as present here and is made again when read.
   */
  async missing(): Promise<number[]> {
    const db = this.db;
    return db.transaction('r', [db.logHead, db.segmentDigests], async () => {
      const [head, ids] = await Promise.all([db.logHead.get('head'), db.segmentDigests.where('id').aboveOrEqual(0).primaryKeys()]);
      const sealed = (head ?? EMPTY_HEAD).sealed;
      const have = new Set(ids);
      const out: number[] = [];
      for (let id = 0; id < sealed; id++) if (!have.has(id)) out.push(id);
      return out;
    });
  }

  /**
   * All of first … last from memory, or null. No transaction: a replace of the log (here or in another tab,
   * told by the store's broadcast) empties it — the same trust the store's own decoded-segment cache has.
   */
  private fromMemory(first: number, last: number): T[] | null {
    if (this.memoryOf === null) return null;
    const out: T[] = [];
    for (let id = first; id <= last; id++) {
      const d = this.memory.get(id);
      if (d === undefined) return null;
      out.push(d);
    }
    return out;
  }

  private forget(): void {
    this.memory.clear();
    this.memoryOf = null;
  }

  private async readChunk(first: number, last: number, make: boolean): Promise<(T | undefined)[]> {
    const db = this.db;
    const logId = await this.identity();
    const made: SegmentDigestRecord[] = [];
    const out = await db.transaction('r', [db.logHead, db.segmentDigests, db.segments], async () => {
      const [head, identity] = await Promise.all([db.logHead.get('head'), db.segmentDigests.get(LOG_IDENTITY_ID)]);
      // Replaced since identity() (or by another tab): come back with the new identity.
      if (identity?.logId !== logId) return null;
      if (this.memoryOf !== logId) {
        this.memory.clear();
        this.memoryOf = logId;
      }
      const sealed = (head ?? EMPTY_HEAD).sealed;
      const ids: number[] = [];
      for (let id = first; id <= last; id++) ids.push(id);
      const out: (T | undefined)[] = ids.map((id) => (id < sealed ? this.memory.get(id) : undefined));
      const missing = ids.filter((id, i) => id < sealed && out[i] === undefined);
      if (missing.length === 0) return out;
      const stored = await db.segmentDigests.bulkGet(missing);
      const unmade = missing.filter((id, i) => {
        const r = stored[i];
        if (!r || r.key !== this.digester.key || r.logId !== logId) return true;
        this.keep(id, r.digest as T, out, first);
        return false;
      });
      if (unmade.length === 0 || !make) return out;
      const segments = await db.segments.bulkGet(unmade);
      unmade.forEach((id, i) => {
        const from = id * SEGMENT_SIZE;
        const record = segments[i];
        if (!record) throw new LogDamaged(from + 1, from + SEGMENT_SIZE, 'the segment is missing');
        // Fresh from the record, never from a cache: the digest is stored, so it must describe this log.
        const events = verifySegment(record, from + 1, from + SEGMENT_SIZE, this.registry).map((e) => this.registry.upcast(e));
        const digest = this.digester.make(events, from);
        made.push({ id, logId, key: this.digester.key, digest });
        this.keep(id, digest, out, first);
      });
      return out;
    });
    if (out === null) {
      this.memoryOf = null;
      return this.readChunk(first, last, make);
    }
    if (made.length) void this.store(logId, made);
    return out;
  }

  private keep(id: number, digest: T, out: (T | undefined)[], first: number): void {
    this.memory.set(id, digest);
    out[id - first] = digest;
  }

  /** Writes made digests if the log is still the one they were made from (derived data: a failure only costs a rebuild). */
  private async store(logId: string, records: SegmentDigestRecord[]): Promise<void> {
    const db = this.db;
    try {
      await db.transaction('rw', [db.segmentDigests], async () => {
        if ((await db.segmentDigests.get(LOG_IDENTITY_ID))?.logId !== logId) return;
        await db.segmentDigests.bulkPut(records);
      });
    } catch {
      /* derived data: made again next time */
    }
  }

  /** The log's identity, created on first use (a fresh, empty or replaced log has none). */
  private async identity(): Promise<string> {
    const db = this.db;
    const known = await db.segmentDigests.get(LOG_IDENTITY_ID);
    if (known) return known.logId;
    return db.transaction('rw', [db.segmentDigests], async () => {
      const now = await db.segmentDigests.get(LOG_IDENTITY_ID);
      if (now) return now.logId;
      const logId = crypto.randomUUID();
      await db.segmentDigests.put({ id: LOG_IDENTITY_ID, logId, key: '', digest: null });
      return logId;
    });
  }
}

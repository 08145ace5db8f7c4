import Dexie from 'dexie';
import {
  approxBytes,
  checkContinuity,
  checkExpectedVersion,
  positionAppends,
  prepareAppends,
  validateStoredEvents,
} from '../append-validation';
import { checkCommandsContiguous, firstRunOf, resultOfStoredCommand } from '../command-dedup';
import { EventDeskError, LogDamaged, StorageQuotaExceeded, TransactionAborted } from '../errors';
import type { AppendMeta, AppendResult, StoredEvent, StreamAppend } from '../event-envelope';
import type { EventRegistry } from '../event-registry';
import type { AppendListener, EventStore } from '../event-store';
import type { LogStaging } from '../log-staging';
import { LruCache } from '../lru-cache';
import {
  EMPTY_HEAD,
  SEGMENT_SIZE,
  encodeSegment,
  STREAM_PAGE_SIZE,
  type CommandHashRecord,
  type EventDeskDb,
  type LogHeadRecord,
  type SegmentRecord,
  type StreamPageRecord,
} from './eventdesk-db';
import { CommandHashIndex, commandHashRecord } from './command-hash-index';
import { DexieLogStaging, discardStaleStaging } from './dexie-log-staging';
import { decodeTailEvent, encodeTailEvent, verifySegment, type TailRecord } from './log-record-integrity';

/** The event log in IndexedDB, in the tail + sealed segments layout of eventdesk-db.ts. */
export class DexieEventStore implements EventStore {
  /** Sealed segments never change, so decoded ones can be kept; this covers the region being scrubbed. */
  private readonly segmentCache: LruCache<number, StoredEvent[]>;
  private readonly listeners = new Set<AppendListener>();
  private readonly damageListeners = new Set<(error: LogDamaged) => void>();
  private readonly reportedDamage = new Set<string>();
  private readonly channel: BroadcastChannel | undefined;
  /** Sealed segments seen so far: segments below this never change, so cached ones can be served without IndexedDB. */
  private knownSealed = 0;
  /** The sealed segments' command-id hashes, in memory (command-hash-index.ts). */
  private readonly commandIndex = new CommandHashIndex();
  /** Segments a prefetch is reading now: a seek that needs one waits for it instead of reading it a second time. */
  private readonly loading = new Map<number, Promise<unknown>>();
  /** Bumped when the log is replaced: segments read before that are not cached. */
  private generation = 0;

  constructor(
    readonly db: EventDeskDb,
    private readonly registry: EventRegistry,
    options: { segmentCacheSize?: number } = {},
  ) {
    this.segmentCache = new LruCache(options.segmentCacheSize ?? 48);
    if (typeof BroadcastChannel !== 'undefined') {
      this.channel = new BroadcastChannel(`eventdesk-log:${db.name}`);
      this.channel.onmessage = (m: MessageEvent<{ head: number; replaced?: boolean }>) => {
        // Another tab replaced the log: segments cached here describe the old one.
        if (m.data.replaced) this.forgetSegments();
        this.emit(m.data.head, !!m.data.replaced);
      };
    }
  }

  close(): void {
    this.channel?.close();
    this.db.close();
  }

  onAppended(listener: AppendListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async appendToStreams(appends: StreamAppend[], meta: AppendMeta): Promise<AppendResult> {
    const prepared = prepareAppends(this.registry, appends);
    const db = this.db;
    const result = await this.write([db.logHead, db.tail, db.segments, db.commandHashes, db.streams, db.streamPages], async () => {
      // Dedup first, in the same transaction as the append: a retry's expected versions are stale by design.
      const known = await this.findCommandInTransaction(meta.commandId);
      if (known) return known;
      const head = (await db.logHead.get('head')) ?? EMPTY_HEAD;
      const records = await db.streams.bulkGet(prepared.map((a) => a.streamId));
      const versions: Record<string, number> = {};
      prepared.forEach((a, i) => {
        const actual = records[i]?.version ?? 0;
        checkExpectedVersion(a.streamId, a.expectedVersion, actual);
        versions[a.streamId] = actual;
      });
      const events = positionAppends(prepared, meta, head.seq, versions);
      await this.storeEvents(events, head);
      return { firstSeq: events[0]?.seq ?? head.seq, lastSeq: events.at(-1)?.seq ?? head.seq, versions, events };
    });
    if (!result.duplicate) this.announce(result.lastSeq);
    return result;
  }

  async findCommand(commandId: string): Promise<AppendResult | undefined> {
    const db = this.db;
    return db.transaction('r', [db.logHead, db.tail, db.segments, db.commandHashes], () => this.findCommandInTransaction(commandId));
  }

  /** Many lookups in one transaction: one IndexedDB transaction per id made a large pull crawl. */
  async findCommands(commandIds: string[]): Promise<(AppendResult | undefined)[]> {
    const db = this.db;
    return db.transaction('r', [db.logHead, db.tail, db.segments, db.commandHashes], async () => {
      // The tail holds under SEGMENT_SIZE events: for many ids, reading it whole is one getAll; a cursor over its id
      // index (anyOf, keys) costs a round trip per step in Chromium (a 50k pull's lookups: 2.4 s with keys(), 1.4 s so).
      const tailRead = commandIds.length > 64 ? db.tail.toArray() : db.tail.where('meta.commandId').anyOf(commandIds).toArray();
      const [tail, head] = await Promise.all([tailRead, db.logHead.get('head')]);
      await this.commandIndex.catchUp(db, (head ?? EMPTY_HEAD).sealed);
      const inTail = new Set(tail.map((r) => r.meta.commandId));
      // Most ids of a pulled page are new: neither in the tail nor among the sealed segments' hashes.
      return Promise.all(commandIds.map((id) => (inTail.has(id) || this.commandIndex.candidates(id).length > 0 ? this.findCommandInTransaction(id) : undefined)));
    });
  }

  /**
   * Loads the sealed segments' command hashes into memory ahead of the first command: at 1M events that is
   * 1,000 records (~4 MB), 0.26-0.35 s read in one go on a loaded machine — too slow to pay on a click.
   */
  async warmCommandIndex(): Promise<void> {
    const db = this.db;
    await db.transaction('r', [db.logHead, db.commandHashes], async () => {
      await this.commandIndex.catchUp(db, ((await db.logHead.get('head')) ?? EMPTY_HEAD).sealed);
    });
  }

  /**
   * Looks the id up in the tail's index and the sealed segments' command hashes;
   * segments whose hashes match are read and compared by id. Call inside a transaction.
   */
  private async findCommandInTransaction(commandId: string): Promise<AppendResult | undefined> {
    const db = this.db;
    const [tail, head] = await Promise.all([db.tail.where('meta.commandId').equals(commandId).toArray(), db.logHead.get('head')]);
    await this.commandIndex.catchUp(db, (head ?? EMPTY_HEAD).sealed);
    const segmentIds = this.commandIndex.candidates(commandId);
    if (tail.length === 0 && segmentIds.length === 0) return undefined;
    const candidates = tail.map((r) => this.registry.upcast(this.openTail(r, r.seq)));
    for (const seg of await this.loadSegments(segmentIds)) for (const e of seg) if (e.meta.commandId === commandId) candidates.push(e);
    const run = firstRunOf(commandId, candidates);
    return run.length ? resultOfStoredCommand(run) : undefined;
  }

  /** The command id of the log's last event, if any. Call inside a transaction. */
  private async lastCommandId(head: LogHeadRecord): Promise<string | undefined> {
    if (head.seq === 0) return undefined;
    if (head.seq > head.sealed * SEGMENT_SIZE) return this.openTail(await this.db.tail.get(head.seq), head.seq).meta.commandId;
    const [segment] = await this.loadSegments([head.sealed - 1]);
    return segment?.at(-1)?.meta.commandId;
  }

  async appendStored(events: StoredEvent[]): Promise<void> {
    if (events.length === 0) return;
    const valid = validateStoredEvents(this.registry, events);
    const db = this.db;
    const head = await this.write([db.logHead, db.tail, db.segments, db.commandHashes, db.streams, db.streamPages], async () => {
      const ids = [...new Set(valid.map((e) => e.streamId))];
      const [stored, records] = await Promise.all([db.logHead.get('head'), db.streams.bulkGet(ids)]);
      const head = stored ?? EMPTY_HEAD;
      const current = new Map(ids.map((id, i) => [id, records[i]?.version ?? 0]));
      checkContinuity(valid, head.seq, (id) => current.get(id) ?? 0);
      checkCommandsContiguous(valid, await this.lastCommandId(head));
      await this.storeEvents(valid, head);
      return valid.at(-1)!.seq;
    });
    this.announce(head);
  }

  async replaceLog(events: StoredEvent[]): Promise<void> {
    const valid = validateStoredEvents(this.registry, events);
    checkContinuity(valid, 0, () => 0);
    checkCommandsContiguous(valid);
    const db = this.db;
    await this.write(db.tables, async () => {
      await Promise.all(db.tables.map((t) => t.clear()));
      await this.storeEvents(valid, EMPTY_HEAD);
    });
    this.forgetSegments();
    this.announce(valid.at(-1)?.seq ?? 0, true);
  }

  async stageLog(): Promise<LogStaging> {
    return DexieLogStaging.start(this.db, this.registry, (tables, body) => this.write(tables, body), (head, replaced) => {
      this.forgetSegments();
      this.announce(head, replaced);
    });
  }

  /** Frees the space of an import that crashed or was closed mid-way (see dexie-log-staging.ts). */
  discardStaleStaging(): Promise<boolean> {
    return discardStaleStaging(this.db).catch(() => false);
  }

  async readRange(from: number, to: number): Promise<StoredEvent[]> {
    const db = this.db;
    const lo = Math.max(1, Math.floor(from));
    const cached = this.readCachedRange(lo, Math.floor(to)) ?? (await this.readPrefetchedRange(lo, Math.floor(to)));
    if (cached) return cached;
    return db.transaction('r', [db.logHead, db.segments, db.tail], async () => {
      const head = (await db.logHead.get('head')) ?? EMPTY_HEAD;
      this.knownSealed = Math.max(this.knownSealed, head.sealed);
      const hi = Math.min(Math.floor(to), head.seq);
      if (lo > hi) return [];
      const sealedTo = head.sealed * SEGMENT_SIZE;
      const out: StoredEvent[] = [];
      if (lo <= sealedTo) {
        const first = Math.floor((lo - 1) / SEGMENT_SIZE);
        const last = Math.floor((Math.min(hi, sealedTo) - 1) / SEGMENT_SIZE);
        const segments = await this.loadSegments(range(first, last));
        for (const seg of segments) {
          for (let i = 0; i < seg.length; i++) {
            const e = seg[i];
            if (e.seq >= lo && e.seq <= hi) out.push(e);
          }
        }
      }
      if (hi > sealedTo) {
        const from = Math.max(lo, sealedTo + 1);
        const tail = await db.tail.where('seq').between(from, hi, true, true).toArray();
        // A hole in the tail is damage too: seqs are gap-free by construction.
        for (let seq = from, i = 0; seq <= hi; seq++, i++) out.push(this.registry.upcast(this.openTail(tail[i], seq)));
      }
      return out;
    });
  }

  async readStream(streamId: string, options: { fromVersion?: number; toSeq?: number } = {}): Promise<StoredEvent[]> {
    const db = this.db;
    const fromVersion = Math.max(1, options.fromVersion ?? 1);
    const toSeq = options.toSeq ?? Infinity;
    return db.transaction('r', [db.logHead, db.streams, db.streamPages, db.segments, db.tail], async () => {
      const stream = await db.streams.get(streamId);
      if (!stream || stream.version < fromVersion) return [];
      const head = (await db.logHead.get('head')) ?? EMPTY_HEAD;
      this.knownSealed = Math.max(this.knownSealed, head.sealed);
      const firstPage = Math.floor((fromVersion - 1) / STREAM_PAGE_SIZE);
      const lastPage = Math.floor((stream.version - 1) / STREAM_PAGE_SIZE);
      const pages = await db.streamPages.bulkGet(range(firstPage, lastPage).map((p) => [streamId, p] as [string, number]));
      const seqs: number[] = [];
      for (const page of pages) {
        if (!page) continue;
        for (let i = 0; i < page.seqs.length; i++) {
          const version = page.page * STREAM_PAGE_SIZE + i + 1;
          if (version >= fromVersion && page.seqs[i] <= toSeq) seqs.push(page.seqs[i]);
        }
      }
      const sealedTo = head.sealed * SEGMENT_SIZE;
      const segmentIds = [...new Set(seqs.filter((s) => s <= sealedTo).map((s) => Math.floor((s - 1) / SEGMENT_SIZE)))];
      const segments = await this.loadSegments(segmentIds);
      const bySeq = new Map<number, StoredEvent>();
      segments.forEach((seg) => {
        for (const e of seg) if (e.streamId === streamId) bySeq.set(e.seq, e);
      });
      const tailSeqs = seqs.filter((s) => s > sealedTo);
      const tail = tailSeqs.length ? await db.tail.bulkGet(tailSeqs) : [];
      tail.forEach((record, i) => bySeq.set(tailSeqs[i], this.registry.upcast(this.openTail(record, tailSeqs[i]))));
      return seqs.map((s) => bySeq.get(s)).filter((e): e is StoredEvent => e !== undefined);
    });
  }

  async streamVersion(streamId: string): Promise<number> {
    return (await this.db.streams.get(streamId))?.version ?? 0;
  }

  /** Many streams' versions in one read (a pulled page places thousands of events). */
  streamVersions = async (ids: string[]): Promise<number[]> => (await this.db.streams.bulkGet(ids)).map((r) => r?.version ?? 0);

  async headSeq(): Promise<number> {
    return (await this.db.logHead.get('head'))?.seq ?? 0;
  }

  async logBytes(): Promise<number> {
    return (await this.db.logHead.get('head'))?.bytes ?? 0;
  }

  /**
   * Serves a range from decoded sealed segments in memory, or returns null.
   * Scrubbing re-reads the same region many times; an IndexedDB transaction
   * per step would cost more than the fold it feeds.
   */
  private readCachedRange(lo: number, hi: number): StoredEvent[] | null {
    if (lo > hi || hi > this.knownSealed * SEGMENT_SIZE) return null;
    const first = Math.floor((lo - 1) / SEGMENT_SIZE);
    const last = Math.floor((hi - 1) / SEGMENT_SIZE);
    const segments: StoredEvent[][] = [];
    for (let id = first; id <= last; id++) {
      const seg = this.segmentCache.get(id);
      if (!seg) return null;
      segments.push(seg);
    }
    const out: StoredEvent[] = [];
    for (const seg of segments) {
      const start = Math.max(0, lo - seg[0].seq);
      const end = Math.min(seg.length, hi - seg[0].seq + 1);
      for (let i = start; i < end; i++) out.push(seg[i]);
    }
    return out;
  }

  /**
   * The range from segments that are cached or being prefetched, once those
   * arrive; null when some segment is neither (or a prefetch failed).
   */
  private async readPrefetchedRange(lo: number, hi: number): Promise<StoredEvent[] | null> {
    if (lo > hi || hi > this.knownSealed * SEGMENT_SIZE || this.loading.size === 0) return null;
    const waits: Promise<unknown>[] = [];
    for (let id = Math.floor((lo - 1) / SEGMENT_SIZE); id <= Math.floor((hi - 1) / SEGMENT_SIZE); id++) {
      if (this.segmentCache.get(id)) continue;
      const pending = this.loading.get(id);
      if (!pending) return null;
      waits.push(pending);
    }
    // A failed prefetch is only a hint: the caller reads (and reports) the range itself.
    await Promise.all(waits).catch(() => {});
    return this.readCachedRange(lo, hi);
  }

  prefetch(from: number, to: number): void {
    const sealedTo = this.knownSealed * SEGMENT_SIZE;
    const lo = Math.max(1, from);
    const hi = Math.min(to, sealedTo);
    if (lo > hi) return;
    const ids = range(Math.floor((lo - 1) / SEGMENT_SIZE), Math.floor((hi - 1) / SEGMENT_SIZE)).filter(
      (id) => !this.loading.has(id) && !this.segmentCache.get(id),
    );
    if (ids.length === 0) return;
    const reading = this.db.transaction('r', [this.db.segments], () => this.loadSegments(ids));
    for (const id of ids) this.loading.set(id, reading);
    void reading
      .catch(() => {
        /* only a hint */
      })
      .finally(() => {
        for (const id of ids) if (this.loading.get(id) === reading) this.loading.delete(id);
      });
  }

  private forgetSegments(): void {
    this.generation++;
    this.loading.clear();
    this.reportedDamage.clear();
    this.segmentCache.clear();
    this.knownSealed = 0;
    this.commandIndex.forget();
  }

  /** Segments by id, decoded and upcast, from the cache where possible. Call inside a transaction. */
  private async loadSegments(ids: number[]): Promise<StoredEvent[][]> {
    const found = ids.map((id) => this.segmentCache.get(id));
    const missing = ids.filter((_, i) => !found[i]);
    if (missing.length) {
      const generation = this.generation;
      const records = await this.db.segments.bulkGet(missing);
      const fetched = new Map<number, StoredEvent[]>();
      records.forEach((r, i) => {
        const from = missing[i] * SEGMENT_SIZE + 1;
        const to = from + SEGMENT_SIZE - 1;
        // Only sealed segments are asked for, so a missing one is damage.
        if (!r) throw this.damaged(new LogDamaged(from, to, 'the segment is missing'));
        const events = this.verified(() => verifySegment(r, from, to, this.registry)).map((e) => this.registry.upcast(e));
        fetched.set(missing[i], events);
        if (generation === this.generation) this.segmentCache.set(missing[i], events);
      });
      ids.forEach((id, i) => {
        if (!found[i]) found[i] = fetched.get(id);
      });
    }
    return found.filter((s): s is StoredEvent[] => s !== undefined);
  }

  /**
   * Writes positioned events after `head`: stream pages, then the log —
   * full segments sealed, the rest into the tail. Call inside a rw transaction.
   */
  private async storeEvents(events: StoredEvent[], head: LogHeadRecord): Promise<void> {
    if (events.length === 0) return;
    const db = this.db;
    const newHead = events[events.length - 1].seq;
    let sealed = head.sealed;
    let pending = events;
    // The open segment's earlier events are in the tail; they seal with the new ones. Requests that do not depend
    // on each other go out together: each awaited one is a round trip, tens of ms on a loaded machine (issue 8).
    const first = sealed * SEGMENT_SIZE + 1;
    const sealing = newHead >= (sealed + 1) * SEGMENT_SIZE && head.seq > sealed * SEGMENT_SIZE ? db.tail.where('seq').between(first, head.seq, true, true) : undefined;
    const [records] = await Promise.all([sealing?.toArray(), this.indexStreams(events)]);
    if (sealing && records) {
      // Verified before sealing: a damaged event must not be laundered into a segment with a fresh checksum.
      const older: StoredEvent[] = [];
      for (let seq = first, i = 0; seq <= head.seq; seq++, i++) older.push(this.openTail(records[i], seq));
      pending = older.concat(events);
    }
    const segments: SegmentRecord[] = [];
    const hashes: CommandHashRecord[] = [];
    let i = 0;
    while (newHead >= (sealed + 1) * SEGMENT_SIZE) {
      const events = pending.slice(i, i + SEGMENT_SIZE);
      segments.push(encodeSegment(sealed, events));
      hashes.push(commandHashRecord(sealed, events));
      i += SEGMENT_SIZE;
      sealed++;
    }
    await Promise.all([
      sealing?.delete(),
      segments.length ? db.segments.bulkAdd(segments) : undefined,
      segments.length ? db.commandHashes.bulkPut(hashes) : undefined,
      i < pending.length ? db.tail.bulkAdd(pending.slice(i).map(encodeTailEvent)) : undefined,
      db.logHead.put({ key: 'head', seq: newHead, sealed, bytes: head.bytes + approxBytes(events) }),
    ]);
  }

  /** A tail record's event, verified (not upcast); damage is reported to listeners too. */
  private openTail(record: TailRecord | undefined, seq: number): StoredEvent {
    return this.verified(() => decodeTailEvent(record, seq, this.registry));
  }

  private verified<T>(read: () => T): T {
    try {
      return read();
    } catch (e) {
      throw e instanceof LogDamaged ? this.damaged(e) : e;
    }
  }

  /** Tells damage listeners (the UI's banner) once per range; returns the error to throw. */
  private damaged(error: LogDamaged): LogDamaged {
    const key = `${error.from}-${error.to}`;
    if (!this.reportedDamage.has(key)) {
      this.reportedDamage.add(key);
      for (const l of this.damageListeners) l(error);
    }
    return error;
  }

  /** Called when a read finds damaged records (checksum, cut JSON, a hole, a failing schema). */
  onDamage(listener: (error: LogDamaged) => void): () => void {
    this.damageListeners.add(listener);
    return () => this.damageListeners.delete(listener);
  }

  private async indexStreams(events: StoredEvent[]): Promise<void> {
    const db = this.db;
    const byStream = new Map<string, StoredEvent[]>();
    for (const e of events) {
      let list = byStream.get(e.streamId);
      if (!list) byStream.set(e.streamId, (list = []));
      list.push(e);
    }
    const openKeys: [string, number][] = [];
    for (const [id, list] of byStream) {
      const before = list[0].version - 1;
      if (before % STREAM_PAGE_SIZE !== 0) openKeys.push([id, Math.floor(before / STREAM_PAGE_SIZE)]);
    }
    const open = openKeys.length ? await db.streamPages.bulkGet(openKeys) : [];
    const openByStream = new Map(open.filter((p): p is StreamPageRecord => !!p).map((p) => [p.streamId, p]));
    const pages: StreamPageRecord[] = [];
    for (const [id, list] of byStream) {
      let page = openByStream.get(id);
      if (page) pages.push(page);
      for (const e of list) {
        const pageNo = Math.floor((e.version - 1) / STREAM_PAGE_SIZE);
        if (!page || page.page !== pageNo) {
          page = { streamId: id, page: pageNo, seqs: [] };
          pages.push(page);
        }
        page.seqs.push(e.seq);
      }
    }
    await Promise.all([db.streamPages.bulkPut(pages), db.streams.bulkPut([...byStream].map(([streamId, list]) => ({ streamId, version: list[list.length - 1].version })))]);
  }

  /** Runs a rw transaction and turns IndexedDB failures into the engine's typed errors. */
  private async write<T>(tables: Dexie.Table[], body: () => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction('rw', tables, body);
    } catch (e) {
      throw toEngineError(e);
    }
  }

  private announce(head: number, replaced = false): void {
    this.channel?.postMessage({ head, replaced });
    this.emit(head, replaced);
  }

  private emit(head: number, replaced = false): void {
    for (const l of this.listeners) l(head, { replaced });
  }
}

export function toEngineError(e: unknown): Error {
  if (e instanceof EventDeskError) return e;
  const names = [errorName(e), errorName((e as { inner?: unknown })?.inner)];
  if (names.includes('QuotaExceededError')) return new StorageQuotaExceeded(e);
  return new TransactionAborted(e);
}

function errorName(e: unknown): string | undefined {
  return e && typeof e === 'object' && 'name' in e ? String((e as { name: unknown }).name) : undefined;
}

function range(first: number, last: number): number[] {
  const out: number[] = [];
  for (let i = first; i <= last; i++) out.push(i);
  return out;
}

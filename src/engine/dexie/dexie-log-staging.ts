import { approxBytes, validateStoredEvents } from '../append-validation';
import type { StoredEvent } from '../event-envelope';
import type { EventRegistry } from '../event-registry';
import { checkCommandsContiguous } from '../command-dedup';
import { InvalidEventPayload } from '../errors';
import { StringBloomFilter } from '../string-bloom-filter';
import { ImportTargetNotEmpty, StagedContinuity, StagingSuperseded, type LogStaging } from '../log-staging';
import {
  EMPTY_HEAD,
  encodeSegment,
  SEGMENT_SIZE,
  STAGING_OWNER_ID,
  STREAM_PAGE_SIZE,
  type EventDeskDb,
  type StagedRecord,
  type StreamPageRecord,
} from './eventdesk-db';
import { encodeTailEvent } from './log-record-integrity';
import { hashesOf } from './command-hash-index';

/** Segments moved from staging to the log per read inside the swap: bounds the JS heap (a segment of 1,000 events with 1 KB memos is ~1 MB), not the transaction. */
const COPY_BATCH = 8;
/** A staging area untouched this long belongs to a tab that crashed or closed mid-import. */
export const STALE_STAGING_MS = 30 * 60_000;

type Write = <T>(tables: EventDeskDb['staging'][] | EventDeskDb['tables'], body: () => Promise<T>) => Promise<T>;

/**
 * Staging in IndexedDB: full segments go to the `staging` table as they fill
 * (one small transaction per chunk, so memory holds one open segment and the
 * stream index only); commit clears the log and moves the staged segments in,
 * all in one transaction — a crash or an error in it leaves the old log whole.
 */
export class DexieLogStaging implements LogStaging {
  private readonly continuity = new StagedContinuity();
  /** Events of the segment not yet full: written to the tail at commit. */
  private open: StoredEvent[] = [];
  private sealed = 0;
  private bytes = 0;
  private finished = false;
  /** Command id of the last event already in a staged segment. */
  private lastSealedCommand: string | undefined;
  /** Command ids of the staged segments, in fixed memory: only its "maybe" answers are looked up in IndexedDB. */
  private readonly sealedCommands = new StringBloomFilter();

  private constructor(
    private readonly db: EventDeskDb,
    private readonly registry: EventRegistry,
    private readonly stage: string,
    private readonly write: Write,
    private readonly committed: (head: number, replaced: boolean) => void,
  ) {}

  /** Takes the staging area, dropping whatever an earlier import left in it. */
  static async start(
    db: EventDeskDb,
    registry: EventRegistry,
    write: Write,
    committed: (head: number, replaced: boolean) => void,
  ): Promise<DexieLogStaging> {
    const stage = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
    await write([db.staging], async () => {
      await db.staging.clear();
      await db.staging.put({ id: STAGING_OWNER_ID, stage, at: Date.now() });
    });
    return new DexieLogStaging(db, registry, stage, write, committed);
  }

  get count(): number {
    return this.continuity.count;
  }

  async add(events: StoredEvent[]): Promise<void> {
    this.assertOpen();
    const valid = validateStoredEvents(this.registry, events);
    this.continuity.check(valid);
    await this.checkCommandsWhole(valid);
    this.continuity.accept(valid);
    this.bytes += approxBytes(valid);
    for (const e of valid) this.open.push(e);
    const full: StagedRecord[] = [];
    const now = Date.now();
    while (this.open.length >= SEGMENT_SIZE) {
      const events = this.open.slice(0, SEGMENT_SIZE);
      full.push({ id: this.sealed, stage: this.stage, at: now, segment: encodeSegment(this.sealed, events) });
      for (const e of events) this.sealedCommands.add(e.meta.commandId);
      this.lastSealedCommand = this.open[SEGMENT_SIZE - 1].meta.commandId;
      this.open = this.open.slice(SEGMENT_SIZE);
      this.sealed++;
    }
    const db = this.db;
    await this.write([db.staging], async () => {
      await this.assertOwner();
      await db.staging.put({ id: STAGING_OWNER_ID, stage: this.stage, at: now });
      if (full.length) await db.staging.bulkPut(full);
    });
  }

  async commit({ replace }: { replace: boolean }): Promise<number> {
    this.assertOpen();
    this.finished = true;
    const db = this.db;
    const head = this.continuity.count;
    let previous = 0;
    await this.write(db.tables, async () => {
      await this.assertOwner();
      previous = ((await db.logHead.get('head')) ?? EMPTY_HEAD).seq;
      if (!replace && previous > 0) throw new ImportTargetNotEmpty(previous);
      await Promise.all(db.tables.filter((t) => t.name !== 'staging').map((t) => t.clear()));
      for (let from = 0; from < this.sealed; from += COPY_BATCH) {
        const to = Math.min(this.sealed, from + COPY_BATCH);
        const staged = await db.staging.where('id').between(from, to, true, false).toArray();
        if (staged.length !== to - from || staged.some((r) => r.stage !== this.stage || !r.segment)) throw new StagingSuperseded();
        await db.segments.bulkAdd(staged.map((r) => r.segment!));
        await db.commandHashes.bulkAdd(staged.map((r) => ({ id: r.id, hashes: hashesOf(r.segment!.commandIds) })));
      }
      if (this.open.length) await db.tail.bulkAdd(this.open.map(encodeTailEvent));
      const pages: StreamPageRecord[] = [];
      const streams: { streamId: string; version: number }[] = [];
      for (const [streamId, seqs] of this.continuity.streamSeqs) {
        streams.push({ streamId, version: seqs.length });
        for (let page = 0; page * STREAM_PAGE_SIZE < seqs.length; page++) {
          pages.push({ streamId, page, seqs: seqs.slice(page * STREAM_PAGE_SIZE, (page + 1) * STREAM_PAGE_SIZE) });
        }
      }
      await db.streamPages.bulkAdd(pages);
      await db.streams.bulkAdd(streams);
      await db.logHead.put({ key: 'head', seq: head, sealed: this.sealed, bytes: this.bytes });
      await db.staging.clear();
    });
    this.open = [];
    this.committed(head, previous > 0);
    return head;
  }

  async discard(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    this.open = [];
    const db = this.db;
    await this.write([db.staging], async () => {
      if ((await db.staging.get(STAGING_OWNER_ID))?.stage === this.stage) await db.staging.clear();
    });
  }

  /**
   * A command's events must be contiguous across the whole file, yet the ids
   * seen cannot all be kept in memory: the open segment is in memory, and the
   * staged segments answer through a Bloom filter — an id it may have seen is
   * confirmed in the staging table's command-id index.
   */
  private async checkCommandsWhole(events: StoredEvent[]): Promise<void> {
    const last = this.open.at(-1)?.meta.commandId ?? this.lastSealedCommand;
    checkCommandsContiguous(events, last);
    const starting = new Map<string, StoredEvent>();
    for (const e of events) if (e.meta.commandId !== last && !starting.has(e.meta.commandId)) starting.set(e.meta.commandId, e);
    if (starting.size === 0) return;
    const repeated = (e: StoredEvent) =>
      new InvalidEventPayload(e.type, `seq ${e.seq} repeats command id "${e.meta.commandId}", whose events ended earlier (a command's events must be contiguous)`);
    for (const e of this.open) {
      const again = starting.get(e.meta.commandId);
      if (again) throw repeated(again);
    }
    const maybe = [...starting.keys()].filter((id) => this.sealedCommands.mayHave(id));
    if (maybe.length === 0) return;
    const hit = await this.db.staging.where('segment.commandIds').anyOf(maybe).first();
    if (hit) {
      const ids = new Set(hit.segment?.commandIds ?? []);
      const again = [...starting.values()].find((e) => ids.has(e.meta.commandId));
      if (again) throw repeated(again);
    }
  }

  private assertOpen(): void {
    if (this.finished) throw new StagingSuperseded();
  }

  private async assertOwner(): Promise<void> {
    if ((await this.db.staging.get(STAGING_OWNER_ID))?.stage !== this.stage) {
      this.finished = true;
      throw new StagingSuperseded();
    }
  }
}

/** Drops a staging area nobody has written to for `maxIdleMs` (its import crashed or its tab closed). */
export async function discardStaleStaging(db: EventDeskDb, maxIdleMs = STALE_STAGING_MS, now = Date.now()): Promise<boolean> {
  return db.transaction('rw', [db.staging], async () => {
    const owner = await db.staging.get(STAGING_OWNER_ID);
    const any = owner ?? (await db.staging.limit(1).first());
    if (!any || (owner && now - owner.at < maxIdleMs)) return false;
    await db.staging.clear();
    return true;
  });
}

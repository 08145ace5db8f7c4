import Dexie, { type Table } from 'dexie';
import { CHECKSUM_VERSION, checksum32, type Checksummed } from '../checksum';
import { commandIdsOf } from '../command-dedup';
import type { BookmarkRecord } from '../bookmark-store';
import type { StoredEvent } from '../event-envelope';
import type { TailRecord } from './log-record-integrity';
import { hashesOf } from './command-hash-index';

/**
 * On-disk layout (see ARCHITECTURE.md, "Storage layout"). Chosen by measurement:
 * IndexedDB costs ~per record, so the log is kept as
 *  - `tail`: the newest events, one record each (cheap single appends), until
 *  - `segments`: every full run of SEGMENT_SIZE events is sealed into one record
 *    (≈20× faster bulk writes, ≈5× faster reads than one record per event);
 *  - `streamPages`: per stream, the seqs of its events in pages, so reading one
 *    stream touches only that stream's pages and the segments holding its events.
 * Sealing moves bytes between tables inside the append transaction; no event is
 * ever changed or dropped.
 */
export const SEGMENT_SIZE = 1000;
export const STREAM_PAGE_SIZE = 1000;
/** Version of this layout; bump with a Dexie upgrade when it changes. */
export const STORAGE_SCHEMA_VERSION = 7;

/**
 * A sealed segment. Since layout v2 its events are one JSON string: IndexedDB
 * clones a string almost for free, and JSON.parse rebuilds 1,000 events
 * several times faster than structured-clone deserialisation of 1,000 object
 * graphs — reading the log is what replay and seeks wait on.
 */
export interface SegmentRecord extends Checksummed {
  /** Segment number: holds seqs id*SEGMENT_SIZE+1 … (id+1)*SEGMENT_SIZE. */
  id: number;
  json: string;
  bytes: number;
  /**
   * The distinct command ids of its events. Indexed (multi-entry) in layouts
   * v3–v5; since v6 the dedup index is `commandHashes` (command-hash-index.ts)
   * and this list serves the staging area's check and the upgrade.
   */
  commandIds: string[];
}

/** Layout v6: the sorted 32-bit hashes of a sealed segment's command ids (command-hash-index.ts). */
export interface CommandHashRecord {
  id: number;
  hashes: Uint32Array;
}

/**
 * Layout v7: derived data per sealed segment (segment-digests.ts), stored under
 * the identity of the log it was made from; the record LOG_IDENTITY_ID holds
 * that identity (a replace clears the table, identity included).
 */
export interface SegmentDigestRecord {
  id: number;
  logId: string;
  /** Which digester made it (its version): another key is made again. */
  key: string;
  digest: unknown;
}

export const LOG_IDENTITY_ID = -1;

/** Layout v1 kept the events as an array of objects. */
interface SegmentRecordV1 {
  id: number;
  events?: StoredEvent[];
  json?: string;
  bytes: number;
  commandIds?: string[];
}

/** A sealed segment with the checksum of its JSON (verified on read: log-record-integrity.ts). */
export function encodeSegment(id: number, events: StoredEvent[]): SegmentRecord {
  const json = JSON.stringify(events);
  return { id, json, bytes: json.length, checksum: checksum32(json), checksumVersion: CHECKSUM_VERSION, commandIds: commandIdsOf(events) };
}

/** Pure migration of one segment record from layout v1 to v2. */
export function upgradeSegmentV1(record: SegmentRecordV1): SegmentRecord {
  if (record.json !== undefined) return record as SegmentRecord;
  return encodeSegment(record.id, record.events ?? []);
}

/**
 * Pure migration of one segment record from layout v2 to v3: its command ids,
 * for the dedup index. A segment that cannot be read gets none (opening must
 * not fail: reading it reports the damage with its seqs).
 */
export function upgradeSegmentV2(record: SegmentRecordV1): SegmentRecord {
  const v2 = upgradeSegmentV1(record);
  if (Array.isArray(v2.commandIds)) return v2;
  let commandIds: string[] = [];
  try {
    const events = JSON.parse(v2.json) as StoredEvent[];
    if (Array.isArray(events)) commandIds = commandIdsOf(events.filter((e) => typeof e?.meta?.commandId === 'string'));
  } catch {
    /* damaged: no ids */
  }
  return { ...v2, commandIds };
}

/**
 * The staging area of an import too large for one transaction (layout v4,
 * dexie-log-staging.ts): sealed segments keyed by segment number, tagged with
 * the import that wrote them; id -1 names the import that owns the area.
 */
export interface StagedRecord {
  id: number;
  stage: string;
  /** Last write, so an area left by a crashed tab can be told from one in use. */
  at: number;
  segment?: SegmentRecord;
}

export const STAGING_OWNER_ID = -1;

export interface StreamRecord {
  streamId: string;
  version: number;
}

export interface StreamPageRecord {
  streamId: string;
  page: number;
  /** seqs of versions page*STREAM_PAGE_SIZE+1 … in order. */
  seqs: number[];
}

export interface LogHeadRecord {
  key: 'head';
  seq: number;
  /** Number of sealed segments: events with seq ≤ sealed*SEGMENT_SIZE live in `segments`. */
  sealed: number;
  bytes: number;
}

/**
 * A snapshot. Since checksums the state is stored as JSON with the checksum of
 * that string (verified on load); older records kept `state` as an object and
 * are dropped on load, as any unverifiable snapshot is — the log rebuilds it.
 */
export interface SnapshotRecord extends Checksummed {
  projection: string;
  projectionVersion: number;
  seq: number;
  bytes: number;
  createdAt: number;
  json?: string;
  /** Layouts before checksums. */
  state?: unknown;
}

export type { SubscriberCheckpoint as CheckpointRecord } from '../checkpoint-store';
import type { SubscriberCheckpoint as CheckpointRecord } from '../checkpoint-store';

/** Records a subscriber wrote for a given event (e.g. notifications), keyed by subscriber and seq. */
export interface SubscriberOutputRecord {
  subscriber: string;
  seq: number;
  value: unknown;
}

export class EventDeskDb extends Dexie {
  /** Events with their checksum (log-record-integrity.ts); older records may have none. */
  tail!: Table<TailRecord, number>;
  segments!: Table<SegmentRecord, number>;
  streams!: Table<StreamRecord, string>;
  streamPages!: Table<StreamPageRecord, [string, number]>;
  logHead!: Table<LogHeadRecord, string>;
  snapshots!: Table<SnapshotRecord, [string, number, number]>;
  checkpoints!: Table<CheckpointRecord, string>;
  outputs!: Table<SubscriberOutputRecord, [string, number]>;
  snapshotSizes!: Table<{ key: string; bytes: number }, string>;
  staging!: Table<StagedRecord, number>;
  /** Since layout v5: labelled positions (not events; see bookmark-store.ts). */
  bookmarks!: Table<BookmarkRecord, string>;
  /** Since layout v6: the dedup index of sealed segments, one record per segment. */
  commandHashes!: Table<CommandHashRecord, number>;
  /** Since layout v7: derived data per sealed segment (segment-digests.ts). */
  segmentDigests!: Table<SegmentDigestRecord, number>;

  constructor(name = 'eventdesk') {
    super(name);
    const stores = {
      tail: 'seq',
      segments: 'id',
      streams: 'streamId',
      streamPages: '[streamId+page]',
      logHead: 'key',
      snapshots: '[projection+projectionVersion+seq]',
      checkpoints: 'name',
      outputs: '[subscriber+seq]',
      // Sizes beside the snapshots, so retention and the storage panel never load a state.
      snapshotSizes: 'key',
    };
    this.version(1).stores(stores);
    this.version(2)
      .stores(stores)
      .upgrade((tx) =>
        tx
          .table('segments')
          .toCollection()
          .modify((record: SegmentRecordV1, ref: { value: SegmentRecord }) => {
            ref.value = upgradeSegmentV1(record);
          }),
      );
    // v3: the command-id dedup index. Tail events are indexed by IndexedDB itself; sealed
    // segments list their command ids (multi-entry), filled here for logs written before.
    this.version(3)
      .stores({ ...stores, tail: 'seq, meta.commandId', segments: 'id, *commandIds' })
      .upgrade((tx) =>
        tx
          .table('segments')
          .toCollection()
          .modify((record: SegmentRecordV1, ref: { value: SegmentRecord }) => {
            ref.value = upgradeSegmentV2(record);
          }),
      );
    // v4: a staging area for streamed imports (dexie-log-staging.ts); nothing existing changes.
    this.version(4).stores({ ...stores, tail: 'seq, meta.commandId', segments: 'id, *commandIds', staging: 'id, *segment.commandIds' });
    // v5: bookmarks (bookmark-store.ts), a table of their own; nothing existing changes.
    this.version(5).stores({ ...stores, tail: 'seq, meta.commandId', segments: 'id, *commandIds', staging: 'id, *segment.commandIds', bookmarks: 'id' });
    // v6: the segments' multi-entry index (~1 entry per event, the cost of every write) gives way to
    // one record of command-id hashes per segment, filled here from each segment's list.
    this.version(6)
      .stores({ ...stores, tail: 'seq, meta.commandId', segments: 'id', staging: 'id, *segment.commandIds', bookmarks: 'id', commandHashes: 'id' })
      .upgrade(async (tx) => {
        const records: CommandHashRecord[] = [];
        await tx
          .table('segments')
          .toCollection()
          .each((record: SegmentRecordV1) => {
            records.push({ id: record.id, hashes: hashesOf(upgradeSegmentV2(record).commandIds) });
          });
        await tx.table('commandHashes').bulkPut(records);
      });
    // v7: derived per-segment digests (Compare's range summaries); empty at first, made when first read.
    this.version(7).stores({ ...stores, tail: 'seq, meta.commandId', segments: 'id', staging: 'id, *segment.commandIds', bookmarks: 'id', commandHashes: 'id', segmentDigests: 'id' });
  }
}

export const EMPTY_HEAD: LogHeadRecord = { key: 'head', seq: 0, sealed: 0, bytes: 0 };

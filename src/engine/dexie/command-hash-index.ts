import { checksum32 } from '../checksum';
import type { StoredEvent } from '../event-envelope';
import type { CommandHashRecord, EventDeskDb } from './eventdesk-db';

/**
 * The command-id dedup index of sealed segments (layout v6): per segment, the
 * sorted 32-bit hashes of its command ids, one record per segment.
 *
 * Why not an IndexedDB multi-entry index (layout v3–v5): almost every command
 * is one or two events, so it wrote ~1 index entry per event, and IndexedDB's
 * cost is per entry — writing 100 segments took 2.3–6.1 s with it against
 * 0.15–0.95 s without (Chromium probe, 4 interleaved runs on a loaded machine).
 * Here a segment costs one small record (~4 KB at 1,000 commands).
 *
 * A lookup hashes the id and binary-searches each segment's hashes in memory
 * (~4 bytes per sealed command); a hit only names a candidate segment — the
 * caller reads it and compares the ids themselves, so a hash collision costs
 * one read, never a wrong answer.
 */
/** 2^25 bits (4 MB): about 3% of lookups of an absent id still visit the segments at 1M sealed commands. */
const PREFILTER_BITS = 25;

export class CommandHashIndex {
  /** Per sealed segment its hashes; null when its record is missing (then it is always read). */
  private hashes: (Uint32Array | null)[] = [];
  /**
   * One bit per hash value's top PREFILTER_BITS bits over every loaded segment: an id whose bit is clear is in
   * none of them, answered without visiting each segment (a fresh device pulling 1M events asks for every id,
   * and a visit per segment per id grows with the square of the log). Allocated with the first segment.
   */
  private prefilter: Uint32Array | undefined;
  private missingRecords = false;

  /** Segments [0, loaded) are in memory. */
  get loaded(): number {
    return this.hashes.length;
  }

  forget(): void {
    this.hashes = [];
    this.prefilter = undefined;
    this.missingRecords = false;
  }

  /** Brings in the records of segments sealed since the last call (by any tab). Call inside a transaction on commandHashes. */
  async catchUp(db: EventDeskDb, sealed: number): Promise<void> {
    if (sealed < this.hashes.length) this.forget();
    if (sealed === this.hashes.length) return;
    const from = this.hashes.length;
    const records = await db.commandHashes.where('id').between(from, sealed, true, false).toArray();
    const byId = new Map(records.map((r) => [r.id, r.hashes]));
    // A segment without its record must not make a lookup miss: it is a candidate for every id.
    for (let s = from; s < sealed; s++) {
      const hashes = byId.get(s) ?? null;
      this.hashes.push(hashes);
      if (!hashes) this.missingRecords = true;
      else {
        const bits = (this.prefilter ??= new Uint32Array(1 << (PREFILTER_BITS - 5)));
        for (let i = 0; i < hashes.length; i++) {
          const b = hashes[i] >>> (32 - PREFILTER_BITS);
          bits[b >>> 5] |= 1 << (b & 31);
        }
      }
    }
  }

  /** Segment ids that may hold `commandId` (each to be confirmed by reading it). */
  candidates(commandId: string): number[] {
    const h = checksum32(commandId);
    const out: number[] = [];
    const b = h >>> (32 - PREFILTER_BITS);
    if (!this.missingRecords && (!this.prefilter || (this.prefilter[b >>> 5] & (1 << (b & 31))) === 0)) return out;
    for (let s = 0; s < this.hashes.length; s++) {
      const hashes = this.hashes[s];
      if (!hashes || contains(hashes, h)) out.push(s);
    }
    return out;
  }
}

/** The record of one sealed segment: the sorted, distinct hashes of its events' command ids. */
export function commandHashRecord(id: number, events: readonly StoredEvent[]): CommandHashRecord {
  return { id, hashes: hashesOf(events.map((e) => e.meta.commandId)) };
}

export function hashesOf(commandIds: readonly string[]): Uint32Array {
  const all = new Uint32Array(commandIds.length);
  for (let i = 0; i < commandIds.length; i++) all[i] = checksum32(commandIds[i]);
  all.sort();
  let n = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[n++] = all[i];
  return all.slice(0, n);
}

function contains(sorted: Uint32Array, h: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid];
    if (v === h) return true;
    if (v < h) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

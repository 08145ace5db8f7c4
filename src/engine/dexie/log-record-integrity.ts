import { CHECKSUM_VERSION, checksum32, checksumMatches, type Checksummed } from '../checksum';
import { describe, LogDamaged } from '../errors';
import type { StoredEvent } from '../event-envelope';
import type { EventRegistry } from '../event-registry';

/**
 * Verification of log records on read. Records written since checksums carry
 * one over their stored string; a mismatch, cut JSON or a hole is reported as
 * LogDamaged with the seqs it covers. Older records without a checksum are
 * accepted when every event passes its schema, and get a checksum when next
 * written (a tail event when it is sealed; segments by the v1→v2 upgrade).
 */

/** A tail record: the event itself plus its checksum. */
export type TailRecord = StoredEvent & Checksummed;

export function encodeTailEvent(event: StoredEvent): TailRecord {
  return { ...event, checksum: checksum32(JSON.stringify(event)), checksumVersion: CHECKSUM_VERSION };
}

/**
 * The stored event of a tail record at `seq` (its key), verified; not yet upcast.
 * Structured clone keeps property order, so the event stringifies as it did when written.
 */
export function decodeTailEvent(record: TailRecord | undefined, seq: number, registry: EventRegistry): StoredEvent {
  if (!record || typeof record !== 'object') throw new LogDamaged(seq, seq, 'the event is missing');
  const { checksum, checksumVersion, ...event } = record;
  const ok = checksumMatches({ checksum, checksumVersion }, JSON.stringify(event));
  if (ok === false) throw new LogDamaged(seq, seq, 'checksum mismatch');
  if (ok === undefined) checkSchemas([event], seq, seq, registry);
  if (event.seq !== seq) throw new LogDamaged(seq, seq, `the record holds seq ${String(event.seq)}`);
  return event;
}

/** Events of the segment whose seqs are from…to, verified; not yet upcast. */
export function verifySegment(
  record: { json?: unknown } & Checksummed,
  from: number,
  to: number,
  registry: EventRegistry,
): StoredEvent[] {
  if (typeof record.json !== 'string') throw new LogDamaged(from, to, 'the segment has no content');
  const ok = checksumMatches(record, record.json);
  if (ok === false) throw new LogDamaged(from, to, 'checksum mismatch');
  let events: unknown;
  try {
    events = JSON.parse(record.json);
  } catch (e) {
    throw new LogDamaged(from, to, `unreadable: ${describe(e)}`);
  }
  if (!Array.isArray(events) || events.length !== to - from + 1) throw new LogDamaged(from, to, 'events are missing');
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as StoredEvent | null;
    if (!e || e.seq !== from + i) throw new LogDamaged(from, to, 'events are out of order');
  }
  if (ok === undefined) checkSchemas(events as StoredEvent[], from, to, registry);
  return events as StoredEvent[];
}

/** Unverifiable (pre-checksum) records must at least pass their schemas, so no view folds a bad value. */
function checkSchemas(events: StoredEvent[], from: number, to: number, registry: EventRegistry): void {
  for (const e of events) {
    try {
      if (typeof e.streamId !== 'string' || !Number.isInteger(e.version) || !e.meta || typeof e.meta !== 'object') {
        throw new Error('the envelope is incomplete');
      }
      registry.validateStored(e);
    } catch (err) {
      throw new LogDamaged(from, to, `event ${String(e.seq)} fails its schema: ${describe(err)}`);
    }
  }
}

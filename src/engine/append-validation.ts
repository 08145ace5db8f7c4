import { EventDeskError, ExpectedVersionConflict, InvalidEventPayload } from './errors';
import type { AppendMeta, EventMeta, ExpectedVersion, StoredEvent, StreamAppend } from './event-envelope';
import type { EventRegistry } from './event-registry';

/**
 * Rules every store applies the same way, so implementations differ only in
 * where bytes go.
 */

export function checkExpectedVersion(streamId: string, expected: ExpectedVersion, actual: number): void {
  if (expected === 'any') return;
  const want = expected === 'no_stream' ? 0 : expected;
  if (want !== actual) throw new ExpectedVersionConflict(streamId, expected, actual);
}

export interface PreparedEvent {
  type: string;
  schemaVersion: number;
  data: unknown;
}

export interface PreparedAppend {
  streamId: string;
  expectedVersion: ExpectedVersion;
  events: PreparedEvent[];
}

/** Validates every payload up front, so a bad event fails before any transaction opens. */
export function prepareAppends(registry: EventRegistry, appends: StreamAppend[]): PreparedAppend[] {
  const seen = new Set<string>();
  return appends.map((a) => {
    if (seen.has(a.streamId)) throw new EventDeskError(`Stream "${a.streamId}" appears twice in one append.`);
    seen.add(a.streamId);
    return { streamId: a.streamId, expectedVersion: a.expectedVersion, events: a.events.map((e) => registry.prepare(e)) };
  });
}

/** Positions prepared events after `head`; `versions` holds each stream's current version and is advanced. */
export function positionAppends(
  appends: PreparedAppend[],
  meta: AppendMeta,
  head: number,
  versions: Record<string, number>,
): StoredEvent[] {
  const fullMeta: EventMeta = {
    at: meta.at ?? Date.now(),
    actor: meta.actor,
    commandId: meta.commandId,
    correlationId: meta.correlationId,
    causationId: meta.causationId,
  };
  const out: StoredEvent[] = [];
  let seq = head;
  for (const a of appends) {
    let version = versions[a.streamId];
    for (const p of a.events) {
      out.push({ seq: ++seq, streamId: a.streamId, version: ++version, type: p.type, schemaVersion: p.schemaVersion, data: p.data, meta: fullMeta });
    }
    versions[a.streamId] = version;
  }
  return out;
}

/** Validates and upcasts already-positioned events (import); throws on the first bad one. */
export function validateStoredEvents(registry: EventRegistry, events: StoredEvent[]): StoredEvent[] {
  const out: StoredEvent[] = new Array(events.length);
  for (let i = 0; i < events.length; i++) out[i] = registry.validateStored(events[i]);
  return out;
}

/**
 * Checks a batch of positioned events continues the log: seq starts at
 * head+1 with no gaps; each stream's versions continue its current version
 * (`versionOf` gives a stream's version before this batch).
 */
export function checkContinuity(events: StoredEvent[], head: number, versionOf: (streamId: string) => number): void {
  const versions = new Map<string, number>();
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (e.seq !== head + i + 1) {
      throw new InvalidEventPayload(e.type, `seq ${e.seq} does not continue the log (expected ${head + i + 1})`);
    }
    const current = versions.get(e.streamId) ?? versionOf(e.streamId);
    if (e.version !== current + 1) {
      throw new InvalidEventPayload(e.type, `version ${e.version} of stream "${e.streamId}" does not follow ${current}`);
    }
    versions.set(e.streamId, e.version);
  }
}

/**
 * Estimated on-disk bytes of events (JSON length), for the snapshot retention
 * budget. Samples large batches: stringifying a million events would cost
 * more than the import it measures.
 */
export function approxBytes(events: readonly StoredEvent[]): number {
  const n = events.length;
  if (n <= 64) return n === 0 ? 0 : JSON.stringify(events).length;
  const step = Math.ceil(n / 64);
  let sampled = 0;
  let count = 0;
  for (let i = 0; i < n; i += step, count++) sampled += JSON.stringify(events[i]).length + 1;
  return Math.round((sampled / count) * n);
}

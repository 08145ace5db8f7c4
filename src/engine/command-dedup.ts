import { InvalidEventPayload } from './errors';
import type { AppendResult, StoredEvent } from './event-envelope';

/**
 * Idempotent commands: every command carries `meta.commandId`, and the log
 * refuses a second command with an id it already holds — it answers with the
 * first command's result instead. A retry after a timeout, a double-click or a
 * second tab sending the same intent therefore writes once.
 *
 * These pure helpers are shared by every EventStore so the stores differ only
 * in how they index ids.
 */

/** The result of a command already in the log, rebuilt from its stored events (ascending seq). */
export function resultOfStoredCommand(events: StoredEvent[]): AppendResult {
  const versions: Record<string, number> = {};
  for (const e of events) versions[e.streamId] = e.version;
  return { firstSeq: events[0].seq, lastSeq: events[events.length - 1].seq, versions, events, duplicate: true };
}

/**
 * The first run of events of `commandId` among `candidates` (any order): a
 * command's events are contiguous, so the run stops at the first gap.
 */
export function firstRunOf(commandId: string, candidates: StoredEvent[]): StoredEvent[] {
  const mine = candidates.filter((e) => e.meta.commandId === commandId).sort((a, b) => a.seq - b.seq);
  let end = 1;
  while (end < mine.length && mine[end].seq === mine[end - 1].seq + 1) end++;
  return mine.slice(0, end);
}

/** The distinct command ids of a batch of events, in order of first appearance. */
export function commandIdsOf(events: readonly StoredEvent[]): string[] {
  const ids: string[] = [];
  let last: string | undefined;
  const seen = new Set<string>();
  for (const e of events) {
    const id = e.meta.commandId;
    if (id === last) continue;
    last = id;
    if (!seen.has(id)) {
      seen.add(id);
      ids.push(id);
    }
  }
  return ids;
}

/**
 * Checks a batch of positioned events (import, demo data) keeps every
 * command whole: one command's events are contiguous. The batch may begin by
 * finishing the command the log ends with (`previousCommandId`), as a log
 * imported in chunks does. Throws InvalidEventPayload naming the first
 * offending seq; then nothing is written.
 */
export function checkCommandsContiguous(events: readonly StoredEvent[], previousCommandId?: string): void {
  const closed = new Set<string>();
  let current = previousCommandId;
  for (const e of events) {
    const id = e.meta.commandId;
    if (id === current) continue;
    if (current !== undefined) closed.add(current);
    if (closed.has(id)) {
      throw new InvalidEventPayload(e.type, `seq ${e.seq} repeats command id "${id}", whose events ended earlier (a command's events must be contiguous)`);
    }
    current = id;
  }
}

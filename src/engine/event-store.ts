import type { AppendMeta, AppendResult, StoredEvent, StreamAppend } from './event-envelope';
import type { LogStaging } from './log-staging';

/**
 * The event log. Append-only: nothing stored is ever updated or deleted.
 * Implementations (in-memory, IndexedDB) share this interface and must pass
 * tests/engine/event-store.contract.ts.
 *
 * Reads return events already upcast to their current schema.
 */
export interface EventStore {
  /**
   * Appends to one or more streams in one transaction: all or nothing.
   * Idempotent by `meta.commandId`: when the log already holds that command,
   * nothing is written and the first command's result comes back with
   * `duplicate: true` (checked in the same transaction, before versions).
   * Throws ExpectedVersionConflict (nothing written) when a stream's version differs.
   */
  appendToStreams(appends: StreamAppend[], meta: AppendMeta): Promise<AppendResult>;

  /** The result of the command with this id if the log holds it (`duplicate: true`), else undefined. */
  findCommand(commandId: string): Promise<AppendResult | undefined>;

  /** Optional: `findCommand` for many ids in one read (a pulled page checks every entry for a replay). */
  findCommands?(commandIds: string[]): Promise<(AppendResult | undefined)[]>;

  /**
   * Bulk load of events that already carry positions (import, demo data):
   * they must continue the log exactly (first seq = head + 1, stream versions contiguous)
   * and keep each command's events contiguous. Their command ids become known to
   * the dedup index in the same transaction.
   * Written in one transaction.
   */
  appendStored(events: StoredEvent[]): Promise<void>;

  /** Events with from ≤ seq ≤ to, ascending. */
  readRange(from: number, to: number): Promise<StoredEvent[]>;

  /**
   * Optional hint: the caller will probably read around [from, to] soon (the
   * slider is being dragged there). Stores with a cache may load it in the background.
   */
  prefetch?(from: number, to: number): void;

  /** One stream's events, ascending, optionally only those with seq ≤ toSeq or version ≥ fromVersion. */
  readStream(streamId: string, options?: { fromVersion?: number; toSeq?: number }): Promise<StoredEvent[]>;

  /** Current version of a stream (0 when it does not exist). */
  streamVersion(streamId: string): Promise<number>;

  /** Optional: `streamVersion` for many streams in one read (a pulled page places thousands of events). */
  streamVersions?(streamIds: string[]): Promise<number[]>;

  /** Seq of the last event (0 when empty). */
  headSeq(): Promise<number>;

  /** Approximate bytes of the log on disk (JSON length of the stored envelopes). */
  logBytes(): Promise<number>;

  /**
   * Called after any append commits — from this connection or, for the
   * IndexedDB store, from other tabs — with the new head seq. `replaced` is
   * set when the whole log was replaced (import): derived state must restart.
   */
  onAppended(listener: AppendListener): () => void;

  /**
   * Replaces the whole log with `events` (seq 1…n) in one transaction — the
   * "import into a non-empty database" path, after the user confirmed.
   * Everything derived from the old log (snapshots, checkpoints) goes too.
   * On any error nothing changes.
   */
  replaceLog(events: StoredEvent[]): Promise<void>;

  /**
   * The same replace for a log too large to hold in memory: staged in
   * chunks, swapped in by one commit (see log-staging.ts). Starting a staging
   * area throws away any earlier one left by a cancelled or crashed import.
   */
  stageLog(): Promise<LogStaging>;
}

export type AppendListener = (head: number, change: { replaced: boolean }) => void;

export function appendToStream(
  store: EventStore,
  streamId: string,
  events: StreamAppend['events'],
  options: { expectedVersion: StreamAppend['expectedVersion'] },
  meta: AppendMeta,
): Promise<AppendResult> {
  return store.appendToStreams([{ streamId, events, expectedVersion: options.expectedVersion }], meta);
}

/** Reads [from, to] in pages so a million events never sit in memory at once. */
export async function* readPaged(
  store: EventStore,
  from: number,
  to: number,
  pageSize = 10_000,
): AsyncGenerator<StoredEvent[]> {
  for (let start = from; start <= to; start += pageSize) {
    const page = await store.readRange(start, Math.min(to, start + pageSize - 1));
    if (page.length === 0) return;
    yield page;
  }
}

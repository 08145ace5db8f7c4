import { EventDeskError, InvalidEventPayload } from './errors';
import type { StoredEvent } from './event-envelope';

/**
 * A log being imported that may not fit in memory or one transaction: events
 * are added in chunks to a staging area outside the log, then swapped in at
 * once. Until commit the log is untouched; discard (or a crash, cleaned up on
 * the next staging) leaves it exactly as it was.
 */
export interface LogStaging {
  /** Events staged so far (they run 1…count). */
  readonly count: number;
  /** Validated, positioned events continuing the staged log (the first chunk starts at seq 1). */
  add(events: StoredEvent[]): Promise<void>;
  /**
   * Swaps the staged log in, in one transaction. With `replace` false the
   * log must still be empty. Everything derived from the old log goes too.
   * Resolves with the new head.
   */
  commit(options: { replace: boolean }): Promise<number>;
  /** Throws the staged events away; the log is untouched. Safe to call twice. */
  discard(): Promise<void>;
}

/**
 * Continuity of a log built in chunks from seq 1: gap-free seqs, each
 * stream's versions 1, 2, 3…; remembers the seqs of each stream for its index.
 */
export class StagedContinuity {
  private head = 0;
  readonly streamSeqs = new Map<string, number[]>();

  get count(): number {
    return this.head;
  }

  /** Throws when the chunk does not continue the staged log; remembers nothing (see accept). */
  check(events: StoredEvent[]): void {
    const added = new Map<string, number>();
    for (let i = 0; i < events.length; i++) {
      const e = events[i];
      if (e.seq !== this.head + i + 1) {
        throw new InvalidEventPayload(e.type, `seq ${e.seq} does not continue the log (expected ${this.head + i + 1})`);
      }
      const current = added.get(e.streamId) ?? this.streamSeqs.get(e.streamId)?.length ?? 0;
      if (e.version !== current + 1) {
        throw new InvalidEventPayload(e.type, `version ${e.version} of stream "${e.streamId}" does not follow ${current}`);
      }
      added.set(e.streamId, e.version);
    }
  }

  /** Remembers a chunk check() passed (and any other check of the caller). */
  accept(events: StoredEvent[]): void {
    for (const e of events) {
      let seqs = this.streamSeqs.get(e.streamId);
      if (!seqs) this.streamSeqs.set(e.streamId, (seqs = []));
      seqs.push(e.seq);
    }
    this.head += events.length;
  }
}

/** A commit without `replace` found events in the log (another tab wrote meanwhile): nothing changed. */
export class ImportTargetNotEmpty extends EventDeskError {
  constructor(readonly head: number) {
    super(`The log now holds ${head} events. Confirm replacing it to import this file.`);
  }
}

/** Another import started staging (in this or another tab) and took the staging area: this one was dropped, the log is untouched. */
export class StagingSuperseded extends EventDeskError {
  constructor() {
    super('Another import started meanwhile and replaced this one before it was written. Nothing was changed.');
  }
}

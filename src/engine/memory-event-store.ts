import { approxBytes, checkContinuity, checkExpectedVersion, positionAppends, prepareAppends, validateStoredEvents } from './append-validation';
import { checkCommandsContiguous, resultOfStoredCommand } from './command-dedup';
import type { AppendMeta, AppendResult, StoredEvent, StreamAppend } from './event-envelope';
import type { EventRegistry } from './event-registry';
import type { AppendListener, EventStore } from './event-store';
import { ImportTargetNotEmpty, type LogStaging } from './log-staging';
import { memoryStaging } from './memory-staging';

/** The reference implementation: plain arrays. Used by tests and to generate demo histories. */
export class MemoryEventStore implements EventStore {
  private events: StoredEvent[] = [];
  private streams = new Map<string, number[]>();
  /** Dedup index: command id → seq range of its events. */
  private commands = new Map<string, { firstSeq: number; lastSeq: number }>();
  private readonly listeners = new Set<AppendListener>();

  constructor(private readonly registry: EventRegistry) {}

  async appendToStreams(appends: StreamAppend[], meta: AppendMeta): Promise<AppendResult> {
    const prepared = prepareAppends(this.registry, appends);
    // Checked synchronously with the append, as a transaction would: concurrent retries cannot both pass.
    const known = this.knownCommand(meta.commandId);
    if (known) return known;
    const versions: Record<string, number> = {};
    for (const a of prepared) {
      const actual = this.streams.get(a.streamId)?.length ?? 0;
      checkExpectedVersion(a.streamId, a.expectedVersion, actual);
      versions[a.streamId] = actual;
    }
    const positioned = positionAppends(prepared, meta, this.events.length, versions);
    this.commit(positioned);
    return { firstSeq: positioned[0]?.seq ?? 0, lastSeq: positioned.at(-1)?.seq ?? 0, versions, events: positioned };
  }

  async appendStored(events: StoredEvent[]): Promise<void> {
    const valid = validateStoredEvents(this.registry, events);
    checkContinuity(valid, this.events.length, (id) => this.streams.get(id)?.length ?? 0);
    checkCommandsContiguous(valid, this.events.at(-1)?.meta.commandId);
    this.commit(structuredClone(valid));
  }

  async findCommand(commandId: string): Promise<AppendResult | undefined> {
    return this.knownCommand(commandId);
  }

  private knownCommand(commandId: string): AppendResult | undefined {
    const range = this.commands.get(commandId);
    return range && resultOfStoredCommand(this.events.slice(range.firstSeq - 1, range.lastSeq).map((e) => this.registry.upcast(e)));
  }

  private commit(events: StoredEvent[], replaced = false): void {
    for (const e of events) {
      this.events.push(e);
      const range = this.commands.get(e.meta.commandId);
      // Only the first run counts: a command's events are contiguous.
      if (!range) this.commands.set(e.meta.commandId, { firstSeq: e.seq, lastSeq: e.seq });
      else if (range.lastSeq === e.seq - 1) range.lastSeq = e.seq;
      let seqs = this.streams.get(e.streamId);
      if (!seqs) this.streams.set(e.streamId, (seqs = []));
      seqs.push(e.seq);
    }
    for (const l of this.listeners) l(this.events.length, { replaced });
  }

  onAppended(listener: AppendListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async readRange(from: number, to: number): Promise<StoredEvent[]> {
    const lo = Math.max(1, from);
    const hi = Math.min(this.events.length, to);
    const out: StoredEvent[] = [];
    for (let s = lo; s <= hi; s++) out.push(this.registry.upcast(this.events[s - 1]));
    return out;
  }

  async readStream(streamId: string, options: { fromVersion?: number; toSeq?: number } = {}): Promise<StoredEvent[]> {
    const seqs = this.streams.get(streamId) ?? [];
    const from = Math.max(1, options.fromVersion ?? 1);
    const toSeq = options.toSeq ?? Infinity;
    const out: StoredEvent[] = [];
    for (let v = from; v <= seqs.length && seqs[v - 1] <= toSeq; v++) out.push(this.registry.upcast(this.events[seqs[v - 1] - 1]));
    return out;
  }

  async streamVersion(streamId: string): Promise<number> {
    return this.streams.get(streamId)?.length ?? 0;
  }

  async headSeq(): Promise<number> {
    return this.events.length;
  }

  async logBytes(): Promise<number> {
    // Computed on demand (sampled): appends stay free of serialisation cost.
    return approxBytes(this.events);
  }

  async stageLog(): Promise<LogStaging> {
    return memoryStaging(this.registry, async (events, replace) => {
      if (!replace && this.events.length > 0) throw new ImportTargetNotEmpty(this.events.length);
      this.events = [];
      this.streams.clear();
      this.commit(events, true);
      return events.length;
    });
  }

  async replaceLog(events: StoredEvent[]): Promise<void> {
    const valid = validateStoredEvents(this.registry, events);
    checkContinuity(valid, 0, () => 0);
    checkCommandsContiguous(valid);
    this.events = [];
    this.streams.clear();
    this.commands.clear();
    this.commit(structuredClone(valid), true);
  }
}

import { approxBytes, checkContinuity, checkExpectedVersion, positionAppends, prepareAppends, validateStoredEvents } from './append-validation';
import { checkCommandsContiguous, resultOfStoredCommand } from './command-dedup';
import type { AppendMeta, AppendResult, StoredEvent, StreamAppend } from './event-envelope';
import type { EventRegistry } from './event-registry';
import type { AppendListener, EventStore } from './event-store';
import { ImportTargetNotEmpty, type LogStaging } from './log-staging';
import { memoryStaging } from './memory-staging';

/**
 * A speculative log (Datomic's `with`): the first `fork` events of a base log,
 * read through, followed by a tail held only in memory. Appends go to the tail;
 * the base is only ever read, so nothing of a branch reaches storage. Events the
 * base gains after the fork are not part of the branch.
 *
 * Passes the EventStore contract: replacing or staging a branch's log replaces
 * what the branch shows (its fork drops to 0) — the base stays untouched.
 */
export class BranchStore implements EventStore {
  private tail: StoredEvent[] = [];
  private tailVersions = new Map<string, number>();
  /** Dedup index of the tail: command id → seq range of its events. */
  private tailCommands = new Map<string, { firstSeq: number; lastSeq: number }>();
  /** Stream versions at the fork, read from the base once. */
  private readonly forkVersions = new Map<string, number>();
  private readonly listeners = new Set<AppendListener>();
  private lock: Promise<unknown> = Promise.resolve();
  private forkSeq: number;

  constructor(
    private readonly base: EventStore,
    fork: number,
    private readonly registry: EventRegistry,
    /** `baseStill`: the base does not grow while the branch is used, so its current stream versions are those at the fork. */
    private readonly options: { baseStill?: boolean } = {},
  ) {
    this.forkSeq = fork;
  }

  /** The base events the branch starts from (1…fork). */
  get fork(): number {
    return this.forkSeq;
  }

  /** The branch's own events (after the fork), ascending. */
  get ownEvents(): readonly StoredEvent[] {
    return this.tail;
  }

  /** One append at a time: version checks read the base asynchronously. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock.catch(() => {}).then(fn);
    this.lock = run;
    return run;
  }

  async appendToStreams(appends: StreamAppend[], meta: AppendMeta): Promise<AppendResult> {
    const prepared = prepareAppends(this.registry, appends);
    return this.exclusive(async () => {
      const known = await this.findCommand(meta.commandId);
      if (known) return known;
      const versions: Record<string, number> = {};
      for (const a of prepared) {
        const actual = await this.streamVersion(a.streamId);
        checkExpectedVersion(a.streamId, a.expectedVersion, actual);
        versions[a.streamId] = actual;
      }
      const positioned = positionAppends(prepared, meta, this.headNow(), versions);
      this.commit(positioned);
      return { firstSeq: positioned[0]?.seq ?? 0, lastSeq: positioned.at(-1)?.seq ?? 0, versions, events: positioned };
    });
  }

  appendStored(events: StoredEvent[]): Promise<void> {
    return this.exclusive(async () => {
      const valid = validateStoredEvents(this.registry, events);
      const before = new Map<string, number>();
      for (const e of valid) if (!before.has(e.streamId)) before.set(e.streamId, await this.streamVersion(e.streamId));
      checkContinuity(valid, this.headNow(), (id) => before.get(id) ?? 0);
      const last = this.tail.at(-1) ?? (this.forkSeq > 0 ? (await this.base.readRange(this.forkSeq, this.forkSeq))[0] : undefined);
      checkCommandsContiguous(valid, last?.meta.commandId);
      this.commit(structuredClone(valid));
    });
  }

  /**
   * Adds events the caller has already validated and placed (sync's entry checker: schemas, seq and stream
   * versions, a command not yet in this branch), without checking and copying them a second time.
   */
  appendChecked(events: StoredEvent[]): Promise<void> {
    return this.exclusive(async () => this.commit(events));
  }

  async findCommand(commandId: string): Promise<AppendResult | undefined> {
    const range = this.tailCommands.get(commandId);
    if (range) return resultOfStoredCommand(this.tail.slice(range.firstSeq - this.forkSeq - 1, range.lastSeq - this.forkSeq));
    if (this.forkSeq === 0) return undefined;
    const found = await this.base.findCommand(commandId);
    // A command the base took after the fork is not in this branch.
    return found && found.lastSeq <= this.forkSeq ? found : undefined;
  }

  private commit(events: StoredEvent[], replaced = false): void {
    for (const e of events) {
      this.tail.push(e);
      const range = this.tailCommands.get(e.meta.commandId);
      if (!range) this.tailCommands.set(e.meta.commandId, { firstSeq: e.seq, lastSeq: e.seq });
      else if (range.lastSeq === e.seq - 1) range.lastSeq = e.seq;
      this.tailVersions.set(e.streamId, e.version);
    }
    const head = this.headNow();
    for (const l of this.listeners) l(head, { replaced });
  }

  private headNow(): number {
    return this.forkSeq + this.tail.length;
  }

  async readRange(from: number, to: number): Promise<StoredEvent[]> {
    const out = from <= this.forkSeq ? await this.base.readRange(from, Math.min(to, this.forkSeq)) : [];
    const lo = Math.max(from, this.forkSeq + 1);
    const hi = Math.min(to, this.headNow());
    for (let s = lo; s <= hi; s++) out.push(this.registry.upcast(this.tail[s - this.forkSeq - 1]));
    return out;
  }

  prefetch(from: number, to: number): void {
    if (from <= this.forkSeq) this.base.prefetch?.(from, Math.min(to, this.forkSeq));
  }

  async readStream(streamId: string, options: { fromVersion?: number; toSeq?: number } = {}): Promise<StoredEvent[]> {
    const toSeq = options.toSeq ?? Infinity;
    const out = this.forkSeq > 0 ? await this.base.readStream(streamId, { fromVersion: options.fromVersion, toSeq: Math.min(toSeq, this.forkSeq) }) : [];
    const fromVersion = options.fromVersion ?? 1;
    for (const e of this.tail) {
      if (e.streamId === streamId && e.version >= fromVersion && e.seq <= toSeq) out.push(this.registry.upcast(e));
    }
    return out;
  }

  async streamVersion(streamId: string): Promise<number> {
    const own = this.tailVersions.get(streamId);
    if (own !== undefined) return own;
    if (this.forkSeq === 0) return 0;
    let atFork = this.forkVersions.get(streamId);
    if (atFork === undefined && this.options.baseStill) {
      atFork = await this.base.streamVersion(streamId);
      this.forkVersions.set(streamId, atFork);
    }
    if (atFork === undefined) {
      const events = await this.base.readStream(streamId, { toSeq: this.forkSeq });
      atFork = events.at(-1)?.version ?? 0;
      this.forkVersions.set(streamId, atFork);
    }
    return atFork;
  }

  async headSeq(): Promise<number> {
    return this.headNow();
  }

  async logBytes(): Promise<number> {
    // The base's share up to the fork, by proportion (its exact bytes at a seq are not indexed).
    const baseHead = this.forkSeq > 0 ? await this.base.headSeq() : 0;
    const baseShare = baseHead > 0 ? ((await this.base.logBytes()) * this.forkSeq) / baseHead : 0;
    return Math.round(baseShare) + approxBytes(this.tail);
  }

  onAppended(listener: AppendListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Drops the base (fork 0) and holds `events` as the branch's whole log. */
  private replaceWith(events: StoredEvent[]): void {
    this.forkSeq = 0;
    this.tail = [];
    this.tailVersions.clear();
    this.tailCommands.clear();
    this.forkVersions.clear();
    this.commit(events, true);
  }

  replaceLog(events: StoredEvent[]): Promise<void> {
    return this.exclusive(async () => {
      const valid = validateStoredEvents(this.registry, events);
      checkContinuity(valid, 0, () => 0);
      checkCommandsContiguous(valid);
      this.replaceWith(structuredClone(valid));
    });
  }

  async stageLog(): Promise<LogStaging> {
    return memoryStaging(this.registry, (events, replace) =>
      this.exclusive(async () => {
        if (!replace && this.headNow() > 0) throw new ImportTargetNotEmpty(this.headNow());
        this.replaceWith(events);
        return events.length;
      }),
    );
  }
}

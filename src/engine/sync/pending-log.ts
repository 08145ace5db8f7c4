import { approxBytes, checkExpectedVersion, positionAppends, prepareAppends } from '../append-validation';
import { resultOfStoredCommand } from '../command-dedup';
import { EventDeskError } from '../errors';
import type { AppendMeta, AppendResult, StoredEvent, StreamAppend } from '../event-envelope';
import type { EventRegistry } from '../event-registry';
import type { AppendListener, EventStore } from '../event-store';
import type { LogStaging } from '../log-staging';
import type { PendingCommand, SyncStateStore } from './sync-state-store';
import { singleTab, type TabCoordination } from './tab-coordination';

/**
 * The log as the app sees it when sync may be on: the confirmed log (append-
 * only, identical on every device of the desk) followed by a tail of pending
 * local commands, which the desk has not confirmed yet.
 *
 * Unlinked (sync never configured) every call goes straight to the confirmed
 * log: the app behaves exactly as without sync. Linked, new commands go to
 * the tail (kept durably in the SyncStateStore, never in the log); LogSync
 * moves them into the confirmed log once the desk accepted them, and when the
 * desk moved first it rebuilds the tail by deciding the commands again. Only
 * the tail is ever rebuilt; the confirmed log is never updated or deleted.
 */
export class PendingLog implements EventStore {
  private tail: PendingCommand[] = [];
  private tailEvents: StoredEvent[] = [];
  private tailVersions = new Map<string, number>();
  private linkedFlag = false;
  private quiet = false;
  private lock: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<AppendListener>();
  private readonly pendingListeners = new Set<() => void>();

  constructor(
    readonly confirmed: EventStore,
    private readonly registry: EventRegistry,
    private readonly state: SyncStateStore,
    /** Other tabs of this browser over the same log (default: none). */
    private readonly tabs: TabCoordination = singleTab,
  ) {
    confirmed.onAppended((head, change) => {
      if (this.quiet) return;
      // Linked, the confirmed log grows only by sync, maybe in another tab: read the tail again first.
      if (this.linkedFlag && tabs !== singleTab) {
        void this.exclusive(async () => {})
          .then(async () => this.emit(await this.headSeq(), change.replaced))
          .catch(() => {}); // the log closed meanwhile: no one is left to tell
        return;
      }
      this.emit(head + this.tailEvents.length, change.replaced);
    });
    tabs.onAnnounce(() => void this.exclusive(async () => {}).catch(() => {}));
  }

  get linked(): boolean {
    return this.linkedFlag;
  }

  get pending(): readonly PendingCommand[] {
    return this.tail;
  }

  /** Sync on: new commands go to the tail. `pending` must continue the confirmed log (LogSync checks). */
  setLinked(linked: boolean, pending: PendingCommand[] = []): void {
    if (!linked && this.tail.length > 0) throw new EventDeskError('Commands are still waiting to upload; they would be lost.');
    const changed = linked !== this.linkedFlag;
    this.linkedFlag = linked;
    this.setTail(pending);
    if (changed) this.tabs.announce();
  }

  /**
   * Runs `fn` with no other append or sync step in between, in this tab or any
   * other tab of the browser; appends from the log's own listeners wait. With
   * several tabs the tail is read again first (another tab may have added a
   * command, or the sync confirmed or rebased some), and the others are told
   * when `fn` changed it.
   */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock
      .catch(() => {})
      .then(() =>
        this.tabs.withLock(async () => {
          if (this.tabs !== singleTab) await this.reloadTail();
          const before = this.tailSignature();
          const result = await fn();
          if (this.tailSignature() !== before) this.tabs.announce();
          return result;
        }),
      );
    this.lock = run;
    return run;
  }

  private tailSignature(): string {
    return signature(this.tail);
  }

  /** Takes the tail as stored (shared by the tabs); tells listeners what changed. */
  private async reloadTail(): Promise<void> {
    const { link, pending } = await this.state.load();
    if (link && !this.linkedFlag) this.linkedFlag = true;
    if (!this.linkedFlag || signature(pending) === this.tailSignature()) return;
    const confirmedHead = await this.confirmed.headSeq();
    // Not right after the confirmed log: a rebase is due, and the sync (in the leading tab) will do it.
    if (pending.length > 0 && pending[0].events[0]?.seq !== confirmedHead + 1) return;
    const before = new Map(this.tailEvents.map((e) => [e.seq, e.meta.commandId]));
    const known = new Set(this.tail.map((p) => p.commandId));
    this.setTail(pending);
    // Replaced when an event this tab showed now stands elsewhere (or is gone); appended when only new ones came.
    const now = new Map(this.tailEvents.map((e) => [e.seq, e.meta.commandId]));
    const lowest = Math.min(...before.keys());
    const confirmedNow = before.size && lowest <= confirmedHead ? await this.confirmed.readRange(lowest, confirmedHead) : [];
    for (const e of confirmedNow) now.set(e.seq, e.meta.commandId);
    const replaced = [...before].some(([seq, id]) => now.get(seq) !== id);
    if (!this.quiet) this.emit(await this.headSeq(), replaced);
    if (pending.some((p) => !known.has(p.commandId))) for (const l of this.pendingListeners) l();
  }

  /**
   * Sync steps change the confirmed log and the tail together: listeners hear
   * one announcement at the end (`replaced` when tail events changed position).
   */
  async quietly<T>(fn: () => Promise<T>): Promise<{ result: T; head: number }> {
    this.quiet = true;
    try {
      const result = await fn();
      return { result, head: await this.headSeq() };
    } finally {
      this.quiet = false;
    }
  }

  announce(head: number, replaced: boolean): void {
    this.emit(head, replaced);
  }

  /** Replaces the tail in memory (LogSync persists it). */
  setTail(pending: PendingCommand[]): void {
    this.tail = [...pending];
    this.tailEvents = pending.flatMap((p) => p.events);
    this.tailVersions.clear();
    for (const e of this.tailEvents) this.tailVersions.set(e.streamId, e.version);
  }

  /** Drops the first pending command from the tail; its events must already be in the confirmed log. */
  shiftConfirmed(): PendingCommand | undefined {
    const first = this.tail[0];
    if (first) this.setTail(this.tail.slice(1));
    return first;
  }

  /**
   * The tail as a store the CommandHandler can decide against and append to,
   * for use inside `exclusive` (where the public append would wait for itself).
   */
  tailWriter(persist: boolean): Pick<EventStore, 'readStream' | 'appendToStreams' | 'findCommand'> {
    return {
      readStream: (id, options) => this.readStream(id, options),
      findCommand: (id) => this.findCommand(id),
      appendToStreams: (appends, meta) => this.appendToTail(appends, meta, persist),
    };
  }

  async appendToStreams(appends: StreamAppend[], meta: AppendMeta): Promise<AppendResult> {
    if (!this.linkedFlag) return this.confirmed.appendToStreams(appends, meta);
    return this.exclusive(() => this.appendToTail(appends, meta, true));
  }

  /** A command this log holds, pending or confirmed (a retry of it writes nothing). */
  async findCommand(commandId: string): Promise<AppendResult | undefined> {
    const pending = this.tail.find((p) => p.commandId === commandId);
    if (pending) return resultOfStoredCommand(pending.events);
    return this.confirmed.findCommand(commandId);
  }

  private async appendToTail(appends: StreamAppend[], meta: AppendMeta, persist: boolean): Promise<AppendResult> {
    const known = await this.findCommand(meta.commandId);
    if (known) return known;
    const prepared = prepareAppends(this.registry, appends);
    const versions: Record<string, number> = {};
    for (const a of prepared) {
      const actual = this.tailVersions.get(a.streamId) ?? (await this.confirmed.streamVersion(a.streamId));
      checkExpectedVersion(a.streamId, a.expectedVersion, actual);
      versions[a.streamId] = actual;
    }
    const head = await this.headSeq();
    const { command, ...rest } = meta;
    const events = positionAppends(prepared, rest, head, { ...versions });
    const result: AppendResult = { firstSeq: events[0]?.seq ?? head, lastSeq: events.at(-1)?.seq ?? head, versions, events };
    if (events.length === 0) return result;
    const record: PendingCommand = { commandId: meta.commandId, command: command ?? null, meta: { ...rest, at: events[0].meta.at }, events };
    if (persist) await this.state.addPending(record);
    this.tail.push(record);
    for (const e of events) {
      this.tailEvents.push(e);
      this.tailVersions.set(e.streamId, e.version);
    }
    if (!this.quiet) this.emit(result.lastSeq, false);
    if (persist) for (const l of this.pendingListeners) l();
    return result;
  }

  appendStored(events: StoredEvent[]): Promise<void> {
    if (this.linkedFlag) return Promise.reject(new EventDeskError('This browser is linked to a sync desk: history comes from the desk. Disconnect and forget the desk first.'));
    return this.confirmed.appendStored(events);
  }

  replaceLog(events: StoredEvent[]): Promise<void> {
    if (this.linkedFlag) return Promise.reject(new EventDeskError('This browser is linked to a sync desk, so its log cannot be replaced by an import. Forget the desk first.'));
    return this.confirmed.replaceLog(events);
  }

  stageLog(): Promise<LogStaging> {
    if (this.linkedFlag) return Promise.reject(new EventDeskError('This browser is linked to a sync desk, so its log cannot be replaced by an import. Forget the desk first.'));
    return this.confirmed.stageLog();
  }

  async readRange(from: number, to: number): Promise<StoredEvent[]> {
    if (this.tailEvents.length === 0) return this.confirmed.readRange(from, to);
    const confirmedHead = this.tailEvents[0].seq - 1;
    const out = from <= confirmedHead ? await this.confirmed.readRange(from, Math.min(to, confirmedHead)) : [];
    for (const e of this.tailEvents) if (e.seq >= from && e.seq <= to) out.push(e);
    return out;
  }

  prefetch(from: number, to: number): void {
    this.confirmed.prefetch?.(from, to);
  }

  async readStream(streamId: string, options: { fromVersion?: number; toSeq?: number } = {}): Promise<StoredEvent[]> {
    const out = await this.confirmed.readStream(streamId, options);
    const fromVersion = options.fromVersion ?? 1;
    const toSeq = options.toSeq ?? Infinity;
    for (const e of this.tailEvents) {
      if (e.streamId === streamId && e.version >= fromVersion && e.seq <= toSeq) out.push(e);
    }
    return out;
  }

  async streamVersion(streamId: string): Promise<number> {
    return this.tailVersions.get(streamId) ?? this.confirmed.streamVersion(streamId);
  }

  async headSeq(): Promise<number> {
    return (await this.confirmed.headSeq()) + this.tailEvents.length;
  }

  /** Seq of the last confirmed event: everything after it is "not yet synced". */
  confirmedHead(): Promise<number> {
    return this.confirmed.headSeq();
  }

  async logBytes(): Promise<number> {
    return (await this.confirmed.logBytes()) + approxBytes(this.tailEvents);
  }

  /** Called after a new local command joined the tail (sync should push it). */
  onPendingAdded(listener: () => void): () => void {
    this.pendingListeners.add(listener);
    return () => this.pendingListeners.delete(listener);
  }

  onAppended(listener: AppendListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.tabs.close();
  }

  private emit(head: number, replaced: boolean): void {
    for (const l of this.listeners) l(head, { replaced });
  }
}

function signature(tail: readonly PendingCommand[]): string {
  return tail.map((p) => `${p.commandId}@${p.events[0]?.seq ?? 0}`).join(',');
}

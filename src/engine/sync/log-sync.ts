import type { CommandSpec } from '../command-handler';
import type { AlternativeCommand } from '../redecide';
import type { StoredEvent } from '../event-envelope';
import type { PendingLog } from './pending-log';
import type { EventRegistry } from '../event-registry';
import { applyDeskPage } from './apply-desk-page';
import { EntryChecker } from './entry-validation';
import { OutageClock } from './outage-clock';
import { pushHistory } from './push-history';
import { pushPending } from './push-pending';
import { rebaseTail } from './rebase-tail';
import { sealedSegments } from './segment-download';
import { publishSealedSegments } from './segment-publisher';
import type { AlteredCommand, PendingCommand, RejectedCommand, SyncLink, SyncStateStore } from './sync-state-store';
import { LONG_OUTAGE_MS, type ConnectOutcome, type SyncPhase, type SyncStatus } from './sync-status';
import { UpstreamUnavailable, type Upstream, type UpstreamEntry } from './upstream';

export { LONG_OUTAGE_MS, type ConnectOutcome, type SyncPhase, type SyncStatus } from './sync-status';

/** How often the views catch up during a long pull (every second cost a 50k pull ~30% more than every 5 s). */
const VIEWS_EVERY_MS = 5_000;

export interface LogSyncOptions {
  log: PendingLog;
  state: SyncStateStore;
  /** The spec that decides a stored command again, or undefined when it is not a command this app knows. */
  redecide(command: unknown): CommandSpec | undefined;
  /** What the domain does instead of a pending command it now refuses (see `AlternativeCommand`); none: refuse. */
  alternative?: AlternativeCommand;
  /** With it, every pulled entry is checked like an import line and by the deciders (sync/entry-validation.ts). */
  registry?: EventRegistry;
  /** Milliseconds between attempts while the server is unreachable. */
  retryMs?: number;
  /** Milliseconds between attempts while a cluster fails over (a server answers, the desk has no leader yet). */
  failoverRetryMs?: number;
  /** How long an outage lasts before it is announced (default LONG_OUTAGE_MS). */
  longOutageMs?: number;
}

/**
 * Push / pull / rebase between this device's log and a desk (the Upstream).
 *
 * - Pull applies desk entries in desk order to the confirmed log. An entry that
 *   is this device's own first pending command (same id, same positions) just
 *   confirms it. Any other entry takes the positions the pending tail held, so
 *   the tail is decided again, command by command, with the same pure deciders,
 *   against the new state; a command they now refuse leaves the tail and is kept
 *   as rejected (shown until dismissed).
 * - Push sends the first pending command with the desk head it was decided
 *   against; the desk refuses it if another device got there first (UpstreamMoved)
 *   — then pull, rebase, push again. The command id makes a retry after a lost
 *   ack a duplicate, never a second copy.
 * - Confirmed history that is not on the desk yet (a first connect to an empty
 *   desk) is pushed command by command before anything pending.
 */
export class LogSync {
  private upstream: Upstream | undefined;
  private link: SyncLink | undefined;
  private rejected: RejectedCommand[] = [];
  private altered: AlteredCommand[] = [];
  private needsRebase = false;
  /** Pending commands waiting for a rebase after restore (not in the log's tail until decided again). */
  private held: PendingCommand[] = [];
  private phase: SyncPhase = 'off';
  private message: string | undefined;
  private progress: SyncStatus['progress'];
  private confirmedSeq = 0;
  private wanted = false;
  private pullWanted = false;
  private running: Promise<void> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly outage = new OutageClock(
    () => this.o.longOutageMs ?? LONG_OUTAGE_MS,
    () => this.emitStatus(),
  );
  private stops: (() => void)[] = [];
  private readonly statusListeners = new Set<(s: SyncStatus) => void>();
  private readonly log: PendingLog;
  private readonly checker: EntryChecker | undefined;
  /** A long pull under way: the views hear of it now and then (see `announce`). */
  private bulkPull: { announcedAt: number; behind: number | undefined } | undefined;

  constructor(private readonly o: LogSyncOptions) {
    this.log = o.log;
    this.checker = o.registry ? new EntryChecker({ confirmed: o.log.confirmed, registry: o.registry, redecide: o.redecide }) : undefined;
    this.log.onPendingAdded(() => {
      this.emitStatus();
      // Only a new local command: push it at once; a desk that moved meanwhile refuses it (UpstreamMoved) and is pulled then.
      this.requestSync(false);
    });
  }

  /** Start-up: relink the log to its desk (if any) and repair what a crash between two writes left. */
  async restore(): Promise<void> {
    const { link, pending, rejected, altered } = await this.o.state.load();
    this.link = link;
    this.rejected = rejected;
    this.altered = altered;
    if (!link) return this.setPhase('off');
    const head = await this.log.confirmedHead();
    let tail = pending;
    if (tail.length > 0 && tail[0].events[0]?.seq !== head + 1) {
      // The confirmed log grew after the tail was placed (a crash between the log write and
      // the bookkeeping): drop what got confirmed, decide the rest again on the next round.
      const confirmedIds = new Set((await this.log.confirmed.readRange(link.confirmedSeq + 1, head)).map((e) => e.meta.commandId));
      tail = tail.filter((p) => !confirmedIds.has(p.commandId));
      this.needsRebase = true;
    }
    this.log.setLinked(true, this.needsRebase ? [] : tail);
    if (this.needsRebase) this.held = tail;
    this.confirmedSeq = head;
    this.setPhase('disconnected');
  }

  /** The current status; the same object until something changes (safe for useSyncExternalStore). */
  get status(): SyncStatus {
    return (this.snapshot ??= this.computeStatus());
  }

  private snapshot: SyncStatus | undefined;

  private computeStatus(): SyncStatus {
    return {
      phase: this.phase,
      desk: this.link?.desk,
      confirmedSeq: this.confirmedSeq,
      pending: this.log.pending.length + this.held.length,
      rejected: this.rejected,
      altered: this.altered,
      progress: this.progress,
      message: this.message,
      outageSince: this.outage.since,
      longOutage: this.outage.long,
      quarantined: this.link?.quarantined ?? [],
    };
  }

  /** The desk's server while connected (also while it is briefly unreachable). */
  get currentUpstream(): Upstream | undefined {
    return this.upstream;
  }

  get linkedDesk(): string | undefined {
    return this.link?.desk;
  }

  onStatus(listener: (s: SyncStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /**
   * Connects to a desk. First time: an empty desk takes this device's history,
   * an empty device takes the desk's; when both hold different histories nothing
   * is merged: 'diverged' (the caller may then `replaceWithDesk`).
   */
  async connect(upstream: Upstream, desk: string): Promise<ConnectOutcome> {
    await this.disconnect();
    this.upstream = upstream;
    this.setPhase('connecting');
    let info;
    try {
      info = await upstream.info();
    } catch (e) {
      if (this.link?.desk === desk && e instanceof UpstreamUnavailable) {
        // A desk we know: work offline and keep trying.
        this.watchUpstream(upstream);
        this.fail(e);
        return 'linked';
      }
      this.upstream = undefined;
      await upstream.close();
      this.setPhase(this.link ? 'disconnected' : 'off');
      throw e;
    }
    const head = await this.log.confirmedHead();
    const known = this.link?.desk === desk && this.link.deskId === info.deskId;
    if (!known) {
      const pending = this.log.pending.length + this.held.length;
      if (info.head > 0 && (head > 0 || pending > 0)) {
        this.message = `The desk "${desk}" and this browser hold different histories.`;
        this.setPhase('diverged');
        return 'diverged';
      }
      // An empty desk takes this history (pushed in the next round); an empty browser takes the desk's.
      this.link = { v: 1, desk, deskId: info.deskId, upstreamSeq: 0, confirmedSeq: 0 };
      await this.o.state.saveLink(this.link);
      if (!this.log.linked) this.log.setLinked(true);
    }
    this.watchUpstream(upstream);
    await this.syncNow();
    return 'linked';
  }

  /** The user chose the desk's history over this browser's: this browser's log (and anything pending) is replaced. */
  async replaceWithDesk(desk: string): Promise<void> {
    const upstream = this.upstream;
    if (!upstream) throw new UpstreamUnavailable(new Error('not connected'));
    const info = await upstream.info();
    const events: StoredEvent[] = [];
    let upstreamSeq = 0;
    for await (const page of upstream.read(1)) {
      for (const entry of page) {
        events.push(...entry.events);
        upstreamSeq = entry.seq;
      }
      this.setProgress({ direction: 'pull', done: upstreamSeq, total: info.head });
    }
    await this.log.exclusive(async () => {
      this.log.setTail([]);
      this.held = [];
      this.log.setLinked(false);
      await this.log.confirmed.replaceLog(events);
      this.link = { v: 1, desk, deskId: info.deskId, upstreamSeq, confirmedSeq: events.at(-1)?.seq ?? 0 };
      await this.o.state.replacePending([], []);
      await this.o.state.saveLink(this.link);
      this.log.setLinked(true);
    });
    this.progress = undefined;
    this.watchUpstream(upstream);
    await this.syncNow();
  }

  /**
   * Publishes the sealed segments the desk lacks from what this device has applied (any device may:
   * see segment-publisher.ts). One run at a time; resolves with how many it published.
   */
  publishSegments(): Promise<number> {
    const upstream = this.upstream;
    const link = this.link;
    if (!upstream || !link) return Promise.resolve(0);
    this.publishing ??= publishSealedSegments(upstream, link.upstreamSeq).finally(() => (this.publishing = undefined));
    return this.publishing;
  }

  private publishing: Promise<number> | undefined;

  /** Stops talking to the desk. Still linked: new commands stay pending until the next connect. */
  async disconnect(): Promise<void> {
    clearTimeout(this.retryTimer);
    this.stops.forEach((s) => s());
    this.stops = [];
    const upstream = this.upstream;
    this.upstream = undefined;
    await this.running?.catch(() => {});
    await upstream?.close().catch(() => {});
    this.outage.end();
    this.progress = undefined;
    this.setPhase(this.link ? 'disconnected' : 'off');
  }

  /** Unlinks this browser from its desk (only when nothing waits to upload); the log stays as it is. */
  async forget(): Promise<void> {
    await this.disconnect();
    this.log.setLinked(false);
    this.link = undefined;
    await this.o.state.saveLink(undefined);
    this.setPhase('off');
  }

  async dismissRejected(commandIds: string[]): Promise<void> {
    await this.o.state.dismissRejected(commandIds);
    this.rejected = this.rejected.filter((r) => !commandIds.includes(r.commandId));
    this.emitStatus();
  }

  async dismissAltered(commandIds: string[]): Promise<void> {
    await this.o.state.dismissAltered(commandIds);
    this.altered = this.altered.filter((a) => !commandIds.includes(a.commandId));
    this.emitStatus();
  }

  /**
   * Asks for a sync round soon (new local command, the desk moved, the network is back). `pull` false:
   * nothing says the desk moved, so the round pushes first (two fewer round trips before a command is out).
   */
  requestSync(pull = true): void {
    if (!this.upstream) return;
    this.wanted = true;
    this.pullWanted ||= pull;
    if (!this.running) this.running = this.loop().finally(() => (this.running = undefined));
  }

  /** A sync round now; resolves when this device has pushed and pulled everything (or is offline). */
  async syncNow(): Promise<void> {
    this.requestSync();
    while (this.running) await this.running;
  }

  private watchUpstream(upstream: Upstream): void {
    this.stops.push(
      upstream.watch(() => this.requestSync()),
      upstream.onConnection((up) => {
        if (up) this.requestSync();
        else this.fail(new UpstreamUnavailable(new Error('connection lost')));
      }),
    );
  }

  private async loop(): Promise<void> {
    while (this.wanted && this.upstream) {
      this.wanted = false;
      const pull = this.pullWanted;
      this.pullWanted = false;
      clearTimeout(this.retryTimer);
      try {
        await this.round(this.upstream, pull);
        this.progress = undefined;
        this.message = undefined;
        this.outage.end();
        this.setPhase(this.log.pending.length + this.held.length > 0 ? 'uploading' : 'synced');
        void this.publishSegments().catch(() => {}); // the next round tries again
      } catch (e) {
        this.fail(e);
        return;
      }
    }
  }

  private fail(e: unknown): void {
    this.progress = undefined;
    if (e instanceof UpstreamUnavailable) {
      this.message = e.message;
      this.outage.begin();
      // A failover is short: try again soon. Nothing is lost meanwhile: commands stay pending here.
      this.setPhase(e.transient ? 'reconnecting' : 'offline');
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => this.requestSync(), e.transient ? (this.o.failoverRetryMs ?? 500) : (this.o.retryMs ?? 2_000));
    } else {
      this.message = e instanceof Error ? e.message : String(e);
      this.setPhase('error');
    }
  }

  private async round(upstream: Upstream, pull: boolean): Promise<void> {
    const link = this.link;
    if (!link) return;
    if (pull || this.needsRebase || this.held.length > 0) await this.pull(upstream);
    await this.pushHistory(upstream);
    await pushPending(
      {
        log: this.log,
        state: this.o.state,
        checker: this.checker,
        link,
        currentLink: () => this.link!,
        pull: () => this.pull(upstream),
        apply: (entries) => this.apply(entries),
        confirmed: (confirmedLink) => (this.confirmedSeq = confirmedLink.confirmedSeq),
        emitStatus: () => this.emitStatus(),
      },
      upstream,
    );
    this.confirmedSeq = link.confirmedSeq;
  }

  private async pull(upstream: Upstream): Promise<void> {
    const link = this.link!;
    const total = (await upstream.info()).head;
    const big = total - link.upstreamSeq > 500;
    if (big) this.bulkPull = { announcedAt: performance.now(), behind: undefined };
    try {
      await this.pullEntries(upstream, total, big);
    } finally {
      const behind = this.bulkPull?.behind;
      this.bulkPull = undefined;
      if (behind !== undefined) this.log.announce(behind, false);
    }
  }

  private async pullEntries(upstream: Upstream, total: number, big: boolean): Promise<void> {
    const link = this.link!;
    // Sealed segments first (1,000 entries per download), then the command stream after them.
    for await (const entries of sealedSegments(upstream, link.upstreamSeq, total)) {
      await this.apply(entries);
      if (big) this.setProgress({ direction: 'pull', done: link.upstreamSeq, total });
      if (link.upstreamSeq !== entries.at(-1)?.seq) break;
    }
    for await (const page of upstream.read(link.upstreamSeq + 1)) {
      await this.apply(page);
      if (big) this.setProgress({ direction: 'pull', done: link.upstreamSeq, total });
    }
    if (this.needsRebase) await this.apply([]);
  }

  /** Applies desk entries to the confirmed log, in desk order; rebases the tail when they took its place (apply-desk-page.ts). */
  private async apply(entries: UpstreamEntry[]): Promise<void> {
    await applyDeskPage(
      {
        log: this.log,
        state: this.o.state,
        registry: this.o.registry,
        checker: this.checker,
        link: this.link!,
        held: () => this.held,
        needsRebase: () => this.needsRebase,
        rebase: (pending, refusedAlready) => this.rebase(pending, refusedAlready),
        applied: async (head, replaced) => {
          this.confirmedSeq = await this.log.confirmedHead();
          this.announce(head, replaced);
        },
      },
      entries,
    );
    this.emitStatus();
  }

  /**
   * Tells the views the log grew. During a long pull at most every VIEWS_EVERY_MS: each announcement
   * folds the new events into every view and renders, which cost more than the pull itself.
   */
  private announce(head: number, replaced: boolean): void {
    const bulk = this.bulkPull;
    if (!bulk || replaced || performance.now() - bulk.announcedAt >= VIEWS_EVERY_MS) {
      this.log.announce(head, replaced);
      if (bulk) [bulk.announcedAt, bulk.behind] = [performance.now(), undefined];
    } else bulk.behind = head;
  }

  /** Decides the pending commands again (rebase-tail.ts) and keeps what was refused or altered, until dismissed. */
  private async rebase(pending: PendingCommand[], refusedAlready: RejectedCommand[] = []): Promise<void> {
    this.held = [];
    this.needsRebase = false;
    const { refused, altered } = await rebaseTail(this.log, this.o, pending, refusedAlready, () => this.altered);
    this.rejected = [...this.rejected, ...refused];
    const alteredIds = new Set(altered.map((a) => a.commandId));
    if (altered.length) this.altered = [...this.altered.filter((a) => !alteredIds.has(a.commandId)), ...altered];
  }

  /** Confirmed events the desk does not have yet (this device's history, on a first connect to an empty desk). */
  private async pushHistory(upstream: Upstream): Promise<void> {
    const link = this.link!;
    await pushHistory(this.log, this.o.state, upstream, link, (progress) => {
      this.confirmedSeq = link.confirmedSeq;
      this.setProgress(progress);
    });
  }

  private setProgress(progress: SyncStatus['progress']): void {
    this.progress = progress;
    this.emitStatus();
  }

  private setPhase(phase: SyncPhase): void {
    this.phase = phase;
    this.emitStatus();
  }

  private emitStatus(): void {
    this.snapshot = undefined;
    const s = this.status;
    for (const l of this.statusListeners) l(s);
  }
}

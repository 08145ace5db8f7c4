import type { LogSync, SyncStatus } from '../../engine/sync/log-sync';
import type { TabChannel } from '../../engine/sync/tab-coordination';

/** What the tabs of one browser tell each other about sync. */
export type SyncTabMessage =
  | { type: 'status'; status: SyncStatus }
  /** A tab that just opened asks the leader for its status. */
  | { type: 'ask' }
  /** The user pressed "Disconnect" in a tab that does not run the sync. */
  | { type: 'disconnect' }
  | { type: 'dismiss'; list: 'rejected' | 'altered'; commandIds: string[] };

/** What the leading tab does when another tab asks. */
export interface LeaderActions {
  disconnect(): Promise<void>;
}

/**
 * The sync status every tab shows. Only the leading tab runs the sync (one
 * connection per browser); the others' LogSync stays "disconnected". So the
 * leader sends its status to the other tabs whenever it changes, and they
 * show that one — unless this tab runs a connection of its own.
 */
export class SharedSyncStatus {
  private leader = false;
  private remote: SyncStatus | undefined;
  private readonly listeners = new Set<(s: SyncStatus) => void>();
  private stopSending: (() => void) | undefined;
  private readonly stops: (() => void)[] = [];

  constructor(
    private readonly sync: LogSync,
    private readonly channel: TabChannel<SyncTabMessage>,
    private readonly actions: LeaderActions,
  ) {
    this.stops.push(
      sync.onStatus(() => this.emit()),
      channel.onMessage((m) => this.receive(m)),
    );
    channel.post({ type: 'ask' });
  }

  /** The status to show in this tab; the same object until it changes (safe for useSyncExternalStore). */
  get status(): SyncStatus {
    if (this.leader || this.sync.currentUpstream || !this.remote) return this.sync.status;
    return this.remote;
  }

  onStatus(listener: (s: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** This tab leads from now on: it runs the sync, and tells the others how it goes. */
  lead(): void {
    if (this.leader) return;
    this.leader = true;
    this.remote = undefined;
    this.stopSending = this.sync.onStatus((status) => this.channel.post({ type: 'status', status }));
    this.channel.post({ type: 'status', status: this.sync.status });
    this.emit();
  }

  /** "Disconnect" from any tab: the connection is the leader's (or this tab's own). */
  async disconnect(): Promise<void> {
    if (this.leader || this.sync.currentUpstream) return this.actions.disconnect();
    this.channel.post({ type: 'disconnect' });
  }

  /** Dismisses refused commands: stored for every tab, and the leader drops them from the status it sends. */
  async dismissRejected(commandIds: string[]): Promise<void> {
    await this.sync.dismissRejected(commandIds);
    if (!this.leader) this.channel.post({ type: 'dismiss', list: 'rejected', commandIds });
  }

  /** Dismisses the notices of renumbered orders (like dismissRejected). */
  async dismissAltered(commandIds: string[]): Promise<void> {
    await this.sync.dismissAltered(commandIds);
    if (!this.leader) this.channel.post({ type: 'dismiss', list: 'altered', commandIds });
  }

  close(): void {
    this.stopSending?.();
    this.stops.forEach((s) => s());
    this.channel.close();
  }

  private receive(m: SyncTabMessage): void {
    if (m.type === 'status') {
      if (this.leader) return;
      this.remote = m.status;
      this.emit();
      return;
    }
    if (!this.leader) return;
    if (m.type === 'ask') this.channel.post({ type: 'status', status: this.sync.status });
    if (m.type === 'disconnect') void this.actions.disconnect().catch(() => {});
    if (m.type === 'dismiss') void (m.list === 'altered' ? this.sync.dismissAltered(m.commandIds) : this.sync.dismissRejected(m.commandIds)).catch(() => {});
  }

  private emit(): void {
    const s = this.status;
    for (const l of this.listeners) l(s);
  }
}

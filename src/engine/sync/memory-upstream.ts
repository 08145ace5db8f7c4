import { newId } from '../command-handler';
import { MemoryLeaseStore, type LeaseStore } from './desk-lease';
import { MemoryBookmarkDesk, MemoryBookmarkUpstream, type BookmarkUpstream } from './bookmark-upstream';
import { decodeEntry } from './entry-validation';
import {
  UpstreamMoved,
  UpstreamUnavailable,
  encodePayload,
  type AppendAck,
  type Upstream,
  type UpstreamCommand,
  type UpstreamEntry,
  type UpstreamInfo,
} from './upstream';

/**
 * A desk held in memory: what a server would keep. Several MemoryUpstream
 * clients share one, like devices sharing a JetStream stream. Entries are
 * stored as their encoded payload, so nothing is shared by reference.
 */
export class MemoryDesk {
  readonly deskId = newId();
  readonly entries: string[] = [];
  private readonly ids = new Map<string, number>();
  readonly watchers = new Set<() => void>();
  /** Test switch: store the next N appends but lose their acks (the client sees a failure). */
  loseAcks = 0;
  readonly leases = new Map<string, MemoryLeaseStore>();
  readonly bookmarks = new MemoryBookmarkDesk();
  /** Sealed segments by number, as stored (the first copy of a number stays). */
  readonly segments = new Map<number, string>();
  /** Entries served by `read` so far (tests: what a pull took from the command stream). */
  entriesRead = 0;

  append(command: UpstreamCommand, expectedHead: number): AppendAck {
    const known = this.ids.get(command.commandId);
    if (known !== undefined) return { seq: known, duplicate: true };
    if (expectedHead !== this.entries.length) throw new UpstreamMoved(this.entries.length);
    this.entries.push(encodePayload(command));
    const seq = this.entries.length;
    this.ids.set(command.commandId, seq);
    queueMicrotask(() => this.watchers.forEach((w) => w()));
    return { seq, duplicate: false };
  }
}

export class MemoryUpstream implements Upstream {
  /** Test switch: this device cannot reach the server. */
  online = true;
  private readonly connection = new Set<(up: boolean) => void>();
  private readonly unwatch: (() => void)[] = [];

  constructor(
    readonly desk: MemoryDesk,
    private readonly pageSize = 100,
  ) {}

  /** Test switch: a server answers but the desk has no leader (a cluster electing one): a transient failure. */
  electing = false;

  private check(): void {
    if (!this.online) throw new UpstreamUnavailable(new Error('server offline'));
    if (this.electing) throw new UpstreamUnavailable(new Error('jetstream is not enabled'), true);
  }

  async info(): Promise<UpstreamInfo> {
    this.check();
    return { deskId: this.desk.deskId, head: this.desk.entries.length };
  }

  async append(command: UpstreamCommand, expectedHead: number): Promise<AppendAck> {
    this.check();
    const ack = this.desk.append(command, expectedHead);
    if (this.desk.loseAcks > 0 && !ack.duplicate) {
      this.desk.loseAcks--;
      throw new UpstreamUnavailable(new Error('timeout waiting for the ack'));
    }
    return ack;
  }

  async *read(from: number): AsyncIterable<UpstreamEntry[]> {
    this.check();
    const head = this.desk.entries.length;
    for (let start = Math.max(1, from); start <= head; start += this.pageSize) {
      this.check();
      const page: UpstreamEntry[] = [];
      for (let seq = start; seq <= Math.min(head, start + this.pageSize - 1); seq++) page.push(decodeEntry(this.desk.entries[seq - 1], seq));
      this.desk.entriesRead += page.length;
      yield page;
    }
  }

  bookmarks(): BookmarkUpstream {
    return new MemoryBookmarkUpstream(this.desk.bookmarks, () => this.online);
  }

  async readSegment(no: number): Promise<string | undefined> {
    this.check();
    return this.desk.segments.get(no);
  }

  async putSegment(no: number, text: string): Promise<void> {
    this.check();
    if (!this.desk.segments.has(no)) this.desk.segments.set(no, text);
  }

  async segmentCount(): Promise<number> {
    this.check();
    return this.desk.segments.size;
  }

  async messageAt(seq: number): Promise<string | undefined> {
    this.check();
    return this.desk.entries[seq - 1];
  }

  leaseStore(name: string): LeaseStore {
    let store = this.desk.leases.get(name);
    if (!store) this.desk.leases.set(name, (store = new MemoryLeaseStore()));
    const shared = store;
    // Through this device's connection: unreachable while it is offline.
    const via = <T>(fn: () => Promise<T>) => (this.online ? fn() : Promise.reject(new UpstreamUnavailable(new Error('server offline'))));
    return {
      get: () => via(() => shared.get()),
      create: (v) => via(() => shared.create(v)),
      update: (v, r) => via(() => shared.update(v, r)),
    };
  }

  watch(listener: () => void): () => void {
    const w = () => {
      if (this.online) listener();
    };
    this.desk.watchers.add(w);
    const stop = () => this.desk.watchers.delete(w);
    this.unwatch.push(stop);
    return stop;
  }

  onConnection(listener: (up: boolean) => void): () => void {
    this.connection.add(listener);
    return () => this.connection.delete(listener);
  }

  /** Test helper: the network comes back (or goes) — tells listeners like a real client would. */
  setOnline(up: boolean): void {
    this.online = up;
    this.connection.forEach((l) => l(up));
  }

  async close(): Promise<void> {
    this.unwatch.forEach((u) => u());
    this.connection.clear();
  }
}

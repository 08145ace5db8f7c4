import type { StoredEvent } from '../../engine/event-envelope';
import { LruCache } from '../../engine/lru-cache';

/**
 * Lazy, paged access to the log for the virtualized event log. Never reads the
 * whole log at once: rows are fetched in pages of PAGE_SIZE events (LRU-cached),
 * a stream filter uses the stream index, and a type filter scans the log in the
 * background (cancelled when the filter changes) to collect matching seqs.
 */

export const PAGE_SIZE = 200;
/** Events read per step of a type scan. */
export const SCAN_CHUNK = 2_000;
/** Up to this many new events are read incrementally instead of re-reading a stream. */
const INCREMENTAL_LIMIT = 2_000;

export interface LogReader {
  readRange(from: number, to: number): Promise<StoredEvent[]>;
  readStream(streamId: string, toSeq?: number): Promise<StoredEvent[]>;
}

export interface LogFilter {
  type: string;
  stream: string;
}

type Mode = 'all' | 'stream' | 'scan';

const yieldToBrowser = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class EventLogSource {
  private readonly pages: LruCache<number, StoredEvent[]>;
  /** Which log the cached pages belong to (EventDesk.logEpoch). */
  private epoch = 0;
  private readonly pending = new Set<number>();
  private readonly listeners = new Set<() => void>();
  private filter: LogFilter | null = null;
  private head = 0;
  private mode: Mode = 'all';
  /** Matching seqs (stream and scan modes), ascending. */
  private seqs: number[] = [];
  /** Matching events (stream mode only; the stream index gives them directly). */
  private events: StoredEvent[] = [];
  /** Highest seq examined by the stream / scan job. */
  private doneTo = 0;
  private job = 0;
  private busy = false;
  private version = 0;
  /** Scan progress 0..1 while a type scan runs, else null. */
  scanning: number | null = null;
  error: string | null = null;

  constructor(
    private readonly reader: LogReader,
    capacity = 50,
  ) {
    this.pages = new LruCache(capacity);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  private notify(): void {
    this.version++;
    for (const l of this.listeners) l();
  }

  /** Applies the filter and the log's head; restarts work only when needed. */
  configure(filter: LogFilter, head: number, epoch = 0): void {
    const same = this.filter && this.filter.type === filter.type && this.filter.stream === filter.stream;
    const replaced = epoch !== this.epoch;
    this.epoch = epoch;
    if (head < this.head || replaced) {
      // The log was replaced (import): nothing cached is valid.
      this.pages.clear();
      this.reset(filter, head);
      return;
    }
    if (!same) {
      this.reset(filter, head);
      return;
    }
    if (head === this.head) return;
    // A cached partial last page is re-read by ensure() once more of it exists.
    this.head = head;
    if (this.mode !== 'all') void this.work(this.job);
    this.notify();
  }

  /** Stops background work (unmount). */
  dispose(): void {
    this.job++;
    this.busy = false;
    this.filter = null;
  }

  private reset(filter: LogFilter, head: number): void {
    this.job++;
    this.busy = false;
    this.filter = { ...filter };
    this.head = head;
    this.mode = filter.stream ? 'stream' : filter.type ? 'scan' : 'all';
    this.seqs = [];
    this.events = [];
    this.doneTo = 0;
    this.error = null;
    this.scanning = this.mode === 'scan' && head > 0 ? 0 : null;
    if (this.mode !== 'all') void this.work(this.job);
    this.notify();
  }

  private matches(e: StoredEvent): boolean {
    const f = this.filter!;
    return (!f.type || e.type === f.type) && (!f.stream || e.streamId === f.stream);
  }

  /** Brings the stream / scan list up to the head; one loop per job. */
  private async work(job: number): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      while (job === this.job && this.doneTo < this.head) {
        const target = this.head;
        if (this.mode === 'stream' && (this.doneTo === 0 || target - this.doneTo > INCREMENTAL_LIMIT)) {
          const all = await this.reader.readStream(this.filter!.stream, target);
          if (job !== this.job) return;
          this.events = all.filter((e) => this.matches(e));
          this.seqs = this.events.map((e) => e.seq);
          this.doneTo = target;
        } else {
          const to = Math.min(target, this.doneTo + SCAN_CHUNK);
          const chunk = await this.reader.readRange(this.doneTo + 1, to);
          if (job !== this.job) return;
          for (const e of chunk) {
            if (!this.matches(e)) continue;
            this.seqs.push(e.seq);
            if (this.mode === 'stream') this.events.push(e);
          }
          this.doneTo = to;
          if (this.mode === 'scan') this.scanning = this.doneTo < this.head ? this.doneTo / this.head : null;
        }
        this.notify();
        // Let the page paint and handle input between chunks of a long scan.
        if (this.doneTo < this.head) await yieldToBrowser();
        if (job !== this.job) return;
      }
    } catch (e) {
      if (job === this.job) {
        this.error = e instanceof Error ? e.message : String(e);
        this.scanning = null;
        this.notify();
      }
    } finally {
      if (job === this.job) {
        this.busy = false;
        if (this.scanning !== null && this.doneTo >= this.head) {
          this.scanning = null;
          this.notify();
        }
      }
    }
  }

  get count(): number {
    return this.mode === 'all' ? this.head : this.seqs.length;
  }

  /** True once the list is complete up to the head. */
  get complete(): boolean {
    return this.mode === 'all' || (!this.busy && this.doneTo >= this.head);
  }

  seqAt(index: number): number | undefined {
    if (index < 0 || index >= this.count) return undefined;
    return this.mode === 'all' ? index + 1 : this.seqs[index];
  }

  /** Index of the last row whose seq is ≤ `seq` (-1 when none). */
  indexAtOrBefore(seq: number): number {
    if (this.mode === 'all') return Math.min(seq, this.head) - 1;
    let lo = 0;
    let hi = this.seqs.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.seqs[mid] <= seq) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  eventAt(index: number): StoredEvent | undefined {
    if (this.mode === 'stream') return this.events[index];
    const seq = this.seqAt(index);
    if (seq === undefined) return undefined;
    const page = this.pages.get(Math.floor((seq - 1) / PAGE_SIZE));
    return page?.[(seq - 1) % PAGE_SIZE];
  }

  /** Fetches the pages rows `start..end` need (not yet cached or loading). */
  ensure(start: number, end: number): void {
    if (this.mode === 'stream') return;
    const wanted = new Set<number>();
    for (let i = Math.max(0, start); i <= end && i < this.count; i++) {
      const seq = this.seqAt(i)!;
      wanted.add(Math.floor((seq - 1) / PAGE_SIZE));
    }
    for (const page of wanted) {
      const cached = this.pages.get(page);
      const needed = Math.min(PAGE_SIZE, this.head - page * PAGE_SIZE);
      if ((cached && cached.length >= needed) || this.pending.has(page)) continue;
      this.pending.add(page);
      const from = page * PAGE_SIZE + 1;
      void this.reader
        .readRange(from, from + PAGE_SIZE - 1)
        .then((events) => {
          this.pages.set(page, events);
          this.notify();
        })
        .catch((e: unknown) => {
          this.error = e instanceof Error ? e.message : String(e);
          this.notify();
        })
        .finally(() => this.pending.delete(page));
    }
  }
}

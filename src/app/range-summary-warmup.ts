import { SEGMENT_SIZE } from '../engine/dexie/eventdesk-db';

/**
 * Makes the range summaries of sealed segments that lack one while the page
 * is idle, so that the first Compare of a region reads summaries instead of
 * decoding its segments. Newest first: Compare is mostly used near the
 * recent past (B at or near the head), and the newest sealed segments are
 * the ones a previous session has not summarised yet.
 *
 * Small steps (one run of at most CHUNK_SEGMENTS per idle callback), and none
 * while the user is seeking, comparing or running a command, nor for QUIET_MS
 * after: those read the same tables and must not queue behind this work.
 */
export const CHUNK_SEGMENTS = 10;
/** A pause after the last seek / fold / command before the next chunk: a drag issues its seeks a few ms apart. */
export const QUIET_MS = 300;

export interface WarmupSource {
  /** Ids of sealed segments without a summary (of the current log). */
  missing(): Promise<number[]>;
  /** Makes (and stores) the summaries of segments first … last. */
  make(first: number, last: number): Promise<unknown>;
}

/** Runs `task` when the page is idle; returns a cancel. */
export type IdleScheduler = (task: () => void) => () => void;

export interface WarmupReport {
  /** Summaries made by this warmup since the desk started. */
  made: number;
  /** Time spent inside the chunks that made them (ms; not the idle gaps between). */
  workMs: number;
}

export class RangeSummaryWarmup {
  private active = 0;
  private lastActivity = -Infinity;
  private cancel: (() => void) | null = null;
  /** Bumped by a replace or a stop: a pass of an older generation quits. */
  private generation = 0;
  private running = false;
  /** Whole segments below the last head told to appended(): a pass is due when it grows. */
  private segmentsSeen = 0;
  private again = false;
  private stopped = true;
  private readonly report: WarmupReport = { made: 0, workMs: 0 };
  private done!: Promise<void>;
  private resolveDone!: () => void;

  constructor(
    private readonly source: WarmupSource,
    private readonly idle: IdleScheduler,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.resetDone();
  }

  /** Starts (or resumes) making what is missing. */
  start(): void {
    this.stopped = false;
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    this.running = false;
    this.generation++;
    this.cancel?.();
    this.cancel = null;
  }

  /** The log was replaced (an import): what the running pass listed is of the old log; list again. */
  replaced(): void {
    this.generation++;
    this.cancel?.();
    this.cancel = null;
    this.running = false;
    this.resetDone();
    if (!this.stopped) this.schedule();
  }

  /**
   * New events at `head` (a command, a pull): they count as user work (a
   * command's append is its write), and a newly sealed segment is looked for
   * once the current pass is over.
   */
  appended(head: number): void {
    this.lastActivity = this.now();
    const segments = Math.floor(head / SEGMENT_SIZE);
    if (segments <= this.segmentsSeen) return;
    this.segmentsSeen = segments;
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule();
  }

  /** Marks user work (a seek, a Compare fold, a command) for its whole duration: chunks wait until it is over. */
  during<T>(work: Promise<T>): Promise<T> {
    this.active++;
    this.lastActivity = this.now();
    const end = () => {
      this.active--;
      this.lastActivity = this.now();
    };
    work.then(end, end);
    return work;
  }

  /** Resolves when no sealed segment lacks a summary (after a replace: of the new log). */
  async ready(): Promise<WarmupReport> {
    await this.done;
    return { ...this.report };
  }

  private resetDone(): void {
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
  }

  private schedule(): void {
    if (this.running || this.stopped) return;
    this.running = true;
    this.again = false;
    void this.pass(this.generation);
  }

  private async pass(generation: number): Promise<void> {
    try {
      const missing = (await this.source.missing()).sort((a, b) => b - a);
      for (const [first, last] of runs(missing)) {
        if (!(await this.waitForIdle(generation))) return;
        const t0 = this.now();
        await this.source.make(first, last);
        this.report.workMs += this.now() - t0;
        this.report.made += last - first + 1;
      }
    } catch {
      // Derived data (a closed database, a damaged segment): the on-demand path makes what it needs.
      if (generation !== this.generation) return;
      this.running = false;
      this.resolveDone();
      return;
    }
    if (generation !== this.generation) return;
    this.running = false;
    if (this.again) this.schedule();
    else this.resolveDone();
  }

  /** Waits for an idle moment with no user work for QUIET_MS; false when this pass is superseded. */
  private async waitForIdle(generation: number): Promise<boolean> {
    for (;;) {
      await new Promise<void>((resolve) => {
        this.cancel = this.idle(resolve);
      });
      this.cancel = null;
      if (generation !== this.generation) return false;
      if (this.active === 0 && this.now() - this.lastActivity >= QUIET_MS) return true;
    }
  }
}

/** Descending ids as [first, last] runs of consecutive ids, newest run first, at most CHUNK_SEGMENTS each. */
export function runs(descending: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  let i = 0;
  while (i < descending.length) {
    const last = descending[i];
    let first = last;
    i++;
    while (i < descending.length && descending[i] === first - 1 && last - descending[i] < CHUNK_SEGMENTS) first = descending[i++];
    out.push([first, last]);
  }
  return out;
}

/** The browser's idle callback (a timeout so a busy page still gets there); a short timer where there is none. */
export const browserIdle: IdleScheduler = (task) => {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(() => task(), { timeout: 2_000 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(task, 50);
  return () => clearTimeout(id);
};

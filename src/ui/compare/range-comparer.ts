import { RangeFold, type RangeComparison } from '../../projections/range-comparison';
import type { ViewState } from '../../projections/view-projection';

export interface ComparisonState {
  /** The latest finished comparison of A and B (null before the first). */
  result: RangeComparison | null;
  /** B lies before A: the fold ran from B to A, so the result's "before" is B. */
  reversed: boolean;
  busy: boolean;
  error: string | null;
}

/** What a comparer needs from the desk: feed a fold the events up to `to`, stopping when told. */
export type FoldRange = (fold: RangeFold, to: number, current: () => boolean) => Promise<boolean>;

export const IDLE: ComparisonState = { result: null, reversed: false, busy: false, error: null };

/**
 * Keeps the comparison of A and B up to date as B moves (an external store for
 * React's useSyncExternalStore). While B moves forward from A the same fold
 * just continues, so dragging right reads only the new events. Latest wins: a
 * newer B stops an unfinished fold, which stays correct up to where it got.
 */
export class RangeComparer {
  private state: ComparisonState = IDLE;
  private readonly listeners = new Set<() => void>();
  private forward: { aView: ViewState; fold: RangeFold } | null = null;
  private token = 0;

  constructor(private readonly foldRange: FoldRange) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly snapshot = (): ComparisonState => this.state;

  private set(state: ComparisonState): void {
    this.state = state;
    for (const l of this.listeners) l();
  }

  /** Nothing to compare (compare closed). */
  clear(): void {
    this.token++;
    this.forward = null;
    if (this.state !== IDLE) this.set(IDLE);
  }

  /**
   * Compares A (`a`, state `aView`) with B (`b`). When B < A the fold starts at
   * B, so the state at B (`bView`) is needed; without it nothing changes.
   */
  compare(a: number, aView: ViewState, b: number, bView: ViewState | null): void {
    const token = ++this.token;
    const reversed = b < a;
    let fold: RangeFold;
    const kept = this.forward;
    if (!reversed && kept && kept.aView === aView && kept.fold.start.seq === a && kept.fold.position <= b) fold = kept.fold;
    else if (!reversed) fold = new RangeFold(aView, a);
    else if (bView) fold = new RangeFold(bView, b);
    else return;
    this.forward = reversed ? null : { aView, fold };
    const to = reversed ? a : b;
    const current = () => token === this.token;
    this.set({ ...this.state, busy: true, error: null });
    this.foldRange(fold, to, current).then(
      (done) => {
        if (done && current()) this.set({ result: fold.result(), reversed, busy: false, error: null });
      },
      (e: unknown) => {
        if (!current()) return;
        if (this.forward?.fold === fold) this.forward = null;
        this.set({ result: null, reversed, busy: false, error: e instanceof Error ? e.message : String(e) });
      },
    );
  }
}

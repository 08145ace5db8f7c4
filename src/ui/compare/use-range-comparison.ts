import { useEffect, useState, useSyncExternalStore } from 'react';
import type { CompareMark } from '../../store/desk-store';
import { useEventDesk, useShown } from '../../store/use-desk';
import { RangeComparer, type ComparisonState } from './range-comparer';

/** The comparison of A with B: B is the position on display, or the pinned one while the range's events are visited. */
export function useRangeComparison(mark: CompareMark | null): ComparisonState {
  const desk = useEventDesk();
  const [comparer] = useState(() => new RangeComparer((fold, to, current) => desk.foldRange(fold, to, current)));
  const state = useSyncExternalStore(comparer.subscribe, comparer.snapshot);
  const shownCursor = useShown((s) => s.cursor);
  const shownView = useShown((s) => s.view);
  const a = mark?.a ?? null;
  const aView = mark?.view ?? null;
  const b = mark ? (mark.pinnedB ?? shownCursor) : null;
  // The state at B, when it is the one on display (needed when B < A: the fold starts there).
  const bView = b === shownCursor ? shownView : null;

  useEffect(() => {
    if (a === null || aView === null || b === null) comparer.clear();
    else comparer.compare(a, aView, b, bView);
    // bView only matters when B changes: the same B with a newer state object is the same position.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [comparer, a, aView, b]);
  useEffect(() => () => comparer.clear(), [comparer]);

  return state;
}

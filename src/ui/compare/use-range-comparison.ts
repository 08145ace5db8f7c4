import { useEffect, useState, useSyncExternalStore } from 'react';
import type { CompareMark } from '../../store/desk-store';
import { useDesk, useEventDesk, useShown } from '../../store/use-desk';
import { RangeComparer, type ComparisonState } from './range-comparer';

/** B of a compare: the slider's position (where it is going, not yet where the views are), or the pinned one while the range's events are visited. */
export function useCompareB(mark: CompareMark | null): number | null {
  const target = useDesk((s) => s.target);
  return mark ? (mark.pinnedB ?? target) : null;
}

/** The comparison of A with B (see useCompareB). */
export function useRangeComparison(mark: CompareMark | null): ComparisonState {
  const desk = useEventDesk();
  const [comparer] = useState(() => new RangeComparer((fold, to, current) => desk.foldRange(fold, to, current)));
  const state = useSyncExternalStore(comparer.subscribe, comparer.snapshot);
  const shownCursor = useShown((s) => s.cursor);
  const shownView = useShown((s) => s.view);
  const a = mark?.a ?? null;
  const aView = mark?.view ?? null;
  // B is the slider, so a forward fold starts at once, alongside the seek that brings the views there.
  const b = useCompareB(mark);
  // The state at B, once the views show it: needed when B < A (the fold starts there), so that case waits for it.
  const bView = b === shownCursor ? shownView : null;
  const waitsForB = a !== null && b !== null && b < a && bView === null;

  useEffect(() => {
    if (a === null || aView === null || b === null) comparer.clear();
    else comparer.compare(a, aView, b, bView);
    // bView only matters when B changes or B < A gets its state: the same B with a newer state object is the same position.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [comparer, a, aView, b, waitsForB]);
  useEffect(() => () => comparer.clear(), [comparer]);

  return state;
}

import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { RowLayout } from './row-layout';

export interface WindowRow {
  index: number;
  start: number;
  size: number;
}

export interface RowWindow {
  /** Rows to render: those in the scroll element's viewport plus `overscan` on each side. */
  items: WindowRow[];
  /** Brings row `index` into view only if it is out of view, to the nearer edge. */
  scrollIntoView(index: number): void;
  scrollToTop(): void;
}

interface Viewport {
  top: number;
  height: number;
}

/** First and last row to render for a viewport; [0, -1] when none (no rows, or no size yet: jsdom without layout). */
function rangeOf(layout: RowLayout, v: Viewport, overscan: number): [number, number] {
  if (layout.count === 0 || v.height <= 0) return [0, -1];
  const first = Math.max(0, layout.indexAt(v.top) - overscan);
  const last = Math.min(layout.count - 1, layout.indexAt(v.top + v.height - 1) + overscan);
  return [first, last];
}

/**
 * The rows of `layout` that the scroll element shows. Re-renders only when a
 * scroll or resize changes which rows those are; the work per render is
 * O(rows shown), whatever the list's length.
 */
export function useRowWindow(scrollRef: RefObject<HTMLElement | null>, layout: RowLayout, overscan: number): RowWindow {
  const [viewport, setViewport] = useState<Viewport>({ top: 0, height: 0 });
  const layoutRef = useRef(layout);
  const rangeRef = useRef<[number, number]>([0, -1]);
  /**
   * The viewport as last read or set here. Bringing the slider's row into view works from these numbers, not
   * from the element: reading scrollTop or clientHeight right after React's commit forces a layout of the
   * page on every slider step (the virtualizer this replaced was chosen to avoid that: ~4 ms a step).
   */
  const viewRef = useRef<Viewport>({ top: 0, height: 0 });
  const show = useCallback(
    (next: Viewport) => {
      viewRef.current = next;
      const [first, last] = rangeOf(layoutRef.current, next, overscan);
      // A scroll within the same rows renders nothing.
      if (first !== rangeRef.current[0] || last !== rangeRef.current[1]) {
        rangeRef.current = [first, last];
        setViewport(next);
      }
    },
    [overscan],
  );
  // New rows (or taller ones) can bring rows into the viewport it already had.
  useLayoutEffect(() => {
    layoutRef.current = layout;
    show(viewRef.current);
  }, [layout, show]);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    show({ top: el.scrollTop, height: el.clientHeight });
    // A scroll event comes before the frame's layout: scrollTop is cheap there; the height comes from resizes.
    const onScroll = () => show({ top: el.scrollTop, height: viewRef.current.height });
    el.addEventListener('scroll', onScroll, { passive: true });
    const resize = typeof ResizeObserver === 'function' ? new ResizeObserver(() => show({ top: el.scrollTop, height: el.clientHeight })) : undefined;
    resize?.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      resize?.disconnect();
    };
  }, [scrollRef, show]);

  const [first, last] = rangeOf(layout, viewport, overscan);
  useEffect(() => {
    rangeRef.current = [first, last];
  }, [first, last]);

  const items: WindowRow[] = [];
  for (let i = first; i <= last; i++) items.push({ index: i, start: layout.start(i), size: layout.size(i) });

  const scrollIntoView = useCallback(
    (index: number) => {
      const el = scrollRef.current;
      const l = layoutRef.current;
      if (!el || index < 0 || index >= l.count) return;
      const v = viewRef.current;
      const start = l.start(index);
      const end = start + l.size(index);
      let top = v.top;
      if (start < v.top) top = start;
      else if (end > v.top + v.height) top = Math.max(0, end - v.height);
      else return;
      scrollElementTo(el, top);
      // The browser may clamp it; its scroll event then corrects the viewport.
      show({ top, height: v.height });
    },
    [scrollRef, show],
  );
  const scrollToTop = useCallback(() => {
    if (!scrollRef.current) return;
    scrollElementTo(scrollRef.current, 0);
    show({ top: 0, height: viewRef.current.height });
  }, [scrollRef, show]);
  return { items, scrollIntoView, scrollToTop };
}

function scrollElementTo(el: HTMLElement, top: number): void {
  // jsdom has no Element.scrollTo.
  if (typeof el.scrollTo === 'function') el.scrollTo({ top });
  else el.scrollTop = top;
}

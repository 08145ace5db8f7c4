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
  /** Reads the viewport again: after a scroll this hook made itself too (jsdom fires no scroll event for it). */
  const readRef = useRef<() => void>(() => {});
  useLayoutEffect(() => {
    layoutRef.current = layout;
  }, [layout]);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const read = () => {
      const next = { top: el.scrollTop, height: el.clientHeight };
      const [first, last] = rangeOf(layoutRef.current, next, overscan);
      // A scroll within the same rows renders nothing.
      if (first !== rangeRef.current[0] || last !== rangeRef.current[1]) setViewport(next);
    };
    readRef.current = read;
    read();
    el.addEventListener('scroll', read, { passive: true });
    const resize = typeof ResizeObserver === 'function' ? new ResizeObserver(read) : undefined;
    resize?.observe(el);
    return () => {
      el.removeEventListener('scroll', read);
      resize?.disconnect();
    };
  }, [scrollRef, overscan]);

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
      const start = l.start(index);
      const end = start + l.size(index);
      if (start < el.scrollTop) scrollElementTo(el, start);
      else if (end > el.scrollTop + el.clientHeight) scrollElementTo(el, end - el.clientHeight);
      readRef.current();
    },
    [scrollRef],
  );
  const scrollToTop = useCallback(() => {
    if (scrollRef.current) scrollElementTo(scrollRef.current, 0);
    readRef.current();
  }, [scrollRef]);
  return { items, scrollIntoView, scrollToTop };
}

function scrollElementTo(el: HTMLElement, top: number): void {
  // jsdom has no Element.scrollTo.
  if (typeof el.scrollTo === 'function') el.scrollTo({ top });
  else el.scrollTop = top;
}

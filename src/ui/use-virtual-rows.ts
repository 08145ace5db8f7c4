import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import type { RefObject } from 'react';

/** Rows rendered before the scroll element has a size. */
const FIRST_ROWS = 20;

/** Rows rendered beyond the visible ones on each side (also what jsdom, which has no layout, renders). */
const OVERSCAN = 10;

export interface VirtualRows {
  /** Indexes to render, in order, with their measured offsets. */
  items: { index: number; key: string | number | bigint; start: number; end: number }[];
  /** Space to leave above the first rendered row and below the last one, in px. */
  padTop: number;
  padBottom: number;
  /** Ref callback for a rendered row (it must carry data-index): measures rows whose height varies. */
  measure: (element: Element | null) => void;
}

/**
 * Renders a long list in O(rows on screen): only the rows inside the scroll
 * element's viewport (plus a few) exist in the DOM, and the rest is padding, so
 * a view costs the same at 100 rows or 100,000. Rows are keyed by `keyAt` so
 * measured heights follow a row when newer rows are added above it.
 */
export function useVirtualRows(count: number, scrollRef: RefObject<HTMLElement | null>, estimatePx: number, keyAt: (index: number) => string | number): VirtualRows {
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read fresh on every render
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => estimatePx,
    getItemKey: keyAt,
    overscan: OVERSCAN,
    // A scroll re-renders in a normal (batched) update, not flushSync inside the scroll handler.
    useFlushSync: false,
    measureElement: measureWithoutLayout,
  });
  let items: VirtualRows['items'] = virtualizer.getVirtualItems();
  // No viewport size yet (first render before the scroll element is laid out, or no layout at all): the first rows.
  if (items.length === 0 && count > 0) items = firstRows(Math.min(count, FIRST_ROWS), estimatePx, keyAt);
  const padTop = items.length ? items[0].start : 0;
  const padBottom = items.length ? Math.max(0, virtualizer.getTotalSize() - items[items.length - 1].end) : 0;
  return { items, padTop, padBottom, measure: virtualizer.measureElement };
}

/**
 * A row's height as the ResizeObserver reports it, after the browser's own layout. A row just mounted (no
 * entry yet) keeps the size known for its key, or the estimate: reading its box there (the library's
 * default) forces a synchronous layout of the whole page inside React's commit, on every slider step that
 * brings new rows into view.
 */
function measureWithoutLayout(element: Element, entry: ResizeObserverEntry | undefined, v: Virtualizer<HTMLElement, Element>): number {
  const box = entry?.borderBoxSize?.[0];
  if (box) return Math.round(box.blockSize);
  const index = v.indexFromElement(element);
  return v.itemSizeCache.get(v.options.getItemKey(index)) ?? v.options.estimateSize(index);
}

function firstRows(n: number, estimatePx: number, keyAt: (index: number) => string | number): VirtualRows['items'] {
  return Array.from({ length: n }, (_, index) => ({ index, key: keyAt(index), start: index * estimatePx, end: (index + 1) * estimatePx }));
}

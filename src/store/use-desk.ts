import { createContext, createElement, useContext, useDeferredValue, useMemo, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { EventDesk } from '../app/event-desk';
import type { ViewState } from '../projections/view-projection';
import type { DeskActions, DeskState, DeskStore } from './desk-store';

/** The React binding: a context for the store (and the desk, for reads the views make), and a selector hook. */
export const DeskContext = createContext<{ store: DeskStore; desk: EventDesk } | null>(null);

function useDeskContext() {
  const ctx = useContext(DeskContext);
  if (!ctx) throw new Error('useDesk must be used inside <DeskContext.Provider>.');
  return ctx;
}

export function useDesk<T>(selector: (s: DeskState & DeskActions) => T): T {
  return useStore(useDeskContext().store, selector);
}

/** Read access to the log for views that show events (event log, order detail, notifications). */
export function useEventDesk(): EventDesk {
  return useDeskContext().desk;
}

/** The state on display: a position and every view's state there. */
export interface Shown {
  cursor: number;
  view: ViewState;
}

const ShownContext = createContext<Shown | null>(null);

/**
 * Hands the views a deferred copy of what to show while the user looks at the
 * past, so React renders them in the background (interruptibly) while the
 * slider and keyboard stay at display rate; a newer position replaces an
 * unfinished render. At the live head the views render at once: a command's
 * result (or another tab's) is one update, and deferring it only let other
 * work run before the user saw it.
 */
export function ShownProvider({ children }: { children: ReactNode }) {
  const cursor = useDesk((s) => s.cursor);
  const view = useDesk((s) => s.view);
  const live = useDesk((s) => s.live);
  const shown = useMemo(() => ({ cursor, view }), [cursor, view]);
  const deferred = useDeferredValue(shown);
  return createElement(ShownContext.Provider, { value: live ? shown : deferred }, children);
}

/** Reads from what is on display. Outside a ShownProvider (isolated component tests) it reads the store directly. */
export function useShown<T>(selector: (shown: Shown) => T): T {
  const shown = useContext(ShownContext);
  const direct = useDesk((s) => (shown ? undefined : selector(s)));
  return shown ? selector(shown) : (direct as T);
}

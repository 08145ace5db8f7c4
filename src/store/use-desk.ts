import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { EventDesk } from '../app/event-desk';
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

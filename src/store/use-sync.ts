import { useSyncExternalStore } from 'react';
import type { SyncStatus } from '../engine/sync/log-sync';
import { useEventDesk } from './use-desk';

/** The desk's sync status (phase, pending, rejected, progress), live. */
export function useSyncStatus(): SyncStatus {
  const desk = useEventDesk();
  return useSyncExternalStore(
    (notify) => desk.sync.onStatus(notify),
    () => desk.sync.status,
  );
}

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

/**
 * Events after this seq are this device's own, not yet confirmed by the desk
 * ("not yet synced"); Infinity when sync is off. Re-renders only when it changes.
 */
export function useSyncedUpTo(): number {
  const desk = useEventDesk();
  return useSyncExternalStore(
    (notify) => desk.sync.onStatus(notify),
    () => (desk.sync.status.phase === 'off' ? Infinity : desk.sync.status.confirmedSeq),
  );
}

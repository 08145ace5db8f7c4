import { useSyncExternalStore } from 'react';
import type { SyncStatus } from '../engine/sync/log-sync';
import type { QuarantinedEntry } from '../engine/sync/entry-validation';
import { useEventDesk } from './use-desk';

/** The desk's sync status (phase, pending, rejected, progress), live — the leading tab's, in every tab. */
export function useSyncStatus(): SyncStatus {
  const desk = useEventDesk();
  return useSyncExternalStore(
    (notify) => desk.syncStatus.onStatus(notify),
    () => desk.syncStatus.status,
  );
}

/**
 * Events after this seq are this device's own, not yet confirmed by the desk
 * ("not yet synced"); Infinity when sync is off. Re-renders only when it changes.
 */
export function useSyncedUpTo(): number {
  const desk = useEventDesk();
  return useSyncExternalStore(
    (notify) => desk.syncStatus.onStatus(notify),
    () => (desk.syncStatus.status.phase === 'off' ? Infinity : desk.syncStatus.status.confirmedSeq),
  );
}

const NONE: readonly QuarantinedEntry[] = [];

/** Desk entries this device refused (quarantined), in desk order; one stable empty list when there are none. */
export function useQuarantined(): readonly QuarantinedEntry[] {
  const desk = useEventDesk();
  return useSyncExternalStore(
    (notify) => desk.syncStatus.onStatus(notify),
    () => (desk.syncStatus.status.quarantined.length ? desk.syncStatus.status.quarantined : NONE),
  );
}

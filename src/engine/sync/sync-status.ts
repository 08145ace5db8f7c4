import type { QuarantinedEntry } from './entry-validation';
import type { AlteredCommand, RejectedCommand } from './sync-state-store';

// What LogSync tells the app about itself (phases, counts, outage); kept apart so the UI imports no sync machinery.

export type SyncPhase = 'off' | 'connecting' | 'synced' | 'uploading' | 'reconnecting' | 'offline' | 'disconnected' | 'diverged' | 'error';

/** An outage longer than this is announced (an alert); a failover (4–7 s) is not. */
export const LONG_OUTAGE_MS = 30_000;

export interface SyncStatus {
  phase: SyncPhase;
  desk: string | undefined;
  /** Events in the confirmed log (identical on every device of the desk). */
  confirmedSeq: number;
  /** Local commands the desk has not confirmed yet. */
  pending: number;
  /** Pending commands the deciders refused after a rebase, until dismissed. */
  rejected: RejectedCommand[];
  /** Pending commands a rebase replaced by the domain's alternative (an order renumbered), until dismissed. */
  altered: AlteredCommand[];
  /** A long first download or upload. */
  progress: { direction: 'pull' | 'push'; done: number; total: number } | undefined;
  /** What went wrong (phase 'error' / 'diverged'). */
  message: string | undefined;
  /** When the desk stopped answering (phases 'reconnecting' / 'offline'), epoch ms. */
  outageSince: number | undefined;
  /** The outage has lasted over LONG_OUTAGE_MS: worth an alert (commands stay pending here). */
  longOutage: boolean;
  /** Desk entries refused by the checks, in desk order (the same on every device). */
  quarantined: QuarantinedEntry[];
}

export type ConnectOutcome = 'linked' | 'diverged';

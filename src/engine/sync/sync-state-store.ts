import type { QuarantinedEntry } from './entry-validation';
import type { AppendMeta, StoredEvent } from '../event-envelope';

/**
 * A local command the desk has not confirmed yet. It keeps the command itself
 * (not only its events), so that when the desk moves it can be decided again
 * against the new state.
 */
export interface PendingCommand {
  commandId: string;
  command: unknown;
  meta: AppendMeta & { at: number };
  /** Its events as this device currently places them, right after the confirmed log. */
  events: StoredEvent[];
}

/** A pending command the deciders refused after a rebase: kept and shown until the user dismisses it. */
export interface RejectedCommand {
  commandId: string;
  command: unknown;
  actor: string;
  /** When the user issued it. */
  at: number;
  /** The rule's message, for the user. */
  reason: string;
  rule: string;
  /** The rule's figures (to say it in the user's language). */
  params?: Record<string, string | number>;
  /** Confirmed events when it was refused (the state it was refused against). */
  atSeq: number;
}

/**
 * A pending command that a rebase replaced by the domain's alternative (an order placed under the
 * next free number because another device took its number first): the user is told until dismissed.
 */
export interface AlteredCommand {
  commandId: string;
  /** The command as the user issued it (the first version, over several rebases). */
  recorded: unknown;
  /** What was decided instead, as it now stands. */
  decided: unknown;
  actor: string;
  /** When the user issued it. */
  at: number;
}

/** Where this device is on which desk. */
export interface SyncLink {
  /** Format version of this record. */
  v: 1;
  desk: string;
  deskId: string;
  /** Desk entries applied to the confirmed log. */
  upstreamSeq: number;
  /** Events in the confirmed log when upstreamSeq was applied (to detect a crash between the two writes). */
  confirmedSeq: number;
  /** Desk entries refused by the checks (sync/entry-validation.ts), in desk order: applied nowhere, shown. */
  quarantined?: QuarantinedEntry[];
  /** A desk entry with a command was applied: from now on every entry must carry its command. */
  historyClosed?: boolean;
}

/**
 * Durable home of the sync bookkeeping — kept apart from the log itself: the
 * log holds confirmed events only and is never rewritten.
 */
export interface SyncStateStore {
  load(): Promise<{ link: SyncLink | undefined; pending: PendingCommand[]; rejected: RejectedCommand[]; altered: AlteredCommand[] }>;
  addPending(command: PendingCommand): Promise<void>;
  /** Replaces the pending list (after a rebase) and records newly refused (and altered) commands, in one write. */
  replacePending(pending: PendingCommand[], rejected: RejectedCommand[], altered?: AlteredCommand[]): Promise<void>;
  /** Saves the link and drops pending commands the desk has confirmed, in one write. */
  saveLink(link: SyncLink | undefined, confirmedIds?: string[]): Promise<void>;
  dismissRejected(commandIds: string[]): Promise<void>;
  dismissAltered(commandIds: string[]): Promise<void>;
}

export class MemorySyncStateStore implements SyncStateStore {
  link: SyncLink | undefined;
  pending: PendingCommand[] = [];
  rejected: RejectedCommand[] = [];
  altered: AlteredCommand[] = [];

  async load() {
    return structuredClone({ link: this.link, pending: this.pending, rejected: this.rejected, altered: this.altered });
  }

  async addPending(command: PendingCommand): Promise<void> {
    this.pending.push(structuredClone(command));
  }

  async replacePending(pending: PendingCommand[], rejected: RejectedCommand[], altered: AlteredCommand[] = []): Promise<void> {
    this.pending = structuredClone(pending);
    this.rejected.push(...structuredClone(rejected));
    const ids = new Set(altered.map((a) => a.commandId));
    this.altered = [...this.altered.filter((a) => !ids.has(a.commandId)), ...structuredClone(altered)];
  }

  async saveLink(link: SyncLink | undefined, confirmedIds: string[] = []): Promise<void> {
    this.link = structuredClone(link);
    this.pending = this.pending.filter((p) => !confirmedIds.includes(p.commandId));
  }

  async dismissRejected(commandIds: string[]): Promise<void> {
    this.rejected = this.rejected.filter((r) => !commandIds.includes(r.commandId));
  }

  async dismissAltered(commandIds: string[]): Promise<void> {
    this.altered = this.altered.filter((a) => !commandIds.includes(a.commandId));
  }
}

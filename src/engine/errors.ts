/**
 * Typed errors. Each carries a message a person can read; callers branch on
 * `instanceof` (or `name`, which survives structured cloning across tabs).
 */

export class EventDeskError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

// A production build renames classes (new.target.name becomes "T"), and callers branch on `name`:
// each error below states its own, as a field (set right after super(), over the constructor's).

/** The stream moved on since its state was read. Retrying against fresh state usually resolves it. */
export class ExpectedVersionConflict extends EventDeskError {
  override readonly name = 'ExpectedVersionConflict';
  constructor(
    readonly streamId: string,
    readonly expected: number | 'no_stream' | 'any',
    readonly actual: number,
  ) {
    super(
      `Stream "${streamId}" is at version ${actual}, but version ${String(expected)} was expected — someone else changed it first.`,
    );
  }
}

/** A domain rule said no. The message is meant for the user; nothing was written. */
export class DomainRuleViolation extends EventDeskError {
  override readonly name = 'DomainRuleViolation';
  constructor(
    readonly rule: string,
    message: string,
    /** The figures in the message, so a view can say it in the user's language. */
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
  }
}

export class UnknownEventType extends EventDeskError {
  override readonly name = 'UnknownEventType';
  constructor(readonly type: string) {
    super(`Unknown event type "${type}". It is not registered, so it cannot be stored or replayed.`);
  }
}

export class InvalidEventPayload extends EventDeskError {
  override readonly name = 'InvalidEventPayload';
  constructor(
    readonly type: string,
    readonly reason: string,
  ) {
    super(`Invalid payload for ${type}: ${reason}`);
  }
}

/** The IndexedDB transaction aborted; by IndexedDB's guarantee nothing of it was written. */
export class TransactionAborted extends EventDeskError {
  override readonly name = 'TransactionAborted';
  constructor(readonly cause: unknown) {
    super(`The write was aborted and nothing was saved: ${describe(cause)}`);
  }
}

/** The browser refused to store more. Nothing of the failed write was saved. */
export class StorageQuotaExceeded extends EventDeskError {
  override readonly name = 'StorageQuotaExceeded';
  constructor(readonly cause: unknown) {
    super('The browser has no more storage space for EventDesk. Nothing of this change was saved; free some space or export and trim the data.');
  }
}

/** A command kept conflicting after every retry. */
export class TooManyConflicts extends EventDeskError {
  override readonly name = 'TooManyConflicts';
  constructor(readonly attempts: number) {
    super(`The change could not be saved after ${attempts} attempts because other changes kept arriving. Please try again.`);
  }
}

/**
 * Stored events that cannot be read back as written (checksum mismatch, cut
 * JSON, a payload that fails its schema). Events before `from` are intact.
 */
export class LogDamaged extends EventDeskError {
  override readonly name = 'LogDamaged';
  constructor(
    readonly from: number,
    readonly to: number,
    readonly reason: string,
  ) {
    super(
      `The event log is damaged at events ${from.toLocaleString('en-US')}–${to.toLocaleString('en-US')} (${reason}). ` +
        (from > 1 ? `Events 1–${(from - 1).toLocaleString('en-US')} are intact and can be exported.` : 'No earlier events are intact.'),
    );
  }
}

export function describe(cause: unknown): string {
  if (cause instanceof Error) return cause.message || cause.name;
  return String(cause);
}

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

/** The stream moved on since its state was read. Retrying against fresh state usually resolves it. */
export class ExpectedVersionConflict extends EventDeskError {
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
  constructor(readonly type: string) {
    super(`Unknown event type "${type}". It is not registered, so it cannot be stored or replayed.`);
  }
}

export class InvalidEventPayload extends EventDeskError {
  constructor(
    readonly type: string,
    readonly reason: string,
  ) {
    super(`Invalid payload for ${type}: ${reason}`);
  }
}

/** The IndexedDB transaction aborted; by IndexedDB's guarantee nothing of it was written. */
export class TransactionAborted extends EventDeskError {
  constructor(readonly cause: unknown) {
    super(`The write was aborted and nothing was saved: ${describe(cause)}`);
  }
}

/** The browser refused to store more. Nothing of the failed write was saved. */
export class StorageQuotaExceeded extends EventDeskError {
  constructor(readonly cause: unknown) {
    super('The browser has no more storage space for EventDesk. Nothing of this change was saved; free some space or export and trim the data.');
  }
}

/** A command kept conflicting after every retry. */
export class TooManyConflicts extends EventDeskError {
  constructor(readonly attempts: number) {
    super(`The change could not be saved after ${attempts} attempts because other changes kept arriving. Please try again.`);
  }
}

/**
 * Stored events that cannot be read back as written (checksum mismatch, cut
 * JSON, a payload that fails its schema). Events before `from` are intact.
 */
export class LogDamaged extends EventDeskError {
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

/**
 * The shape of an event as the log stores it. Everything above the engine
 * sees only these types; how they are laid out on disk is the store's business.
 */

/** Who did it and why — kept on every event for audit and causation tracing. */
export interface EventMeta {
  /** Wall-clock time of the append, epoch milliseconds. */
  at: number;
  /** The user or process that issued the command ("me", "executor", …). */
  actor: string;
  /** Id of the command that produced this event; events of one command share it. */
  commandId: string;
  /** Groups everything that happened because of one user intent. */
  correlationId: string;
  /** The command or event that directly caused this one. */
  causationId: string;
}

/** An event as a decider produces it: no position yet. */
export interface NewEvent<T extends string = string, D = unknown> {
  type: T;
  data: D;
  /** Defaults to the registry's current schema version for the type. */
  schemaVersion?: number;
}

/** An event as read back from the log. */
export interface StoredEvent<T extends string = string, D = unknown> {
  /** Global position, 1-based, gap-free, strictly increasing across all streams. */
  seq: number;
  streamId: string;
  /** Position within its stream, 1-based. */
  version: number;
  type: T;
  schemaVersion: number;
  data: D;
  meta: EventMeta;
}

/** Expected version of a stream when appending. */
export type ExpectedVersion = number | 'no_stream' | 'any';

/** One stream's part of an atomic append. */
export interface StreamAppend {
  streamId: string;
  events: NewEvent[];
  expectedVersion: ExpectedVersion;
}

/** Meta the caller supplies; `at` may be given (imports, demo data) or is set by the store. */
export type AppendMeta = Omit<EventMeta, 'at'> & {
  at?: number;
  /**
   * The command as issued. Never stored in events; a log that may have to
   * decide the command again (sync's pending tail, after the desk moved) keeps it.
   */
  command?: unknown;
};

export interface AppendResult {
  /** Seq of the first and last event written. */
  firstSeq: number;
  lastSeq: number;
  /** New version of every stream written to. */
  versions: Record<string, number>;
  /** The events as stored, so the writer can fold them without reading them back. */
  events: StoredEvent[];
  /**
   * Set when the log already held a command with this `meta.commandId`:
   * nothing was written and the fields above describe that first command.
   */
  duplicate?: boolean;
}

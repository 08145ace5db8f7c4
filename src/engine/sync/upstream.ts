import { EventDeskError } from '../errors';
import type { StoredEvent } from '../event-envelope';
import type { LeaseStore } from './desk-lease';
import type { BookmarkUpstream } from './bookmark-upstream';

/**
 * The port through which a device shares its log with a desk: an ordered,
 * append-only list of commands held elsewhere (a NATS JetStream stream, or
 * memory in tests). Upstream order is the global order of commands; every
 * device applies the same entries in the same order, so every confirmed log
 * is identical. Both adapters pass tests/sync/upstream.contract.ts.
 */
export interface UpstreamCommand {
  /** The command's id: the same on every device and on every retry, so a retry is stored once. */
  commandId: string;
  /** The command as issued (to re-decide it), or null for history decided before the desk existed. */
  command: unknown;
  /** All of the command's events, positioned as they are in every confirmed log. */
  events: StoredEvent[];
}

export interface UpstreamEntry extends UpstreamCommand {
  /** Position on the desk, 1-based, gap-free. */
  seq: number;
  /** Why the message is not an EventDesk command at all (sync/entry-validation.ts); it then has no events. */
  invalid?: string;
  /** The message exactly as the desk holds it (what a sealed segment is built from). */
  raw?: string;
}

export interface UpstreamInfo {
  /** Identifies this desk's log (it changes if the desk is deleted and created again). */
  deskId: string;
  /** Seq of the last entry (0 when empty). */
  head: number;
}

export interface AppendAck {
  seq: number;
  /** The command id was already stored (a retry): `seq` is where the first copy is. */
  duplicate: boolean;
}

export interface Upstream {
  info(): Promise<UpstreamInfo>;
  /**
   * Stores one command if the desk's head is still `expectedHead`.
   * Throws UpstreamMoved (nothing stored) when it is not — unless the same
   * command id is already stored, which answers with that first copy.
   */
  append(command: UpstreamCommand, expectedHead: number): Promise<AppendAck>;
  /** Entries with seq ≥ from, ascending, in pages, up to the head when the read began. */
  read(from: number): AsyncIterable<UpstreamEntry[]>;
  /** Sealed segment `no` (sync/desk-segment.ts) as stored, or undefined when the desk holds none. */
  readSegment(no: number): Promise<string | undefined>;
  /** Stores segment `no` unless the desk already holds one under that number: the first copy stays. */
  putSegment(no: number, text: string): Promise<void>;
  /** How many segments the desk holds (published in order, so numbers 0 … count-1; only a hint). */
  segmentCount(): Promise<number>;
  /** The message at desk position `seq`, exactly as stored, or undefined (to check a segment against). */
  messageAt(seq: number): Promise<string | undefined>;
  /** Called when the desk may have moved (another device appended). */
  watch(listener: () => void): () => void;
  /** A compare-and-set record on the desk's server, named `name` (the executor's lease). */
  leaseStore(name: string): LeaseStore;
  /** The desk's bookmarks, beside its log (absent: this desk keeps none). */
  bookmarks?(): BookmarkUpstream;
  /** Called when the connection is lost (false) or back (true). */
  onConnection(listener: (up: boolean) => void): () => void;
  close(): Promise<void>;
}

/** Another device appended first: pull up to `head`, rebase, push again. */
export class UpstreamMoved extends EventDeskError {
  constructor(readonly head: number) {
    super(`The desk moved on to ${head} commands since this device last pulled.`);
  }
}

/**
 * The server cannot be reached (or refused the request): try again later; nothing was lost locally.
 * `transient`: a server answers but the desk cannot take writes for a moment (a cluster electing a
 * new leader, a client moving to another node) — "reconnecting", not "offline".
 */
export class UpstreamUnavailable extends EventDeskError {
  constructor(
    readonly cause: unknown,
    readonly transient = false,
  ) {
    super(`The sync server cannot be reached: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/** The server refused these credentials for this desk (wrong password, or another desk's user): retrying cannot help. */
export class UpstreamRefused extends EventDeskError {
  constructor(
    readonly desk: string,
    readonly cause: unknown,
  ) {
    super(`The server refused access to desk "${desk}" with these credentials (${cause instanceof Error ? cause.message : String(cause)}). Nothing was written.`);
  }
}

/** The server cannot take a message this large (nats-server's max_payload, 1 MB by default): the segment is not published. */
export class SegmentTooLarge extends EventDeskError {
  constructor(
    readonly no: number,
    readonly maxBytes: number,
  ) {
    super(`Segment ${no} is larger than the server takes (${maxBytes} bytes).`);
  }
}

/** The desk's log does not continue this device's confirmed log. */
export class UpstreamDiverged extends EventDeskError {}

/** The wire format of one entry's payload; versioned like everything stored. */
export const UPSTREAM_PAYLOAD_VERSION = 1;

export interface UpstreamPayload extends UpstreamCommand {
  v: typeof UPSTREAM_PAYLOAD_VERSION;
}

export function encodePayload(command: UpstreamCommand): string {
  const payload: UpstreamPayload = { v: UPSTREAM_PAYLOAD_VERSION, commandId: command.commandId, command: command.command, events: command.events };
  return JSON.stringify(payload);
}

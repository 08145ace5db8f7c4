import { prepareAppends, positionAppends } from '../append-validation';
import { CommandHandler, type CommandSpec } from '../command-handler';
import { DomainRuleViolation } from '../errors';
import { findForbiddenKey, parseEnvelope, utf8Length, validatePayload } from '../event-checks';
import type { AppendResult, StoredEvent, StreamAppend } from '../event-envelope';
import type { EventRegistry } from '../event-registry';
import type { EventStore } from '../event-store';
import { UPSTREAM_PAYLOAD_VERSION, type UpstreamEntry } from './upstream';

/**
 * A device with valid credentials can still publish garbage. Every device checks
 * every desk entry it pulls with the import's rules (engine/event-checks.ts) and
 * the deciders' verdict, against its confirmed log — which is identical on every
 * device — so every device reaches the same verdict about the same entry, and a
 * refused entry is quarantined at its desk position everywhere alike, applying
 * nothing. The logs stay identical.
 */

/** A command message larger than this is refused (the import's per-line limit; nats-server's max_payload is 1 MB too). */
export const MAX_ENTRY_BYTES = 1024 * 1024;
/** More events than this in one command is not something EventDesk's deciders produce. */
export const MAX_ENTRY_EVENTS = 10_000;
const MAX_COMMAND_ID_LENGTH = 200;

/** A desk entry refused by the checks: kept with its position and reason, shown to the user, applied nowhere. */
export interface QuarantinedEntry {
  /** Its position on the desk. */
  upstreamSeq: number;
  /** The confirmed log's last event when it was refused (where it would have gone). */
  afterSeq: number;
  /** The id it claimed ('' when it had none). */
  commandId: string;
  reason: string;
}

/**
 * One desk message as an entry. Never throws: a message that is not a well-formed
 * EventDesk command comes back with `invalid` set and no events.
 */
export function decodeEntry(text: string, seq: number): UpstreamEntry {
  const refuse = (reason: string, commandId = ''): UpstreamEntry => ({ seq, commandId, command: null, events: [], invalid: reason, raw: text });
  const bytes = utf8Length(text, MAX_ENTRY_BYTES);
  if (bytes > MAX_ENTRY_BYTES) return refuse(`the message is larger than ${MAX_ENTRY_BYTES / 1024 / 1024} MB`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return refuse(`not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return refuse('not an EventDesk command (not an object)');
  const hostile = findForbiddenKey(raw);
  const p = raw as Record<string, unknown>;
  const commandId = typeof p.commandId === 'string' ? p.commandId.slice(0, MAX_COMMAND_ID_LENGTH) : '';
  if (hostile !== null) return refuse(`forbidden key "${hostile}" (__proto__, constructor and prototype are refused)`, commandId);
  if (p.v !== UPSTREAM_PAYLOAD_VERSION) return refuse(`not an EventDesk command (payload version ${String(p.v)})`, commandId);
  if (typeof p.commandId !== 'string' || p.commandId.length === 0 || p.commandId.length > MAX_COMMAND_ID_LENGTH) return refuse('the command has no valid id');
  if (!Array.isArray(p.events) || p.events.length === 0) return refuse('the command carries no events', commandId);
  if (p.events.length > MAX_ENTRY_EVENTS) return refuse(`the command carries more than ${MAX_ENTRY_EVENTS} events`, commandId);
  const events: StoredEvent[] = [];
  for (const [i, e] of p.events.entries()) {
    const shaped = parseEnvelope(e);
    if ('reason' in shaped) return refuse(`event ${i + 1}: ${shaped.reason}`, commandId);
    if (shaped.envelope.meta.commandId !== commandId) return refuse(`event ${i + 1} belongs to another command`, commandId);
    events.push(shaped.envelope);
  }
  return { seq, commandId, command: p.command ?? null, events, raw: text };
}

export interface EntryCheckerOptions {
  /** The confirmed log (identical on every device): what every verdict is reached against. */
  confirmed: EventStore;
  registry: EventRegistry;
  redecide(command: unknown): CommandSpec | undefined;
}

export type Verdict = { events: StoredEvent[] } | { reason: string };

/** The checks that need the log: positions, schemas, duplicates, and the deciders' verdict. */
export class EntryChecker {
  /** One handler for every verdict: it keeps each stream's state and reads only what is new. */
  private handler: CommandHandler;
  private captured: StreamAppend[] = [];
  /** What verdicts read: the confirmed log, or a page's view of it (see `over`). */
  private source: EventStore;

  constructor(private readonly o: EntryCheckerOptions) {
    this.source = o.confirmed;
    this.handler = this.dryRunHandler();
  }

  /**
   * Verdicts inside `fn` read `view`: the confirmed log plus the entries of a pulled page accepted so far,
   * which are written to the log in one go after the page. If that write does not happen, the handler's
   * cached stream states may hold events the log never got, so they are dropped.
   */
  async over<T>(view: EventStore, fn: () => Promise<T>): Promise<T> {
    this.source = view;
    try {
      return await fn();
    } catch (e) {
      this.handler = this.dryRunHandler();
      throw e;
    } finally {
      this.source = this.o.confirmed;
    }
  }

  private dryRunHandler(): CommandHandler {
    const dryRun = {
      readStream: (id: string, options?: { fromVersion?: number; toSeq?: number }) => this.source.readStream(id, options),
      findCommand: async () => undefined,
      appendToStreams: async (appends: StreamAppend[]): Promise<AppendResult> => {
        this.captured = appends;
        return { firstSeq: 0, lastSeq: 0, versions: {}, events: [] };
      },
    };
    return new CommandHandler(dryRun as unknown as EventStore, { maxAttempts: 1 });
  }

  /**
   * `historyOpen`: no desk entry with a command has been applied yet, so entries without one
   * (a browser's history uploaded to an empty desk) are still accepted; afterwards every entry
   * must carry the command its events came from, so the deciders can check it.
   */
  async verdict(entry: UpstreamEntry, historyOpen: boolean): Promise<Verdict> {
    if (entry.invalid !== undefined) return { reason: entry.invalid };
    const head = await this.source.headSeq();
    const events: StoredEvent[] = [];
    const versions = new Map<string, number>();
    for (const [i, e] of entry.events.entries()) {
      if (e.seq !== head + 1 + i) return { reason: `event ${i + 1} is at seq ${e.seq}, but the log continues at ${head + 1 + i}` };
      const version = (versions.get(e.streamId) ?? (await this.source.streamVersion(e.streamId))) + 1;
      if (e.version !== version) return { reason: `event ${i + 1} is version ${e.version} of "${e.streamId}", which is at ${version - 1}` };
      versions.set(e.streamId, version);
      const checked = validatePayload(this.o.registry, e);
      if ('reason' in checked) return { reason: `event ${i + 1}: ${checked.reason}` };
      events.push(checked.event);
    }
    const first = await this.source.findCommand(entry.commandId);
    if (first) return { reason: `command id ${entry.commandId} is already in the log (event ${first.firstSeq}): a replay` };
    if (entry.command === null || entry.command === undefined) {
      return historyOpen ? { events } : { reason: 'no command to check it against (history is only taken from a browser while the desk is new)' };
    }
    if (findForbiddenKey(entry.command) !== null) return { reason: 'forbidden key in the command' };
    const spec = this.o.redecide(entry.command);
    if (!spec) return { reason: 'not a command this app knows' };
    return this.decidedAlike(spec, entry, events);
  }

  /** The deciders decide the command again against the confirmed log: they must accept it and produce the same events. */
  private async decidedAlike(spec: CommandSpec, entry: UpstreamEntry, events: StoredEvent[]): Promise<Verdict> {
    this.captured = [];
    const meta = events[0].meta;
    try {
      await this.handler.handle(spec, { ...meta, command: entry.command });
    } catch (e) {
      if (e instanceof DomainRuleViolation) return { reason: `the rules refuse it: ${e.message}` };
      return { reason: `it could not be decided again: ${e instanceof Error ? e.message : String(e)}` };
    }
    const appends = this.captured;
    // Placed exactly as the device that issued it placed them (the same path as PendingLog).
    const versions: Record<string, number> = {};
    for (const a of appends) versions[a.streamId] = await this.source.streamVersion(a.streamId);
    let decided: StoredEvent[];
    try {
      decided = positionAppends(prepareAppends(this.o.registry, appends), meta, events[0].seq - 1, versions);
    } catch (e) {
      return { reason: `it could not be decided again: ${e instanceof Error ? e.message : String(e)}` };
    }
    if (canonical(decided) !== canonical(events)) return { reason: 'its events are not what its command decides' };
    return { events };
  }
}

/** JSON with object keys sorted, so two equal events compare equal whatever order their keys were built in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

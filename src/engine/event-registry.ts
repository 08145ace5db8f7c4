import { InvalidEventPayload, UnknownEventType } from './errors';
import type { NewEvent, StoredEvent } from './event-envelope';

/**
 * What the engine knows of an event type: its current schema version, how to
 * validate a payload, and pure upcasters that lift older payloads one version up.
 * The domain registers its types; the engine never imports the domain.
 */
export interface EventTypeDefinition<D = unknown> {
  type: string;
  /** Current schema version. Events are always written at this version. */
  schemaVersion: number;
  /** Returns the payload (possibly normalised) or throws with a reason. */
  parse(data: unknown): D;
  /** upcasters[n] turns a version-n payload into a version-(n+1) payload. */
  upcasters?: Record<number, (data: unknown) => unknown>;
}

export class EventRegistry {
  private readonly types = new Map<string, EventTypeDefinition>();

  register(...definitions: EventTypeDefinition[]): this {
    for (const d of definitions) this.types.set(d.type, d);
    return this;
  }

  has(type: string): boolean {
    return this.types.has(type);
  }

  get(type: string): EventTypeDefinition {
    const d = this.types.get(type);
    if (!d) throw new UnknownEventType(type);
    return d;
  }

  currentVersion(type: string): number {
    return this.get(type).schemaVersion;
  }

  /** Validates a new event and stamps the current schema version. */
  prepare(event: NewEvent): { type: string; schemaVersion: number; data: unknown } {
    const d = this.get(event.type);
    const schemaVersion = event.schemaVersion ?? d.schemaVersion;
    const lifted = this.lift(d, schemaVersion, event.data);
    return { type: event.type, schemaVersion: d.schemaVersion, data: this.parseOrThrow(d, lifted) };
  }

  /** Validates an already-positioned event (import); returns it at the current schema. */
  validateStored(event: StoredEvent): StoredEvent {
    const d = this.get(event.type);
    const data = this.parseOrThrow(d, this.lift(d, event.schemaVersion, event.data));
    return { ...event, schemaVersion: d.schemaVersion, data };
  }

  /** Applied on every read: cheap when the event is current (the common case). */
  upcast(event: StoredEvent): StoredEvent {
    const d = this.types.get(event.type);
    if (!d || event.schemaVersion === d.schemaVersion) return event;
    return { ...event, schemaVersion: d.schemaVersion, data: this.lift(d, event.schemaVersion, event.data) };
  }

  private lift(d: EventTypeDefinition, from: number, data: unknown): unknown {
    if (!Number.isInteger(from) || from < 1 || from > d.schemaVersion) {
      throw new InvalidEventPayload(d.type, `schema version ${from} is not between 1 and ${d.schemaVersion}`);
    }
    let current = data;
    for (let v = from; v < d.schemaVersion; v++) {
      const up = d.upcasters?.[v];
      if (!up) throw new InvalidEventPayload(d.type, `no upcaster from schema version ${v}`);
      current = up(current);
    }
    return current;
  }

  private parseOrThrow(d: EventTypeDefinition, data: unknown): unknown {
    try {
      return d.parse(data);
    } catch (e) {
      throw new InvalidEventPayload(d.type, e instanceof Error ? e.message : String(e));
    }
  }
}

import { readPaged, type EventStore } from '../event-store';
import type { StoredEvent } from '../event-envelope';
import type { UpstreamCommand } from './upstream';

/**
 * The confirmed log from `from` to `to` as desk entries: each run of events
 * sharing a command id is one command (already decided, so `command` is null).
 */
export async function* historyCommands(store: EventStore, from: number, to: number): AsyncGenerator<UpstreamCommand> {
  let current: StoredEvent[] = [];
  for await (const page of readPaged(store, from, to, 2_000)) {
    for (const e of page) {
      if (current.length > 0 && current[0].meta.commandId !== e.meta.commandId) {
        yield { commandId: current[0].meta.commandId, command: null, events: current };
        current = [];
      }
      current.push(e);
    }
  }
  if (current.length > 0) yield { commandId: current[0].meta.commandId, command: null, events: current };
}

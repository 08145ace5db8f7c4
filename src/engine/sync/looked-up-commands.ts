import type { AppendResult } from '../event-envelope';
import type { EventStore } from '../event-store';

/**
 * The confirmed log with the replay checks of one pulled page answered from one batched read:
 * every entry asks whether its command id is already in the log, and one IndexedDB transaction
 * per entry was most of a large pull's time. Ids not looked up go to the log as usual.
 */
export async function withCommandsLookedUp(log: EventStore, commandIds: string[]): Promise<EventStore> {
  if (!log.findCommands || commandIds.length === 0) return log;
  const ids = [...new Set(commandIds)];
  const results = await log.findCommands(ids);
  const known = new Map<string, AppendResult | undefined>(ids.map((id, i) => [id, results[i]]));
  const findCommand = (id: string) => (known.has(id) ? Promise.resolve(known.get(id)) : log.findCommand(id));
  return new Proxy(log, {
    get(target, prop) {
      if (prop === 'findCommand') return findCommand;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

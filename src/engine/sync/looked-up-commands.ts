import type { AppendResult } from '../event-envelope';
import type { EventStore } from '../event-store';

/**
 * The confirmed log with the replay checks and stream versions of one pulled page answered from
 * batched reads: every entry asks whether its command id is already in the log, and every event where
 * its stream stands; one IndexedDB transaction per question was most of a large pull's time. Only valid
 * while the log does not grow (inside LogSync's exclusive section). Other questions go to the log as usual.
 */
export async function withCommandsLookedUp(log: EventStore, commandIds: string[], streamIds: string[] = []): Promise<EventStore> {
  const ids = [...new Set(commandIds)];
  const streams = [...new Set(streamIds)];
  const [results, versions] = await Promise.all([
    log.findCommands && ids.length > 0 ? log.findCommands(ids) : undefined,
    log.streamVersions && streams.length > 0 ? log.streamVersions(streams) : undefined,
  ]);
  if (!results && !versions) return log;
  const known = new Map<string, AppendResult | undefined>(results ? ids.map((id, i) => [id, results[i]]) : []);
  const atVersion = new Map<string, number>(versions ? streams.map((id, i) => [id, versions[i]]) : []);
  const findCommand = (id: string) => (known.has(id) ? Promise.resolve(known.get(id)) : log.findCommand(id));
  const streamVersion = (id: string) => (atVersion.has(id) ? Promise.resolve(atVersion.get(id)!) : log.streamVersion(id));
  return new Proxy(log, {
    get(target, prop) {
      if (prop === 'findCommand') return findCommand;
      if (prop === 'streamVersion') return streamVersion;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

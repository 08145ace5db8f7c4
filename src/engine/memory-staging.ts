import { validateStoredEvents } from './append-validation';
import { checkCommandsContiguous } from './command-dedup';
import type { StoredEvent } from './event-envelope';
import type { EventRegistry } from './event-registry';
import { StagedContinuity, type LogStaging } from './log-staging';

/**
 * Staging held in memory, for stores that keep their whole log in memory anyway (the reference store, a what-if
 * branch): the whole staged log is at hand, so a command split across chunks is found. `swapIn` replaces the
 * store's log with the staged events (or refuses) and resolves with the new head.
 */
export function memoryStaging(registry: EventRegistry, swapIn: (events: StoredEvent[], replace: boolean) => Promise<number>): LogStaging {
  const continuity = new StagedContinuity();
  let staged: StoredEvent[] = [];
  return {
    get count() {
      return continuity.count;
    },
    add: async (events) => {
      const valid = validateStoredEvents(registry, events);
      continuity.check(valid);
      checkCommandsContiguous(staged.concat(valid));
      continuity.accept(valid);
      staged = staged.concat(structuredClone(valid));
    },
    commit: async ({ replace }) => {
      const head = await swapIn(staged, replace);
      staged = [];
      return head;
    },
    discard: async () => {
      staged = [];
    },
  };
}

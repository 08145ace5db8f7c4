import { CommandHandler, type CommandSpec } from '../command-handler';
import { redecideInOrder, type AlternativeCommand } from '../redecide';
import type { EventStore } from '../event-store';
import type { PendingLog } from './pending-log';
import type { AlteredCommand, PendingCommand, RejectedCommand, SyncStateStore } from './sync-state-store';

export interface RebaseOptions {
  state: SyncStateStore;
  redecide(command: unknown): CommandSpec | undefined;
  alternative?: AlternativeCommand;
}

/**
 * Decides the pending commands again, in order, against the confirmed log as it is now; stores the new tail
 * with what was refused and what the domain altered. `altered` gives the commands altered before (read after
 * deciding), so each is told once, from the command as issued to what it is now.
 */
export async function rebaseTail(
  log: PendingLog,
  o: RebaseOptions,
  pending: PendingCommand[],
  refusedAlready: RejectedCommand[],
  altered: () => AlteredCommand[],
): Promise<{ refused: RejectedCommand[]; altered: AlteredCommand[] }> {
  log.setTail([]);
  const handler = new CommandHandler(log.tailWriter(false) as EventStore, { maxAttempts: 1 });
  const atSeq = await log.confirmedHead();
  const outcome = await redecideInOrder(handler, pending, (c) => o.redecide(c), o.alternative);
  const refused: RejectedCommand[] = [...refusedAlready];
  for (const { item: p, rule, reason, params } of outcome.refused) refused.push({
    commandId: p.commandId,
    command: p.command,
    actor: p.meta.actor,
    at: p.meta.at,
    rule,
    reason,
    params,
    atSeq,
  });
  // Told once per command: over several rebases, from the command as issued to what it is now.
  const alteredNow: AlteredCommand[] = outcome.passed
    .filter((p) => p.alternative)
    .map(({ item: p, command }) => ({
      commandId: p.commandId,
      recorded: altered().find((a) => a.commandId === p.commandId)?.recorded ?? p.command,
      decided: command,
      actor: p.meta.actor,
      at: p.meta.at,
    }));
  await o.state.replacePending([...log.pending], refused, alteredNow);
  return { refused, altered: alteredNow };
}

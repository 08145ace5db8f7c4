import type { CommandHandler, CommandResult, CommandSpec } from './command-handler';
import { DomainRuleViolation, ExpectedVersionConflict, TooManyConflicts } from './errors';
import type { AppendMeta } from './event-envelope';

/** A command recorded with its intent, so it can be decided again against another state. */
export interface RecordedCommand {
  commandId: string;
  /** The command itself (null when only its events are known). */
  command: unknown;
  meta: AppendMeta;
}

export interface RedecideOutcome<C extends RecordedCommand> {
  passed: { item: C; result: CommandResult }[];
  /** `params`: the rule's figures, so a view can say the reason in the user's language. */
  refused: { item: C; rule: string; reason: string; params: Record<string, string | number> }[];
}

export const UNKNOWN_COMMAND_RULE = 'sync.unknown-command';
export const STALE_VERSION_RULE = 'sync.stale-version';

/**
 * Decides recorded commands again, in order, through `handler` — each against
 * the state the ones before it left — with the same pure deciders that decided
 * them first. A command the domain now refuses is listed with the rule and the
 * reason; the rest go on. Sync's rebase and the what-if's "Replay on live" both
 * use it; the handler's store decides where the events go.
 */
export async function redecideInOrder<C extends RecordedCommand>(
  handler: CommandHandler,
  items: readonly C[],
  specOf: (command: unknown) => CommandSpec | undefined,
): Promise<RedecideOutcome<C>> {
  const outcome: RedecideOutcome<C> = { passed: [], refused: [] };
  for (const item of items) {
    const spec = item.command === null || item.command === undefined ? undefined : specOf(item.command);
    if (!spec) {
      outcome.refused.push({ item, rule: UNKNOWN_COMMAND_RULE, reason: 'This change could not be checked again after syncing, so it was not uploaded.', params: {} });
      continue;
    }
    try {
      outcome.passed.push({ item, result: await handler.handle(spec, { ...item.meta, command: item.command }) });
    } catch (e) {
      // A command based on a stream version that moved since (an executor batch) is refused like a broken rule.
      if (e instanceof TooManyConflicts || e instanceof ExpectedVersionConflict) {
        outcome.refused.push({ item, rule: STALE_VERSION_RULE, reason: 'Another device changed the same thing first.', params: {} });
        continue;
      }
      if (!(e instanceof DomainRuleViolation)) throw e;
      outcome.refused.push({ item, rule: e.rule, reason: e.message, params: e.params });
    }
  }
  return outcome;
}

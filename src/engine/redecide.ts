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
  /** `command`: what was decided — the recorded command, or the alternative the domain offered for it. */
  passed: { item: C; result: CommandResult; command: unknown; /** The domain's alternative was decided, not the command itself. */ alternative: boolean }[];
  /** `params`: the rule's figures, so a view can say the reason in the user's language. */
  refused: { item: C; rule: string; reason: string; params: Record<string, string | number> }[];
}

export const UNKNOWN_COMMAND_RULE = 'sync.unknown-command';
export const STALE_VERSION_RULE = 'sync.stale-version';

/**
 * The domain's say in one re-decide run (made fresh for each run): `instead` is what it would do instead of a
 * command the new state refuses, or undefined to refuse it (an order number another device took first → the next
 * number), tried a bounded number of times; `before` adapts each later command to what was done instead (the
 * same order under its new number).
 */
export interface CommandAlternatives {
  /** `recorded`: the command as it was recorded, before any adaptation. */
  instead(command: unknown, refusal: DomainRuleViolation, recorded: unknown): unknown;
  before(command: unknown): unknown;
}
export type AlternativeCommand = () => CommandAlternatives;

const MAX_ALTERNATIVES = 100;

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
  alternative?: AlternativeCommand,
): Promise<RedecideOutcome<C>> {
  const outcome: RedecideOutcome<C> = { passed: [], refused: [] };
  const alternatives = alternative?.();
  for (const item of items) {
    let command = alternatives && item.command !== null && item.command !== undefined ? alternatives.before(item.command) : item.command;
    let alternative = false;
    for (let attempt = 0; ; attempt++) {
      const spec = command === null || command === undefined ? undefined : specOf(command);
      if (!spec) {
        outcome.refused.push({ item, rule: UNKNOWN_COMMAND_RULE, reason: 'This change could not be checked again after syncing, so it was not uploaded.', params: {} });
        break;
      }
      try {
        outcome.passed.push({ item, result: await handler.handle(spec, { ...item.meta, command }), command, alternative });
        break;
      } catch (e) {
        // A command based on a stream version that moved since (an executor batch) is refused like a broken rule.
        if (e instanceof TooManyConflicts || e instanceof ExpectedVersionConflict) {
          outcome.refused.push({ item, rule: STALE_VERSION_RULE, reason: 'Another device changed the same thing first.', params: {} });
          break;
        }
        if (!(e instanceof DomainRuleViolation)) throw e;
        const next = attempt < MAX_ALTERNATIVES && alternatives ? alternatives.instead(command, e, item.command) : undefined;
        if (next !== undefined) {
          command = next;
          alternative = true;
          continue;
        }
        outcome.refused.push({ item, rule: e.rule, reason: e.message, params: e.params });
        break;
      }
    }
  }
  return outcome;
}

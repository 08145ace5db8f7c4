import { BranchStore } from '../engine/branch-store';
import { CommandHandler, commandMeta, newId } from '../engine/command-handler';
import { DomainRuleViolation } from '../engine/errors';
import type { NewEvent } from '../engine/event-envelope';
import type { EventRegistry } from '../engine/event-registry';
import type { EventStore } from '../engine/event-store';
import { evolveMany } from '../engine/projection';
import { redecideInOrder, type RecordedCommand, type RedecideOutcome } from '../engine/redecide';
import type { PositionedState } from '../engine/time-machine';
import { specFor, type Command } from '../domain/commands';
import { ME } from '../domain/streams';
import { viewProjection, type ViewState } from '../projections/view-projection';

/** A command tried in the sandbox, kept with its intent so it can be decided again on the live log. */
export interface WhatIfCommand extends RecordedCommand {
  command: Command;
}

export type ReplayCheck = RedecideOutcome<WhatIfCommand> & {
  /** The live head the commands were checked against. */
  atSeq: number;
};

export type WhatIfRefusal = ReplayCheck['refused'][number];

/**
 * Appends checked commands to the live log in order through `dispatch`, each
 * decided again as it goes (the log may have moved since the check). Returns
 * those the domain took and those it now refuses.
 */
export async function replayCommands(
  commands: readonly WhatIfCommand[],
  dispatch: (item: WhatIfCommand) => Promise<unknown>,
): Promise<{ appended: WhatIfCommand[]; refused: WhatIfRefusal[] }> {
  const appended: WhatIfCommand[] = [];
  const refused: WhatIfRefusal[] = [];
  for (const item of commands) {
    try {
      await dispatch(item);
      appended.push(item);
    } catch (e) {
      if (!(e instanceof DomainRuleViolation)) throw e;
      refused.push({ item, rule: e.rule, reason: e.message, params: e.params });
    }
  }
  return { appended, refused };
}

/**
 * "What if, from event N…": commands decided by the real deciders against the
 * log as it was after event N, their events kept in an in-memory branch
 * (BranchStore) — never in IndexedDB. The views fold the branch's events over
 * the state at the fork. Discarding is dropping this object.
 */
export class WhatIfSandbox {
  readonly branch: BranchStore;
  private readonly handler: CommandHandler;
  private readonly tried: WhatIfCommand[] = [];
  private current: PositionedState<ViewState>;

  constructor(
    base: EventStore,
    private readonly registry: EventRegistry,
    /** Every view's state after event `seq`, where the branch starts. */
    readonly start: PositionedState<ViewState>,
  ) {
    this.branch = new BranchStore(base, start.seq, registry);
    this.handler = new CommandHandler(this.branch);
    this.current = start;
  }

  get fork(): number {
    return this.start.seq;
  }

  /** Every view's state at the branch's head. */
  get state(): PositionedState<ViewState> {
    return this.current;
  }

  /** The commands the branch accepted, in order. */
  get commands(): readonly WhatIfCommand[] {
    return this.tried;
  }

  /** Decides and appends `command` in the branch; throws the decider's refusal (nothing added). */
  async dispatch(command: Command, commandId: string = newId(), causationId?: string): Promise<PositionedState<ViewState>> {
    const meta = commandMeta(ME, undefined, commandId, causationId);
    const result = await this.handler.handle(specFor(command), { ...meta, command });
    if (result.duplicate || result.events.length === 0) return this.current;
    this.tried.push({ commandId: meta.commandId, command, meta });
    this.current = { seq: result.lastSeq, state: evolveMany(viewProjection, this.current.state, result.events) };
    return this.current;
  }

  /** What `command` would append in the branch now, without adding it; throws the decider's refusal. */
  preview(command: Command): Promise<Record<string, NewEvent[]>> {
    return this.handler.decideOnly(specFor(command));
  }

  /**
   * Which of the branch's commands the live log would take now, in order, and
   * why the others would be refused: decided against a second branch over the
   * live head, so nothing is written.
   */
  async checkOnLive(live: EventStore): Promise<ReplayCheck> {
    const atSeq = await live.headSeq();
    const trial = new CommandHandler(new BranchStore(live, atSeq, this.registry), { maxAttempts: 1 });
    const outcome = await redecideInOrder(trial, this.tried, (c) => specFor(c as Command));
    return { ...outcome, atSeq };
  }
}

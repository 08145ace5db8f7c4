import type { CommandSpec } from '../engine/command-handler';
import type { Decider } from '../engine/decider';
import type { NewEvent } from '../engine/event-envelope';

/** Command input without the `type` tag (what callers pass to the spec builders). */
export type Input<C extends { type: string }> = Omit<C, 'type'> & { type?: C['type'] };

/** A command that touches one stream: load it with its decider, decide on its state. */
export function onOneStream<C, S>(stream: string, decider: Pick<Decider<C, S, NewEvent>, 'initialState' | 'evolve' | 'decide'>, cmd: C): CommandSpec {
  return {
    load: { [stream]: decider },
    decide: (s) => ({ [stream]: decider.decide(cmd, s[stream] as S) }),
  };
}

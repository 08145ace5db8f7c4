import type { NewEvent, StoredEvent } from './event-envelope';

/**
 * Emmett-style decider for one stream: `decide(command, state) → events`,
 * `evolve(state, event) → state`. Both pure. `decide` throws a
 * DomainRuleViolation when a rule says no.
 */
export interface Decider<C, S, E extends NewEvent = NewEvent> {
  initialState(): S;
  decide(command: C, state: S): E[];
  evolve(state: S, event: StoredEvent): S;
}

export function foldStream<S>(decider: Pick<Decider<unknown, S>, 'initialState' | 'evolve'>, events: readonly StoredEvent[]): S {
  let s = decider.initialState();
  for (const e of events) s = decider.evolve(s, e);
  return s;
}

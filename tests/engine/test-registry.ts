import { EventRegistry } from '../../src/engine/event-registry';
import type { Projection } from '../../src/engine/projection';
import type { StoredEvent } from '../../src/engine/event-envelope';

/** A tiny domain that belongs to the engine's tests only: counters that go up and down. */
export function testRegistry(): EventRegistry {
  const amount = (data: unknown) => {
    const d = data as { amount?: unknown };
    if (typeof d !== 'object' || d === null || !Number.isInteger(d.amount)) throw new Error('amount must be a whole number');
    const keys = Object.keys(d);
    if (keys.length !== 1) throw new Error(`unexpected keys: ${keys.filter((k) => k !== 'amount').join(', ')}`);
    return { amount: d.amount as number };
  };
  return new EventRegistry().register(
    // v1 of Added was { n }; v2 renamed it to { amount }.
    { type: 'Added', schemaVersion: 2, parse: amount, upcasters: { 1: (d) => ({ amount: (d as { n: number }).n }) } },
    { type: 'Removed', schemaVersion: 1, parse: amount },
  );
}

export interface CounterState {
  total: number;
  perStream: Record<string, number>;
  count: number;
}

export const counterProjection: Projection<CounterState> = {
  name: 'counter',
  version: 1,
  init: () => ({ total: 0, perStream: {}, count: 0 }),
  apply(draft, event: StoredEvent) {
    const { amount } = event.data as { amount: number };
    const delta = event.type === 'Added' ? amount : -amount;
    draft.total += delta;
    draft.perStream[event.streamId] = (draft.perStream[event.streamId] ?? 0) + delta;
    draft.count++;
  },
};

export const added = (amount: number) => ({ type: 'Added', data: { amount } });
export const removed = (amount: number) => ({ type: 'Removed', data: { amount } });
let commandNo = 0;
/** Meta of a fresh command: each call is a new command id unless one is given (appends are idempotent by it). */
export const meta = (actor = 'test', at = 1_700_000_000_000, commandId = `c${++commandNo}`) => ({
  actor,
  commandId,
  correlationId: commandId,
  causationId: commandId,
  at,
});

import { expect } from 'vitest';
import type { CommandSpec, StreamFolder } from '../../src/engine/command-handler';
import type { Decider } from '../../src/engine/decider';
import type { EventMeta, NewEvent, StoredEvent } from '../../src/engine/event-envelope';
import type { Projection } from '../../src/engine/projection';
import { createEventRegistry } from '../../src/domain/events';

/** What tests pass as "given": a bare new event (placed on `streamId`) or a full stored one. */
export type GivenEvent = NewEvent | (NewEvent & { streamId: string; at?: number; actor?: string }) | StoredEvent;

const registry = createEventRegistry();

/**
 * Turns bare events into stored envelopes: seq gap-free from 1, per-stream
 * versions, meta filled in (at = start + i minutes unless given). Each payload
 * goes through the registry so fixtures cannot drift from the schemas.
 */
export function toStored(
  events: readonly GivenEvent[],
  options: { streamId?: string; startAt?: number; stepMs?: number; actor?: string } = {},
): StoredEvent[] {
  const versions = new Map<string, number>();
  const start = options.startAt ?? Date.UTC(2025, 0, 6, 9, 0, 0);
  const step = options.stepMs ?? 60_000;
  return events.map((e, i) => {
    if ('seq' in e && 'meta' in e) return e as StoredEvent;
    const g = e as NewEvent & { streamId?: string; at?: number; actor?: string };
    const streamId = g.streamId ?? options.streamId;
    if (!streamId) throw new Error(`toStored: event ${i} (${e.type}) has no streamId`);
    const version = (versions.get(streamId) ?? 0) + 1;
    versions.set(streamId, version);
    const p = registry.prepare({ type: g.type, data: g.data, schemaVersion: g.schemaVersion });
    const meta: EventMeta = {
      at: g.at ?? start + i * step,
      actor: g.actor ?? options.actor ?? 'me',
      commandId: `cmd-${i + 1}`,
      correlationId: `cmd-${i + 1}`,
      causationId: `cmd-${i + 1}`,
    };
    return { seq: i + 1, streamId, version, type: p.type, schemaVersion: p.schemaVersion, data: p.data, meta };
  });
}

/** Places a new event on a stream (for multi-stream givens). */
export function on<E extends NewEvent>(streamId: string, e: E, extra: { at?: number; actor?: string } = {}): E & { streamId: string; at?: number; actor?: string } {
  return { ...e, streamId, ...extra };
}

function strip(events: readonly NewEvent[]): { type: string; data: unknown }[] {
  return events.map((e) => ({ type: e.type, data: e.data }));
}

type ErrorClass = abstract new (...args: never[]) => Error;

/** Emmett-style: `DeciderSpecification.for(decider).given(events).when(command).then(expected)`. */
export const DeciderSpecification = {
  for<C, S>(decider: Decider<C, S, NewEvent>) {
    return {
      given(events: readonly NewEvent[]) {
        return {
          when(command: C) {
            const run = () => {
              const stored = toStored(events, { streamId: 'stream-under-test' });
              let state = decider.initialState();
              for (const e of stored) state = decider.evolve(state, e);
              const frozen = JSON.stringify(state);
              const out = decider.decide(command, state);
              // decide must not mutate the state it was given
              expect(JSON.stringify(state)).toBe(frozen);
              return out;
            };
            return {
              then(expected: readonly NewEvent[]) {
                expect(strip(run())).toEqual(strip(expected));
              },
              thenThrows(errorClass: ErrorClass, messagePart?: string | RegExp, rule?: string) {
                let caught: unknown;
                try {
                  run();
                } catch (e) {
                  caught = e;
                }
                expect(caught, 'expected the command to be rejected').toBeInstanceOf(errorClass);
                if (messagePart !== undefined) expect((caught as Error).message).toMatch(messagePart);
                if (rule !== undefined) expect((caught as { rule?: string }).rule).toBe(rule);
              },
            };
          },
        };
      },
    };
  },
};

/**
 * The same for a multi-stream CommandSpec: given events per stream, the
 * spec's `decide` must return these events per stream.
 */
export function commandSpec(spec: CommandSpec) {
  return {
    given(events: Record<string, readonly NewEvent[]>) {
      const run = () => {
        const states: Record<string, unknown> = {};
        for (const [streamId, folder] of Object.entries(spec.load) as [string, StreamFolder<unknown>][]) {
          let s = folder.initialState();
          for (const e of toStored(events[streamId] ?? [], { streamId })) s = folder.evolve(s, e);
          states[streamId] = s;
        }
        const out = spec.decide(states);
        const clean: Record<string, { type: string; data: unknown }[]> = {};
        for (const [k, v] of Object.entries(out)) if (v.length > 0) clean[k] = strip(v);
        return clean;
      };
      return {
        then(expected: Record<string, readonly NewEvent[]>) {
          const want: Record<string, { type: string; data: unknown }[]> = {};
          for (const [k, v] of Object.entries(expected)) if (v.length > 0) want[k] = strip(v);
          expect(run()).toEqual(want);
        },
        thenThrows(errorClass: ErrorClass, messagePart?: string | RegExp, rule?: string) {
          let caught: unknown;
          try {
            run();
          } catch (e) {
            caught = e;
          }
          expect(caught, 'expected the command to be rejected').toBeInstanceOf(errorClass);
          if (messagePart !== undefined) expect((caught as Error).message).toMatch(messagePart);
          if (rule !== undefined) expect((caught as { rule?: string }).rule).toBe(rule);
        },
      };
    },
  };
}

/**
 * `projectionSpec(projection).given(events).then(expectedState | predicate)`.
 * Folds both in place (rebuild path) and through Immer (live path) and checks
 * they agree and that the state survives structuredClone and JSON.
 */
export function projectionSpec<S>(projection: Projection<S>) {
  return {
    given(events: readonly GivenEvent[], options?: Parameters<typeof toStored>[1]) {
      const stored = toStored(events, options);
      const fold = (): S => {
        const s = projection.init();
        for (const e of stored) projection.apply(s, e);
        return s;
      };
      return {
        state: fold,
        then(expected: S | ((state: S) => void | boolean)) {
          const s = fold();
          expect(structuredClone(s)).toEqual(s);
          expect(JSON.parse(JSON.stringify(s))).toEqual(s);
          if (typeof expected === 'function') {
            const r = (expected as (state: S) => void | boolean)(s);
            if (r === false) throw new Error('projection predicate returned false');
          } else {
            expect(s).toEqual(expected);
          }
          return s;
        },
      };
    },
  };
}

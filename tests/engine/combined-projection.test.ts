import { describe, expect, it } from 'vitest';
import { combineProjections, evolveMany, foldInPlace, type Projection } from '../../src/engine/projection';
import { log } from './event-store.contract';
import { counterProjection } from './test-registry';

/** A part whose result depends on the order of its events: the seqs it saw, as a list. */
const seen: Projection<{ seqs: number[] }> = {
  name: 'seen',
  version: 1,
  init: () => ({ seqs: [] }),
  apply(draft, e) {
    if (e.seq % 3 === 0) draft.seqs.push(e.seq);
  },
};
/** A part no event of this log touches. */
const untouched: Projection<{ removed: number }> = {
  name: 'untouched',
  version: 1,
  init: () => ({ removed: 0 }),
  apply(draft, e) {
    if (e.type === 'Never') draft.removed++;
  },
};

const combined = combineProjections('combined', { counter: counterProjection, seen, untouched });

describe('a combined projection folds a batch part by part', () => {
  it('P1 folding a batch gives the same state as applying each event to every part in turn', () => {
    const events = log(2500, 4);
    const eventByEvent = combined.init();
    for (const e of events) combined.apply(eventByEvent, e);
    expect(foldInPlace(combined, combined.init(), events)).toEqual(eventByEvent);
    expect(evolveMany(combined, combined.init(), events)).toEqual(eventByEvent);
    expect(eventByEvent.seen.seqs.slice(0, 3)).toEqual([3, 6, 9]);
  });

  it('P2 a batch under Immer keeps a part no event changed as the same object', () => {
    const before = foldInPlace(combined, combined.init(), log(100, 2));
    const after = evolveMany(combined, before, log(50, 2, 101));
    expect(after.untouched).toBe(before.untouched);
    expect(after.counter).not.toBe(before.counter);
    expect(after.counter.count).toBe(150);
  });
});

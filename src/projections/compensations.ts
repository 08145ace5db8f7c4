import type { Projection } from '../engine/projection';
import { parseEventRef } from '../engine/event-ref';

export interface CompensationsState {
  /** Event ref (stream@version) of a reverted event → seq of the first event that compensates it. */
  byOriginal: Record<string, number>;
}

/**
 * The links "reverted by": a compensating event names what it reverts in
 * meta.causationId; this keeps the way back, so the event log can link both ways.
 */
export const compensationsProjection: Projection<CompensationsState> = {
  name: 'compensations',
  version: 1,
  init: () => ({ byOriginal: {} }),
  apply(draft, e) {
    const cause = e.meta.causationId;
    // Command ids never contain '@': the hot path is one indexOf.
    if (cause.indexOf('@') < 0 || !parseEventRef(cause)) return;
    if (draft.byOriginal[cause] === undefined) draft.byOriginal[cause] = e.seq;
  },
};

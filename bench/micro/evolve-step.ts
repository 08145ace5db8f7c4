// A drag step's fold: one Immer produce over 1,000 events on a state of half the history, per view part.
// Build and run: node bench/micro/run.mjs evolve-step [events=100000] [reps=3]
import { SEGMENT_SIZE } from '../../src/engine/dexie/eventdesk-db';
import { combineProjections, evolveMany, foldInPlace, type Projection } from '../../src/engine/projection';
import { viewProjection } from '../../src/projections/view-projection';
import type { StoredEvent } from '../../src/engine/event-envelope';
import { benchHistory, minOfReps } from './micro-kit';

const N = Number(process.argv[2] ?? 100_000);
const REPS = Number(process.argv[3] ?? 3);

const best = minOfReps(REPS, 40);

const events: StoredEvent[] = await benchHistory(N);
const half = events.length / 2;
const batches: StoredEvent[][] = [];
for (let i = half; i < events.length; i += SEGMENT_SIZE) batches.push(events.slice(i, i + SEGMENT_SIZE));
const parts = (viewProjection as unknown as { parts?: Record<string, Projection<unknown>> }).parts;
const base = foldInPlace(viewProjection, viewProjection.init(), events.slice(0, half)) as Record<string, unknown>;
best(`evolveMany: ${batches.length} batches of 1,000`, () => batches.forEach((b) => evolveMany(viewProjection, base, b)));
best(`foldInPlace on clones: ${batches.length} batches`, () => batches.forEach((b) => foldInPlace(viewProjection, structuredClone(base), b)));
import { compensationsProjection } from '../../src/projections/compensations';
import { notificationsProjection } from '../../src/projections/notifications';
import { ordersBoardProjection } from '../../src/projections/orders-board';
import { passbookProjection } from '../../src/projections/passbook';
import { postsProjection } from '../../src/projections/posts';
import { statsProjection } from '../../src/projections/stats';
import { timelineOverviewProjection } from '../../src/projections/timeline-overview';
const each: Record<string, Projection<unknown>> = {
  passbook: passbookProjection, orders: ordersBoardProjection, posts: postsProjection, stats: statsProjection,
  notifications: notificationsProjection, compensations: compensationsProjection, overview: timelineOverviewProjection,
} as Record<string, Projection<unknown>>;
for (const [k, p] of Object.entries(each)) {
  const one = combineProjections('x', { [k]: p });
  const start = { [k]: base[k] };
  best(`evolveMany ${k} alone`, () => batches.forEach((b) => evolveMany(one, start, b)));
}
void parts;

// Node micro-benchmark of the engine's CPU hot paths, without a browser:
// encoding segments (import), decoding + verifying them (rebuild, seeks), the
// in-place fold of every view (rebuild) and a snapshot's round trip (cold start).
// Build and run: node bench/micro/run.mjs hot-paths [events=100000] [reps=5]
// It prints the minimum of `reps` timings per phase (the least disturbed by other load)
// and counts the work (segments, index entries, bytes) that does not depend on load.
import { SEGMENT_SIZE, encodeSegment } from '../../src/engine/dexie/eventdesk-db';
import { verifySegment } from '../../src/engine/dexie/log-record-integrity';
import { decodeSnapshot, encodeSnapshot } from '../../src/engine/dexie/dexie-snapshot-store';
import { hasShapeOf } from '../../src/engine/state-shape';
import { combineProjections, evolveMany, foldInPlace } from '../../src/engine/projection';
import { checkCommandsContiguous } from '../../src/engine/command-dedup';
import { validateStoredEvents } from '../../src/engine/append-validation';
import { createEventRegistry } from '../../src/domain/events';
import { viewProjection } from '../../src/projections/view-projection';
import { compensationsProjection } from '../../src/projections/compensations';
import { notificationsProjection } from '../../src/projections/notifications';
import { ordersBoardProjection } from '../../src/projections/orders-board';
import { passbookProjection } from '../../src/projections/passbook';
import { postsProjection } from '../../src/projections/posts';
import { statsProjection } from '../../src/projections/stats';
import { timelineOverviewProjection } from '../../src/projections/timeline-overview';
import type { Projection } from '../../src/engine/projection';

const viewParts: Record<string, Projection<unknown>> = {
  passbook: passbookProjection,
  orders: ordersBoardProjection,
  posts: postsProjection,
  stats: statsProjection,
  notifications: notificationsProjection,
  compensations: compensationsProjection,
  overview: timelineOverviewProjection,
} as Record<string, Projection<unknown>>;
import type { StoredEvent } from '../../src/engine/event-envelope';
import { benchHistory, minOfReps } from './micro-kit';

const N = Number(process.argv[2] ?? 100_000);
const REPS = Number(process.argv[3] ?? 5);
const registry = createEventRegistry();

const best = minOfReps(REPS, 34);

const events: StoredEvent[] = await benchHistory(N);
const sealed = Math.floor(events.length / SEGMENT_SIZE);
console.log(`history: ${events.length} events, ${sealed} segments`);

const chunks: StoredEvent[][] = [];
for (let s = 0; s < sealed; s++) chunks.push(events.slice(s * SEGMENT_SIZE, (s + 1) * SEGMENT_SIZE));
const records = chunks.map((c, s) => encodeSegment(s, c));
const indexEntries = records.reduce((n, r) => n + (r.commandIds?.length ?? 0), 0);
const bytes = records.reduce((n, r) => n + r.json.length, 0);
console.log(`segments: ${records.length}, JSON ${(bytes / 1e6).toFixed(1)} MB, distinct command ids ${indexEntries} (${(indexEntries / Math.max(1, records.length)).toFixed(0)} per segment: the index entries layouts v3–v5 wrote)`);

best('import: validate stored events', () => void validateStoredEvents(registry, events));
best('import: commands contiguous', () => checkCommandsContiguous(events));
best('import: encode segments', () => chunks.forEach((c, s) => encodeSegment(s, c)));
best('read: JSON.parse only', () => records.forEach((r) => JSON.parse(r.json)));
best('read: verify segments', () => records.forEach((r, s) => verifySegment(r, s * SEGMENT_SIZE + 1, (s + 1) * SEGMENT_SIZE, registry)));
best('read: verify + upcast', () =>
  records.forEach((r, s) => verifySegment(r, s * SEGMENT_SIZE + 1, (s + 1) * SEGMENT_SIZE, registry).map((e) => registry.upcast(e))),
);
let state = viewProjection.init();
best('fold: all views in place', () => {
  state = foldInPlace(viewProjection, viewProjection.init(), events);
});
{
  const { passbook, orders, posts, stats, notifications, compensations, overview } = viewParts;
  const subsets: Record<string, Record<string, Projection<unknown>>> = {
    'old five': { passbook, orders, posts, stats, notifications },
    'five + compensations': { passbook, orders, posts, stats, notifications, compensations },
    'five + overview': { passbook, orders, posts, stats, notifications, overview },
    'all seven': viewParts,
  };
  for (let round = 0; round < 2; round++) {
    for (const [name, parts] of Object.entries(subsets)) {
      const p = combineProjections('x', parts);
      best(`fold: ${name}`, () => void foldInPlace(p, p.init(), events));
    }
  }
}
for (let round = 0; round < 2; round++) {
  for (const [k, part] of Object.entries(viewParts)) {
    best(`fold: ${k} alone`, () => void foldInPlace(part, part.init(), events));
  }
}
{
  // A seek near a checkpoint: one Immer produce over ~1,000 events on a state of the whole history.
  const half = foldInPlace(viewProjection, viewProjection.init(), events.slice(0, events.length / 2));
  const batches: StoredEvent[][] = [];
  for (let i = events.length / 2; i < events.length; i += SEGMENT_SIZE) batches.push(events.slice(i, i + SEGMENT_SIZE));
  best(`evolveMany: ${batches.length} batches of 1,000 (Immer)`, () => batches.forEach((b) => evolveMany(viewProjection, half, b)));
}
for (const [k, v] of Object.entries(state)) console.log(`  part ${k}: ${JSON.stringify(v).length} bytes of JSON`);
const snapshot = { projection: 'view', projectionVersion: viewProjection.version, seq: events.length, bytes: 0, createdAt: 0, state };
let record = encodeSnapshot(snapshot);
console.log(`snapshot: ${record.json!.length} bytes of JSON`);
best('snapshot: encode (stringify+sum)', () => {
  record = encodeSnapshot(snapshot);
});
best('snapshot: structuredClone (old)', () => void structuredClone(state));
best('snapshot: decode (sum+parse)', () => void decodeSnapshot(record, 'view', viewProjection.version, events.length));
best('snapshot: hasShapeOf', () => void hasShapeOf(viewProjection.init(), state));

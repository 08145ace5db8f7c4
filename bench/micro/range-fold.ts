// Node micro-benchmark of Compare's fold: the bench's history (seed 2026), the view state at its middle as A,
// then RangeFold over the next `gap` events (in 4,000-event pages, as the desk feeds it) and result().
// Build and run: node bench/micro/run.mjs range-fold [events=200000] [gap=100000] [reps=5]
// Prints the minimum of `reps` timings (the least disturbed by other load).
import { foldInPlace } from '../../src/engine/projection';
import { generateDemoHistory } from '../../src/domain/demo-data';
import { viewProjection } from '../../src/projections/view-projection';
import { RangeFold } from '../../src/projections/range-comparison';

const N = Number(process.argv[2] ?? 200_000);
const GAP = Number(process.argv[3] ?? 100_000);
const REPS = Number(process.argv[4] ?? 5);
const PAGE = 4_000;

const events = await generateDemoHistory({ seed: 2026, eventsTarget: N, startAt: Date.UTC(2026, 0, 1), quantityRange: [5_000, 50_000], batchSizeRange: [20, 100] });
const from = Math.max(0, events.length - GAP);
const base = foldInPlace(viewProjection, viewProjection.init(), events.slice(0, from));
const range = events.slice(from, from + GAP);
let add = Infinity;
let result = Infinity;
let check = 0;
for (let r = 0; r < REPS; r++) {
  const t0 = performance.now();
  const fold = new RangeFold(base, from);
  for (let i = 0; i < range.length; i += PAGE) fold.add(range.slice(i, i + PAGE));
  const t1 = performance.now();
  const out = fold.result();
  const t2 = performance.now();
  add = Math.min(add, t1 - t0);
  result = Math.min(result, t2 - t1);
  check = out.events.seqs.length + out.orders.length + out.likes.length + out.lines.length;
}
console.log(`range-fold: ${range.length} events after ${from}: add ${add.toFixed(1)} ms, result ${result.toFixed(1)} ms (min of ${REPS}; check ${check})`);

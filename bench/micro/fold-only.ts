// Instruction-count probe: parse a stored history, then K times either fold it in place through the view
// projection ('fold') or evolve its second half in 1,000-event Immer batches from the state at its middle ('evolve').
import { readFileSync } from 'node:fs';
import { evolveMany, foldInPlace } from '../../src/engine/projection';
import { viewProjection } from '../../src/projections/view-projection';
const file = process.argv[2];
const K = Number(process.argv[3] ?? 0);
const mode = process.argv[4] ?? 'fold';
const events = JSON.parse(readFileSync(file, 'utf8'));
let total = 0;
if (mode === 'fold') {
  for (let i = 0; i < K; i++) total += Object.keys(foldInPlace(viewProjection, viewProjection.init(), events)).length;
} else {
  const mid = events.length / 2;
  const half = foldInPlace(viewProjection, viewProjection.init(), events.slice(0, mid));
  for (let k = 0; k < K; k++) for (let i = mid; i < events.length; i += 1000) total += Object.keys(evolveMany(viewProjection, half, events.slice(i, i + 1000))).length;
}
console.log(events.length, K, mode, total);

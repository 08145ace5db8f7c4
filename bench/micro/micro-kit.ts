// What the Node probes of bench/micro share: the bench's history (seed 2026) and a min-of-reps timer.
import { generateDemoHistory } from '../../src/domain/demo-data';
import type { StoredEvent } from '../../src/engine/event-envelope';

/** The same history `npm run bench` generates, at `events` events. */
export function benchHistory(events: number): Promise<StoredEvent[]> {
  return generateDemoHistory({ seed: 2026, eventsTarget: events, startAt: Date.UTC(2026, 0, 1), quantityRange: [5_000, 50_000], batchSizeRange: [20, 100] });
}

/** A timer that runs `fn` `reps` times and prints and returns the fastest (the least disturbed by GC and load). */
export function minOfReps(reps: number, labelWidth: number): (name: string, fn: () => void) => number {
  return (name, fn) => {
    const times: number[] = [];
    for (let i = 0; i < reps; i++) {
      const t0 = performance.now();
      fn();
      times.push(performance.now() - t0);
    }
    const min = Math.min(...times);
    console.log(`${name.padEnd(labelWidth)} min ${min.toFixed(1).padStart(8)} ms   (all: ${times.map((t) => t.toFixed(0)).join(', ')})`);
    return min;
  };
}

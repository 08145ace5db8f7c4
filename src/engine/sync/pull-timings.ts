/**
 * Where a pull's wall-clock time goes, by phase, for the bench (bench/sections/sync.mjs) and probes:
 * off unless the page set `globalThis.__eventdeskPullTimings = {}`; each phase then adds its
 * milliseconds under its name. Phases overlap with other work on the page (the views catching up,
 * rendering), so they tell where the pull waited, not CPU time.
 */
type Timings = Record<string, number>;

const timings = (): Timings | undefined => (globalThis as { __eventdeskPullTimings?: Timings }).__eventdeskPullTimings;

/** A clock reading to pass to `pullPhaseDone`, or undefined (nothing is recorded) when timings are off. */
export function pullPhaseStart(): number | undefined {
  return timings() ? performance.now() : undefined;
}

export function pullPhaseDone(phase: string, since: number | undefined): void {
  const t = timings();
  if (t && since !== undefined) t[phase] = Math.round(((t[phase] ?? 0) + performance.now() - since) * 10) / 10;
}

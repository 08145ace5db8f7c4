// The markdown table printed at the end of a run (the same rows as BENCHMARKS.md).
import { MB, fmt } from './stats.mjs';

const mark = (p) => (typeof p === 'string' ? p : p === null || p === undefined ? 'report' : p ? 'pass' : '**MISS**');

export function printTable(r, sections) {
  const raw = r.raw;
  const rows = sections.flatMap((s) => s.rows(r));
  const m = r.machine;
  console.log(`\nEventDesk bench — ${fmt(r.events)} events, ${m.cpus} cores (${m.cpuModel}), Chromium ${m.chromium}, Node ${m.node}`);
  console.log(`log ${fmt(r.logBytes / MB, 1)} MB; generation ${fmt(raw.generation.ms)} ms (${fmt(raw.generation.orders)} orders); first start (full fold, progress in UI) ${fmt(raw.firstStart.ms)} ms\n`);
  console.log('| figure | value | goal | result |');
  console.log('| --- | --- | --- | --- |');
  for (const [figure, value, goal, pass] of rows) console.log(`| ${[figure, value, goal, mark(pass)].join(' | ')} |`);
  if (r.workarounds.length)
    console.log(`\nWARNING: bench-only workaround applied to the app build: ${r.workarounds.join(', ')} (see bench/vite.bench.config.ts)`);
  if (r.pageErrors.length) console.log(`\npage errors (${r.pageErrors.length}):\n  ${r.pageErrors.slice(0, 10).join('\n  ')}`);
  console.log('');
}

#!/usr/bin/env node
// Bundles one Node probe of bench/micro/ with Vite's bundler (rolldown) and runs it (the engine's hot paths
// without a browser). Usage: node bench/micro/run.mjs <probe> [args…]
//   hot-paths [events=100000] [reps=5]        timed phases (min of reps) and work counts
//   dump-history [events] [file]              the bench's history (seed 2026) as one JSON file, for:
//   fold-only <file> <K> [fold|evolve]        K folds (or Immer batches) — run under valgrind --tool=callgrind
//   read-cost <file> <K> [none|sum|parse]     K checksums or JSON.parses of every segment — idem
//   range-fold [events=200000] [gap=100000] [reps=5]  Compare's RangeFold over the last `gap` events (min of reps)
// Under callgrind, bundle once (the printed path) and run that file, so the bundler is not counted.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const [probe = 'hot-paths', ...args] = process.argv.slice(2);
const out = path.join(root, `node_modules/.cache/eventdesk-micro/${probe}.mjs`);
const { build } = await import('rolldown');
await build({ input: path.join(root, `bench/micro/${probe}.ts`), platform: 'node', output: { file: out, format: 'esm' }, logLevel: 'silent' });
console.log(`[micro] ${path.relative(root, out)}`);
execFileSync(process.execPath, [out, ...args], { stdio: 'inherit' });

#!/usr/bin/env node
// EventDesk benchmark: `npm run bench [-- --events N] [--runs R] [--seed S] [--skip-build] [--no-small]`
//
// Builds the production app plus a bench-only page (bench/page/bench.html) into
// node_modules/.cache/eventdesk-bench/dist, serves it with Vite's preview() on
// 127.0.0.1, drives headless Chromium through playwright-core, prints a
// markdown table and writes bench/results.json. Exit code 0 even when a goal is
// missed (it is a report); non-zero only when the bench itself broke.
//
// The measured sections live in bench/sections/ (see bench/sections/index.mjs for how to add one);
// shared helpers (Chromium, server, pages, in-page probes, stats, PRNG, table) in bench/lib/.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from './lib/args.mjs';
import { launchBrowser, machineInfo } from './lib/chromium.mjs';
import { elapsedSeconds, log } from './lib/log.mjs';
import { pageErrors } from './lib/pages.mjs';
import { ROOT, buildAndServe, workarounds } from './lib/server.mjs';
import { fmt, round } from './lib/stats.mjs';
import { printTable } from './lib/table.mjs';
import { REPORT, SECTIONS } from './sections/index.mjs';

const RESULTS = path.join(ROOT, 'bench/results.json');

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const results = { startedAt: new Date().toISOString(), events: opts.events, runs: opts.runs, seed: opts.seed, figures: {}, raw: {} };
  log(`EventDesk bench: ${fmt(opts.events)} events, ${opts.runs} runs`);

  const { server, url } = await buildAndServe(opts);
  log(`serving ${url}`);
  const browser = await launchBrowser();
  try {
    results.machine = machineInfo(browser);
    log(`machine: ${results.machine.cpus} cores, Chromium ${results.machine.chromium}`);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const ctx = { opts, N: opts.events, R: opts.runs, browser, context, url, results, raw: results.raw, app: null, head: 0 };

    for (const stage of ['data', 'app', 'after']) {
      if (stage === 'after' && ctx.app) {
        await ctx.app.close();
        ctx.app = null;
      }
      for (const section of SECTIONS.filter((s) => s.stage === stage)) {
        if (stage === 'app' && !ctx.app) throw new Error(`section ${section.name} needs the app page (no 'data' section opened it)`);
        await section.run(ctx);
      }
    }
    await context.close();

    for (const section of REPORT) section.figures(results.figures, results.raw, results);
    results.workarounds = workarounds();
    results.pageErrors = pageErrors;
    results.finishedAt = new Date().toISOString();
    results.wallSeconds = round(elapsedSeconds(), 1);
    writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
    printTable(results, REPORT);
    log(`wrote ${path.relative(ROOT, RESULTS)} (${results.wallSeconds} s)`);
  } finally {
    await browser.close().catch(() => {});
    await server.close().catch(() => {});
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(`[bench] FAILED: ${e?.stack ?? e}`);
    process.exit(1);
  },
);

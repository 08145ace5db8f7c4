// Generation of the history (not a figure) and bulk import against raw IndexedDB, interleaved, R times.
import { log } from '../lib/log.mjs';
import { openBench } from '../lib/pages.mjs';
import { fmt, median } from '../lib/stats.mjs';

export const name = 'import';
export const stage = 'data';

export async function run(ctx) {
  const { context, url, opts, raw, results } = ctx;
  const bench = await openBench(context, url);
  log(`generating ${fmt(ctx.N)} events (real commands, seed ${opts.seed})…`);
  raw.generation = await bench.evaluate(([n, seed]) => window.__bench.generate(n, seed), [ctx.N, opts.seed]);
  log(`  generated ${fmt(raw.generation.events)} events in ${fmt(raw.generation.ms)} ms; ${fmt(raw.generation.orders)} orders, ${fmt(raw.generation.streams)} streams`);
  log(`  types: ${JSON.stringify(raw.generation.types)}`);

  raw.import = [];
  for (let i = 0; i < ctx.R; i++) {
    const order = i % 2 === 0 ? ['raw', 'ed'] : ['ed', 'raw'];
    const row = {};
    for (const which of order) {
      row[which] = which === 'raw' ? await bench.evaluate(() => window.__bench.importRaw()) : await bench.evaluate(() => window.__bench.importEventDesk());
    }
    row.edEventsPerS = (row.ed.events / row.ed.ms) * 1000;
    row.rawEventsPerS = (row.raw.events / row.raw.ms) * 1000;
    row.ratio = row.raw.ms / row.ed.ms;
    raw.import.push(row);
    log(`  import #${i + 1}: EventDesk ${fmt(row.ed.ms)} ms (${fmt(row.edEventsPerS)} ev/s), raw IDB ${fmt(row.raw.ms)} ms (${fmt(row.rawEventsPerS)} ev/s), ratio ${row.ratio.toFixed(2)}`);
  }
  results.logBytes = raw.import.at(-1).ed.logBytes;
  // The last EventDesk import is still in the app DB: what its checksums cost on read.
  raw.checksum = await bench.evaluate((r) => window.__bench.checksumCost(r), Math.max(3, ctx.R));
  const c = raw.checksum;
  log(`  checksum on read, ${fmt(c.segments)} segments (${fmt(c.chars / 1e6, 1)} M chars): parse ${fmt(median(c.parseMs))} ms, verify ${fmt(median(c.verifyMs))} ms, checksum alone ${fmt(median(c.checksumMs))} ms`);
  await bench.evaluate(() => window.__bench.drop());
  await bench.close();
}

export function figures(F, raw) {
  const imp = raw.import;
  F.importEventsPerS = { value: median(imp.map((r) => r.edEventsPerS)), goal: '≥ 100,000 ev/s', pass: median(imp.map((r) => r.edEventsPerS)) >= 100_000 };
  if (raw.checksum) {
    const c = raw.checksum;
    const perMillion = (ms) => (ms / Math.max(1, c.events)) * 1e6;
    F.checksumReadCost = {
      value: (median(c.verifyMs) / median(c.parseMs) - 1) * 100,
      parseMsPerMillion: perMillion(median(c.parseMs)),
      verifyMsPerMillion: perMillion(median(c.verifyMs)),
      checksumMsPerMillion: perMillion(median(c.checksumMs)),
      goal: '(info)',
      pass: null,
    };
  }
  F.importRatio = { value: median(imp.map((r) => r.ratio)), goal: '≥ 0.9 × raw IDB', pass: median(imp.map((r) => r.ratio)) >= 0.9, rawEventsPerS: median(imp.map((r) => r.rawEventsPerS)) };
}

export function rows({ figures: F, raw }) {
  return [
    ['bulk import (median of ' + raw.import.length + ')', `${fmt(F.importEventsPerS.value)} ev/s`, F.importEventsPerS.goal, F.importEventsPerS.pass],
    ...(F.checksumReadCost
      ? [[
          'segment read: verified (checksum + parse) vs parse only, per 1M events',
          `${fmt(F.checksumReadCost.verifyMsPerMillion)} vs ${fmt(F.checksumReadCost.parseMsPerMillion)} ms (+${fmt(F.checksumReadCost.value, 0)}%; checksum alone ${fmt(F.checksumReadCost.checksumMsPerMillion)} ms)`,
          F.checksumReadCost.goal,
          null,
        ]]
      : []),
    ['import ÷ raw IndexedDB 1,000-event records', `${fmt(F.importRatio.value, 2)} (raw ${fmt(F.importRatio.rawEventsPerS)} ev/s)`, F.importRatio.goal, F.importRatio.pass],
  ];
}

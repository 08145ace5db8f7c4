// The streamed import of an NDJSON file through the app's UI (Data → Import events), at three file sizes, each into
// a fresh browser context (an empty log, so no replace question): events/s and MB/s from choosing the file to
// "Imported N events" (check + stage + swap in + rebuild of the views), and the JS heap while it runs — the live
// heap after a forced GC (sampled about twice a second) and the largest used heap seen (which counts garbage V8 has
// not collected yet), split into the import proper (reading, checking, staging) and the swap + rebuild after it.
// The live heap of the import proper should not grow with the file. The events are ~320-byte likes and unlikes
// of one post (random command ids, as the app writes), so the views stay small and the import is what is measured.
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { log, sleep } from '../lib/log.mjs';
import { wirePage } from '../lib/pages.mjs';
import { MB, fmt, round } from '../lib/stats.mjs';

export const name = 'import-stream';
export const stage = 'after';

export function sizes(opts) {
  const base = Math.min(100_000, Math.max(20_000, Math.round(opts.events / 10)));
  return [base, 2 * base, 4 * base];
}

/** A random-looking (but reproducible) UUID for `n`. */
function uuidOf(n) {
  let h = Math.imul(n ^ 0x5bd1e995, 0x9e3779b1);
  const part = () => ((h = Math.imul(h ^ (h >>> 15), 0x85ebca6b) >>> 0), h.toString(16).padStart(8, '0'));
  const hex = part() + part() + part() + part();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

async function writeFile(file, n) {
  const out = createWriteStream(file);
  let bytes = 0;
  for (let seq = 1; seq <= n; seq++) {
    const id = uuidOf(seq);
    const meta = { at: 1_700_000_000_000 + seq * 1000, actor: 'me', commandId: id, correlationId: id, causationId: id };
    const data = seq === 1 ? { postId: 'p1', title: 'A post', author: 'me' } : { postId: 'p1', userId: `fan${Math.floor(seq / 2) % 7}` };
    const type = seq === 1 ? 'PostCreated' : seq % 2 === 0 ? 'PostLiked' : 'PostUnliked';
    const line = `${JSON.stringify({ seq, streamId: 'post:p1', version: seq, type, schemaVersion: 1, data, meta })}\n`;
    bytes += line.length;
    if (!out.write(line)) await new Promise((resolve) => out.once('drain', resolve));
  }
  await new Promise((resolve) => out.end(resolve));
  return bytes;
}

async function measure(browser, url, file, n, bytes) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    wirePage(page, `import-stream ${n}`);
    await page.goto(url);
    await page.waitForFunction(() => window.__eventdesk?.store.getState().phase === 'ready', null, { timeout: 60_000 });
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const baseline = (await cdp.send('Runtime.getHeapUsage')).usedSize;
    const phase = async () => {
      const s = await page.evaluate(() => ({
        status: document.querySelector('.data-panel__status')?.textContent ?? '',
        progress: document.querySelector('.data-panel__progress span')?.textContent ?? '',
      }));
      if (s.status.includes('Imported')) return 'done';
      return /Writing/.test(s.progress) ? 'swap' : 'import';
    };
    const heap = { import: { live: 0, used: 0 }, swap: { live: 0, used: 0 } };
    const t0 = Date.now();
    await page.getByLabel('Import events').setInputFiles(file);
    let checkedAt = null;
    for (let i = 0; ; i++) {
      const p = await phase();
      if (p === 'done') break;
      if (p === 'swap' && checkedAt === null) checkedAt = Date.now();
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      heap[p].used = Math.max(heap[p].used, usedSize);
      if (i % 5 === 4) {
        await cdp.send('HeapProfiler.collectGarbage');
        heap[p].live = Math.max(heap[p].live, (await cdp.send('Runtime.getHeapUsage')).usedSize);
      }
      if (Date.now() - t0 > 20 * 60_000) throw new Error(`import of ${n} events did not finish in 20 min`);
      await sleep(100);
    }
    const ms = Date.now() - t0;
    const head = await page.evaluate(() => window.__eventdesk.desk.store.headSeq());
    if (head !== n) throw new Error(`imported ${head} events, expected ${n}`);
    return {
      events: n,
      fileMB: round(bytes / MB, 1),
      ms,
      checkMs: checkedAt === null ? null : checkedAt - t0,
      eventsPerS: round((n / ms) * 1000, 0),
      mbPerS: round(bytes / MB / (ms / 1000), 2),
      baselineMB: round(baseline / MB, 1),
      importLiveMB: round(heap.import.live / MB, 1),
      importUsedMB: round(heap.import.used / MB, 1),
      swapLiveMB: round(heap.swap.live / MB, 1),
      swapUsedMB: round(heap.swap.used / MB, 1),
    };
  } finally {
    await context.close();
  }
}

export async function run(ctx) {
  const { context, url, opts, raw } = ctx;
  raw.importStream = [];
  const dir = mkdtempSync(path.join(tmpdir(), 'eventdesk-bench-stream-'));
  try {
    for (const n of sizes(opts)) {
      const file = path.join(dir, `likes-${n}.ndjson`);
      const bytes = await writeFile(file, n);
      log(`streamed import of ${fmt(n)} events (${fmt(bytes / MB, 1)} MB) through the UI…`);
      const r = await measure(context.browser(), url, file, n, bytes);
      raw.importStream.push(r);
      log(
        `  ${fmt(r.ms)} ms (${fmt(r.eventsPerS)} ev/s, ${fmt(r.mbPerS, 2)} MB/s; checked and staged in ${fmt(r.checkMs)} ms); ` +
          `live heap ${fmt(r.importLiveMB, 1)} MB importing, ${fmt(r.swapLiveMB, 1)} MB swapping + rebuilding (baseline ${fmt(r.baselineMB, 1)} MB)`,
      );
      rmSync(file, { force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function figures(F, raw) {
  const runs = raw.importStream ?? [];
  if (!runs.length) return;
  const largest = runs.at(-1);
  const growth = largest.importLiveMB - runs[0].importLiveMB;
  F.streamImportEventsPerS = { value: largest.eventsPerS, mbPerS: largest.mbPerS, events: largest.events, goal: '(info)', pass: null };
  // Flat: the live heap of the import proper grows by less than 8 MB while the file grows 4×.
  F.streamImportHeapGrowthMB = { value: round(growth, 1), perSize: runs.map((r) => [r.events, r.importLiveMB]), goal: '< 8 MB as the file grows 4×', pass: growth < 8 };
}

export function rows({ figures: F, raw }) {
  if (!F.streamImportEventsPerS) return [];
  const runs = raw.importStream;
  return [
    [
      `streamed import via the UI, ${fmt(F.streamImportEventsPerS.events)} events (check + stage + swap + rebuild)`,
      `${fmt(F.streamImportEventsPerS.value)} ev/s (${fmt(F.streamImportEventsPerS.mbPerS, 2)} MB/s)`,
      F.streamImportEventsPerS.goal,
      null,
    ],
    [
      'streamed import: live heap while importing, by file size',
      runs.map((r) => `${fmt(r.fileMB, 0)} MB → ${fmt(r.importLiveMB, 1)} MB`).join(', '),
      F.streamImportHeapGrowthMB.goal,
      F.streamImportHeapGrowthMB.pass,
    ],
  ];
}

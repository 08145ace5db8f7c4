// node bench/ab/rebuild-profile.mjs <tree root> [events=200000] [runs=2]   (BUILD=1 to build that tree first)
// Where a full rebuild's main-thread time goes: times `desk.timeMachine.rebuild()` in headless Chromium under a
// CDP CPU profile (sampled every 200 µs) and prints the top functions by self time, plus the idle share (time the
// main thread waits on IndexedDB). Self time by function, not wall time, is what tells a read from a fold from a
// snapshot write on a machine shared with other load. It also prints the CPU seconds all of Chromium's processes
// used during each rebuild (utime+stime from /proc, as bench/ab/cpu-probe.mjs): CPU time barely grows with load.
import { chromiumCpuSeconds, importHistory, newProbeContext, sleep, treeLib, withBenchBrowser } from './probe-kit.mjs';
const root = process.argv[2];
const N = Number(process.argv[3] ?? 200000);
const RUNS = Number(process.argv[4] ?? 2);
const lib = await treeLib(root, ['chromium', 'pages', 'server']);
await withBenchBrowser(lib, { events: N, build: !!process.env.BUILD }, async ({ browser, url }) => {
  const context = await newProbeContext(browser);
  await importHistory(lib, context, url, N);
  const { page } = await lib.openApp(context, url, 'app');
  await sleep(3000);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  for (let run = 0; run < RUNS; run++) {
    await cdp.send('Profiler.start');
    const cpu0 = chromiumCpuSeconds();
    const r = await page.evaluate(async () => {
      const t0 = performance.now();
      const live = await window.__eventdesk.desk.timeMachine.rebuild();
      return { ms: performance.now() - t0, seq: live.seq };
    });
    const cpuS = chromiumCpuSeconds() - cpu0;
    const { profile } = await cdp.send('Profiler.stop');
    const dt = new Map();
    for (let i = 0; i < profile.samples.length; i++) dt.set(profile.samples[i], (dt.get(profile.samples[i]) ?? 0) + profile.timeDeltas[i] / 1000);
    const self = new Map();
    let total = 0;
    for (const n of profile.nodes) {
      const ms = dt.get(n.id) ?? 0;
      total += ms;
      const f = n.callFrame;
      const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
      self.set(key, (self.get(key) ?? 0) + ms);
    }
    console.log(`rebuild #${run + 1}: ${r.ms.toFixed(0)} ms, ${r.seq} events → ${Math.round((r.seq / r.ms) * 1000)} ev/s (profile ${total.toFixed(0)} ms), Chromium CPU ${cpuS.toFixed(2)} s`);
    for (const [k, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${ms.toFixed(0).padStart(6)} ms ${((ms / total) * 100).toFixed(1).padStart(5)}%  ${k}`);
  }
  await context.close();
});

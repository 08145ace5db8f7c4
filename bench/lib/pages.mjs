// Opening the bench page and the app, following their console, waiting for subscribers, reading the heap.
import { log, sleep } from './log.mjs';
import { coldStartProbe } from './probes.mjs';
import { MB, fmt, round } from './stats.mjs';

export async function openBench(context, url) {
  const page = await context.newPage();
  wirePage(page, 'bench');
  await page.goto(`${url}bench/page/bench.html`);
  await page.waitForFunction(() => !!window.__bench, null, { timeout: 60_000 });
  await page.evaluate(() => localStorage.setItem('eventdesk.executorPaused', 'true'));
  return page;
}

/** Errors and crashes of every page the bench opened; reported in results.json. */
export const pageErrors = [];
export function wirePage(page, name) {
  page.on('console', (m) => {
    const text = m.text();
    if (text.startsWith('[bench]')) log(`(${name})`, text);
    else if (m.type() === 'error') pageErrors.push(`${name} console.error: ${text}`);
  });
  page.on('pageerror', (e) => pageErrors.push(`${name} pageerror: ${e.message}`));
  page.on('crash', () => pageErrors.push(`${name} crashed`));
}

/** Opens the app and waits until its views are at the head. */
export async function openApp(context, url, name) {
  const page = await context.newPage();
  wirePage(page, name);
  await page.addInitScript(coldStartProbe);
  await page.goto(url);
  const deadline = Date.now() + 30 * 60_000;
  let lastLog = 0;
  for (;;) {
    const st = await page.evaluate(() => {
      const c = window.__cold;
      const s = window.__eventdesk?.store.getState();
      return { frame: c.frame, failed: c.failed, progress: s?.progress ?? null };
    });
    if (st.failed) throw new Error(`app start failed: ${st.failed}`);
    if (st.frame !== undefined) break;
    if (Date.now() > deadline) throw new Error('app did not become ready in 30 min');
    if (st.progress && Date.now() - lastLog > 5000) {
      lastLog = Date.now();
      log(`  ${name}: start progress ${fmt(st.progress.done)} / ${fmt(st.progress.total)}`);
    }
    await sleep(st.progress ? 200 : 10);
  }
  const cold = await page.evaluate(() => window.__cold);
  return { page, cold };
}

/** Waits until every subscriber has handled the whole log (they run in the leader tab after start). */
export async function waitSubscribers(page, timeoutMs = 20 * 60_000) {
  const t = Date.now();
  let lastLog = 0;
  for (;;) {
    const st = await page.evaluate(() => {
      const { desk, store } = window.__eventdesk;
      return { head: store.getState().head, leader: desk.isLeader, subs: desk.subscriberStatus() };
    });
    // A subscriber without a status yet (runner still loading its checkpoint) counts as behind.
    const behind = st.subs.filter((s) => !s || typeof s.seq !== 'number' || s.seq < st.head || s.running);
    if (st.leader && behind.length === 0) return { ms: Date.now() - t, subs: st.subs };
    if (st.subs.length === 0 && st.leader) return { ms: Date.now() - t, subs: st.subs };
    if (st.subs.some((s) => s?.error)) return { ms: Date.now() - t, subs: st.subs, error: true };
    if (Date.now() - t > timeoutMs) return { ms: Date.now() - t, subs: st.subs, timeout: true };
    if (Date.now() - lastLog > 10_000) {
      lastLog = Date.now();
      log(`  subscribers: ${st.subs.map((s, i) => `#${i + 1} ${fmt(s?.seq)}`).join(', ')} / ${fmt(st.head)}${st.leader ? '' : ' (not leader yet)'}`);
    }
    await sleep(250);
  }
}

export async function heapUsage(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  for (let i = 0; i < 2; i++) await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize, totalSize } = await cdp.send('Runtime.getHeapUsage');
  const perfMemory = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? null);
  await cdp.detach();
  return { usedMB: round(usedSize / MB, 1), totalMB: round(totalSize / MB, 1), performanceMemoryMB: perfMemory && round(perfMemory / MB, 1) };
}

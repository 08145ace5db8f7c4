// What every bench/ab probe shares: loading the bench helpers of the tree under test, serving its bench build with
// headless Chromium, importing a generated history, and reading Chromium's CPU time from /proc. The probes compare
// trees (A/B), so the tree's own bench/lib is loaded from its root at run time; this kit only uses node built-ins and
// what that tree passes in, so it works against an older tree that has no kit of its own.
import { readFileSync, readdirSync } from 'node:fs';

/** The bench helpers of the tree at `root` (bench/lib/<name>.mjs for each of `names`), merged into one object. */
export async function treeLib(root, names = ['chromium', 'pages', 'server', 'probes']) {
  const mods = await Promise.all(names.map((m) => import(`${root}/bench/lib/${m}.mjs`)));
  return Object.assign({}, ...mods);
}

/**
 * Serves the tree's bench build, launches Chromium, runs `body({ browser, url })`, then closes both (also on a throw).
 * `build`: build the tree first (else its existing build is served, built only if missing).
 */
export async function withBenchBrowser(lib, { events, build = false, profile = false }, body) {
  const { server, url } = await lib.buildAndServe({ build, profile, events });
  const browser = await lib.launchBrowser();
  try {
    return await body({ browser, url });
  } finally {
    await browser.close().catch(() => {});
    await server.close().catch(() => {});
  }
}

/** A browser context at the bench's viewport. */
export function newProbeContext(browser) {
  return browser.newContext({ viewport: { width: 1280, height: 800 } });
}

/** Opens the bench page and generates `events` events (seed 2026); returns the page, to import from and close. */
export async function generateHistory(lib, context, url, events, seed = 2026) {
  const bench = await lib.openBench(context, url);
  await bench.evaluate(([n, s]) => window.__bench.generate(n, s), [events, seed]);
  return bench;
}

/** Generates `events` events and imports them into EventDesk once, closing the bench page after. */
export async function importHistory(lib, context, url, events) {
  const bench = await generateHistory(lib, context, url, events);
  await bench.evaluate(() => window.__bench.importEventDesk());
  await bench.close();
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * CPU seconds used so far by the processes under `rootPid` (default: this one), from /proc (10 ms ticks): utime +
 * stime, plus the times of their reaped children with `childTimes`; only processes named chrom* with `chromiumOnly`.
 * CPU time barely grows when other work shares the cores, so it compares trees on a loaded machine where wall time cannot.
 */
export function chromiumCpuSeconds({ rootPid = process.pid, childTimes = false, chromiumOnly = false } = {}) {
  const children = new Map();
  const ticks = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(Number(d), Number(f[11]) + Number(f[12]) + (childTimes ? Number(f[13]) + Number(f[14]) : 0));
      const ppid = Number(f[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(d));
    } catch {
      // the process ended while listed
    }
  }
  let total = 0;
  const stack = [...(children.get(rootPid) ?? [])];
  while (stack.length) {
    const p = stack.pop();
    if (!chromiumOnly || /chrom/.test(comm(p))) total += ticks.get(p) ?? 0;
    stack.push(...(children.get(p) ?? []));
  }
  return total / 100;
}

function comm(pid) {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8');
  } catch {
    return ''; // gone
  }
}

/**
 * Self time (µs) by trace event name on the renderer main thread (the thread with the most FunctionCall/RunTask
 * events) of a Chrome trace: complete ('X') events, nested by their timestamps.
 */
export function mainThreadSelfTimes(events) {
  const byThread = new Map();
  for (const e of events) if (e.name === 'FunctionCall' || e.name === 'RunTask') byThread.set(`${e.pid}:${e.tid}`, (byThread.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
  const main = [...byThread].sort((a, b) => b[1] - a[1])[0][0];
  const self = new Map();
  const list = events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const stack = [];
  for (const e of list) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
    if (stack.length) self.set(stack.at(-1).name, (self.get(stack.at(-1).name) ?? 0) - e.dur);
    self.set(e.name, (self.get(e.name) ?? 0) + e.dur);
    stack.push(e);
  }
  return self;
}

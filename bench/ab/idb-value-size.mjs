// Does Chromium's IndexedDB cost more per byte for values above its blob-wrapping threshold (~64 KB)?
// Writes the same total bytes as big or small string records, then reads them back page by page.
// node bench/ab/idb-value-size.mjs <tree root>: uses that tree's built bench dist (run its bench or a probe with BUILD=1 first).
import { treeLib, withBenchBrowser } from './probe-kit.mjs';
const root = process.argv[2];
const lib = await treeLib(root, ['chromium', 'server']);
await withBenchBrowser(lib, { events: 1000 }, async ({ browser, url }) => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(url + 'bench/page/bench.html');
  for (const round of [1, 2]) for (const size of [294_000, 58_800, 29_400]) {
    const r = await page.evaluate(async ([size, round]) => {
      const total = 58_800_000, n = Math.round(total / size);
      const name = `p${size}-${round}`;
      const db = await new Promise((res, rej) => { const q = indexedDB.open(name, 1); q.onupgradeneeded = () => q.result.createObjectStore('s'); q.onsuccess = () => res(q.result); q.onerror = () => rej(q.error); });
      const base = '{"seq":1,"type":"OrderPlaced","data":{"x":12345}},'.repeat(Math.ceil(size / 50)).slice(0, size);
      await new Promise((res) => { const tx = db.transaction('s', 'readwrite'); for (let i = 0; i < n; i++) tx.objectStore('s').put(base + i, i); tx.oncomplete = res; });
      const t0 = performance.now();
      const per = Math.max(1, Math.round(n / 200) * 20);
      let chars = 0;
      for (let i = 0; i < n; i += per) {
        const vals = await new Promise((res) => { const q = db.transaction('s').objectStore('s').getAll(IDBKeyRange.bound(i, i + per - 1)); q.onsuccess = () => res(q.result); });
        for (const v of vals) chars += v.length;
      }
      const ms = performance.now() - t0;
      db.close();
      indexedDB.deleteDatabase(name);
      return { size, n, ms: Math.round(ms), chars };
    }, [size, round]);
    console.log(`round ${round}: ${r.n} records of ${r.size} chars: read all in ${r.ms} ms (${r.chars} chars)`);
  }
});

// What one sealed 1,000-event segment of the bench's history holds (seed 2026): events per type and how many distinct
// orders, posts, (post, user) pairs and wallet events it touches — the size of a per-segment range summary.
// Build and run: node bench/micro/run.mjs segment-shape [events=100000]
import { generateDemoHistory } from '../../src/domain/demo-data';

const N = Number(process.argv[2] ?? 100_000);
const events = await generateDemoHistory({ seed: 2026, eventsTarget: N, startAt: Date.UTC(2026, 0, 1), quantityRange: [5_000, 50_000], batchSizeRange: [20, 100] });
const byType = new Map<string, number>();
for (const e of events) byType.set(e.type, (byType.get(e.type) ?? 0) + 1);
console.log([...byType].sort((a, b) => b[1] - a[1]).map(([t, n]) => `${t} ${n}`).join(', '));
let orders = 0, posts = 0, pairs = 0, streams = 0, segs = 0;
for (let i = 0; i + 1000 <= events.length; i += 1000) {
  const seg = events.slice(i, i + 1000);
  const o = new Set<string>(), p = new Set<string>(), u = new Set<string>(), s = new Set<string>();
  for (const e of seg) {
    const d = e.data as { orderId?: string; postId?: string; userId?: string };
    if (d.orderId) o.add(d.orderId);
    if (d.postId) p.add(d.postId);
    if (d.userId && d.postId) u.add(d.postId + ' ' + d.userId);
    s.add(e.streamId);
  }
  orders += o.size; posts += p.size; pairs += u.size; streams += s.size; segs++;
}
console.log(`per segment: orders ${orders / segs}, posts ${posts / segs}, (post,user) ${pairs / segs}, streams ${streams / segs}`);

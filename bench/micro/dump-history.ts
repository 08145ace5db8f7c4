// Writes the bench's generated history (seed 2026) as one JSON array, for probes that must not regenerate it.
import { writeFileSync } from 'node:fs';
import { generateDemoHistory } from '../../src/domain/demo-data';
const [n, file] = [Number(process.argv[2] ?? 100_000), process.argv[3] ?? '/tmp/history.json'];
const events = await generateDemoHistory({ seed: 2026, eventsTarget: n, startAt: Date.UTC(2026, 0, 1), quantityRange: [5_000, 50_000], batchSizeRange: [20, 100] });
writeFileSync(file, JSON.stringify(events));
console.log(`${events.length} events → ${file}`);

// Instruction-count probe of a segment read: node read-cost.mjs history.json K mode (mode: parse | sum | none).
import { readFileSync } from 'node:fs';
import { checksum32 } from '../../src/engine/checksum';
import { SEGMENT_SIZE, encodeSegment } from '../../src/engine/dexie/eventdesk-db';
const events = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const K = Number(process.argv[3] ?? 0);
const mode = process.argv[4] ?? 'none';
const records = [];
for (let s = 0; s * SEGMENT_SIZE < events.length; s++) records.push(encodeSegment(s, events.slice(s * SEGMENT_SIZE, (s + 1) * SEGMENT_SIZE)));
let x = 0;
for (let k = 0; k < K; k++) for (const r of records) x += mode === 'parse' ? JSON.parse(r.json).length : mode === 'sum' ? checksum32(r.json) & 1 : 0;
console.log(records.length, K, mode, x);

// The measured sections of `npm run bench`. Each section is one module exporting:
//   name    a short id (for logs)
//   stage   'data'  — builds/reads the stored history; runs first, in list order (cold-start leaves ctx.app open)
//           'app'   — measures on the app page ctx.app at the head ctx.head, in list order
//           'after' — runs after ctx.app closed (opens its own pages; may replace the app's database)
//   run(ctx)                  measures and stores raw samples under ctx.raw
//   figures(F, raw, results)  sets results.figures keys (goal + pass/null)
//   rows(results)             table rows [figure, value, goal, pass: boolean | null | 'info' | 'report']
// To add a section: write bench/sections/<name>.mjs and list it in SECTIONS (run order) and REPORT (table order).
import * as coldStart from './cold-start.mjs';
import * as command from './commands.mjs';
import * as compare from './compare.mjs';
import * as drag from './drag.mjs';
import * as eventLog from './event-log-scroll.mjs';
import * as heap from './heap.mjs';
import * as importSection from './import.mjs';
import * as importStream from './import-stream.mjs';
import * as jumps from './jumps.mjs';
import * as peers from './peers.mjs';
import * as rebuild from './rebuild.mjs';
import * as seekVsReplay from './seek-vs-replay.mjs';
import * as storage from './storage.mjs';
import * as sweep from './sweep.mjs';
import * as sync from './sync.mjs';
import * as syncCluster from './sync-cluster.mjs';

export const SECTIONS = [importSection, rebuild, coldStart, sweep, jumps, seekVsReplay, drag, compare, eventLog, command, storage, heap, importStream, peers, sync, syncCluster];

/** Order of the figures in results.json and of the rows in the printed table. */
export const REPORT = [importSection, importStream, rebuild, coldStart, sweep, jumps, seekVsReplay, drag, compare, command, heap, storage, eventLog, peers, sync, syncCluster];

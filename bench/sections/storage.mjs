// Bytes on disk: snapshots against the log (both as JSON length).
import { log } from '../lib/log.mjs';
import { MB, fmt } from '../lib/stats.mjs';

export const name = 'storage';
export const stage = 'app';

export async function run(ctx) {
  const s = (ctx.raw.storage = await ctx.app.evaluate(() => window.__eventdesk.desk.storageUse()));
  s.ratio = s.snapshotBytes / s.logBytes;
  log(`  storage: log ${fmt(s.logBytes / MB, 1)} MB, snapshots ${fmt(s.snapshotBytes / MB, 1)} MB (${s.snapshots}) → ${(s.ratio * 100).toFixed(2)}%`);
}

export function figures(F, raw) {
  F.snapshotRatio = { value: raw.storage.ratio, goal: '≤ 10%', pass: raw.storage.ratio <= 0.1 };
}

export function rows({ figures: F, raw }) {
  return [['snapshot bytes / log bytes', `${fmt(F.snapshotRatio.value * 100, 2)}% (${raw.storage.snapshots} snapshots)`, F.snapshotRatio.goal, F.snapshotRatio.pass]];
}

// Scrolling the Event log list from top to bottom in 600 frames: dropped frames.
import { log } from '../lib/log.mjs';
import { fmt } from '../lib/stats.mjs';

export const name = 'eventLog';
export const stage = 'app';

export async function run(ctx) {
  ctx.raw.eventLog = await eventLogScroll(ctx.app).catch((e) => ({ available: false, error: String(e) }));
  log(`  event log scroll: ${JSON.stringify(ctx.raw.eventLog)}`);
}

export function figures(F, raw) {
  F.eventLogScroll = raw.eventLog.available
    ? {
        dropped: raw.eventLog.dropped,
        frames: raw.eventLog.frames,
        droppedShare: raw.eventLog.dropped / raw.eventLog.frames,
        over33ms: raw.eventLog.over33ms,
        goal: '≤ 1% dropped frames',
        pass: raw.eventLog.dropped / raw.eventLog.frames <= 0.01,
      }
    : { value: 'n/a', goal: '≤ 1% dropped frames', pass: false };
}

export function rows({ figures: F, raw }) {
  return [
    [
      'event log scroll top → bottom',
      raw.eventLog.available
        ? `${raw.eventLog.dropped} dropped of ${raw.eventLog.frames} frames, ${raw.eventLog.over33ms} > 33 ms, max ${raw.eventLog.maxFrameMs} ms (${fmt(raw.eventLog.rows)} rows)`
        : 'n/a (no Event log list)',
      F.eventLogScroll.goal,
      F.eventLogScroll.pass,
    ],
  ];
}

async function eventLogScroll(page) {
  const list = page.locator('[role="list"][aria-label="Event log"]');
  if ((await list.count()) === 0) return { available: false };
  await list.first().scrollIntoViewIfNeeded();
  return page.evaluate(async () => {
    const el = document.querySelector('[role="list"][aria-label="Event log"]');
    el.scrollTop = 0;
    await new Promise((r) => setTimeout(r, 500));
    const range = el.scrollHeight - el.clientHeight;
    const rowsPx = 28;
    const frames = 600;
    const step = range / frames;
    const t = [];
    await new Promise((resolve) => {
      let i = 0;
      const tick = (now) => {
        t.push(now);
        if (i >= frames) return resolve();
        i++;
        el.scrollTop = Math.min(range, i * step);
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const intervals = t.slice(1).map((x, i) => x - t[i]);
    await new Promise((r) => setTimeout(r, 1000));
    const rows = [...el.querySelectorAll('[role="listitem"]')];
    const loading = rows.filter((r) => /Loading/.test(r.textContent ?? '')).length;
    return {
      available: true,
      scrollHeightPx: el.scrollHeight,
      rows: Math.round(el.scrollHeight / rowsPx),
      frames: intervals.length,
      pxPerFrame: Math.round(step),
      durationMs: Math.round(t.at(-1) - t[0]),
      dropped: intervals.reduce((n, d) => n + Math.max(0, Math.round(d / (1000 / 60)) - 1), 0),
      over16_7ms: intervals.filter((d) => d > 16.7 * 1.2).length,
      over33ms: intervals.filter((d) => d > 33.4).length,
      maxFrameMs: Math.round(Math.max(...intervals) * 10) / 10,
      atBottom: Math.abs(el.scrollTop - range) < 2,
      rowsRenderedAtEnd: rows.length,
      rowsStillLoading1sAfter: loading,
    };
  });
}

// FPS while dragging the real Timeline slider with the mouse for 3 s (requestAnimationFrame intervals).
import { log, sleep } from '../lib/log.mjs';
import { fmt, round, summary } from '../lib/stats.mjs';

export const name = 'drag';
export const stage = 'app';

export async function run(ctx) {
  ctx.raw.drag = await dragFps(ctx.app);
  log(`  drag: ${ctx.raw.drag.fps} fps, ${ctx.raw.drag.longFrames25ms} frames > 25 ms, max ${ctx.raw.drag.maxFrameMs} ms`);
}

export function figures(F, raw) {
  F.dragFps = { value: raw.drag.fps, goal: '≥ 58 fps', pass: raw.drag.fps >= 58, longFrames25ms: raw.drag.longFrames25ms };
}

export function rows({ figures: F }) {
  return [['FPS while dragging the slider', `${fmt(F.dragFps.value, 1)} fps (${F.dragFps.longFrames25ms} frames > 25 ms)`, F.dragFps.goal, F.dragFps.pass]];
}

async function dragFps(page) {
  await page.evaluate(() => window.__eventdesk.store.getState().goLive());
  await sleep(300);
  const slider = page.getByRole('slider', { name: 'Timeline' });
  await slider.scrollIntoViewIfNeeded();
  const box = await slider.boundingBox();
  if (!box) throw new Error('Timeline slider has no box');
  const y = box.y + box.height / 2;
  const x0 = box.x + 4;
  const x1 = box.x + box.width - 4;
  await page.evaluate(() => {
    const f = (window.__frames = { t: [], run: true });
    const loop = (t) => {
      f.t.push(t);
      if (f.run) requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  });
  await sleep(100);
  const durationMs = 3000;
  const moves = 180;
  await page.mouse.move(x0, y);
  await page.mouse.down();
  const start = Date.now();
  for (let i = 1; i <= moves; i++) {
    await page.mouse.move(x0 + ((x1 - x0) * i) / moves, y);
    const wait = start + (durationMs * i) / moves - Date.now();
    if (wait > 0) await sleep(wait);
  }
  await page.mouse.up();
  const elapsed = Date.now() - start;
  const frames = await page.evaluate(() => {
    window.__frames.run = false;
    return window.__frames.t;
  });
  const cursor = await page.evaluate(() => window.__eventdesk.store.getState().cursor);
  const first = frames.findIndex((t) => t >= frames[0] + 100);
  const fr = frames.slice(Math.max(0, first));
  const intervals = fr.slice(1).map((t, i) => t - fr[i]);
  const span = fr.at(-1) - fr[0];
  return {
    moves,
    dragMs: elapsed,
    frames: fr.length,
    fps: round(((fr.length - 1) * 1000) / span, 1),
    longFrames25ms: intervals.filter((d) => d > 25).length,
    longFrames50ms: intervals.filter((d) => d > 50).length,
    maxFrameMs: round(Math.max(...intervals), 1),
    frameMs: summary(intervals),
    endCursor: cursor,
  };
}

// The stats chart below the fold: while the slider moves it draws nothing (its redraws were ~4 ms of script per
// step), and once scrolled into view it shows exactly what it shows when the slider moves with it in view.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, serverUrl } from './support/browser';
import { loadDemo, pauseExecutor, until } from './support/app';

/** Counts canvas clears (uPlot clears its canvas on every redraw) of the stats chart, from before the app starts. */
function countChartDraws() {
  const w = window as unknown as { __chartDraws: number };
  w.__chartDraws = 0;
  const clearRect = CanvasRenderingContext2D.prototype.clearRect;
  CanvasRenderingContext2D.prototype.clearRect = function (this: CanvasRenderingContext2D, ...args: [number, number, number, number]) {
    if (this.canvas.closest?.('.stats__chart')) w.__chartDraws++;
    return clearRect.apply(this, args);
  };
}

const draws = (page: Page) => page.evaluate(() => (window as unknown as { __chartDraws: number }).__chartDraws);
const shownSeq = (page: Page) => page.evaluate(() => Number(document.getElementById('desk')?.dataset.shownSeq));

/** Scrolls the chart into view and returns its pixels once its (throttled) redraws have settled. */
async function chartPixels(page: Page): Promise<string> {
  await page.locator('.stats__chart').scrollIntoViewIfNeeded();
  let last = '';
  await until(
    async () => {
      await page.waitForTimeout(300);
      const now = await page.evaluate(() => document.querySelector<HTMLCanvasElement>('.stats__chart canvas')?.toDataURL() ?? '');
      const same = now !== '' && now === last;
      last = now;
      return same;
    },
    15_000,
    0,
    'the chart to settle',
  );
  return last;
}

describe('stats chart below the fold', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('draws nothing while off screen and shows the position exactly once scrolled into view', async () => {
    const { page, errors, close } = await newPage(browser, serverUrl(), { viewport: { width: 1280, height: 800 } });
    try {
      await page.addInitScript(countChartDraws);
      await page.reload();
      const head = await loadDemo(page);
      await pauseExecutor(page);
      const atHead = await chartPixels(page);
      await page.evaluate(() => window.scrollTo(0, 0));
      const below = await page.evaluate(() => document.querySelector('.stats__chart')!.getBoundingClientRect().top > window.innerHeight);
      expect(below).toBe(true);
      await page.waitForTimeout(300);

      const before = await draws(page);
      const target = Math.floor(head / 3);
      for (const seq of [head - 5, Math.floor(head / 2), target]) {
        await page.evaluate((s) => window.__eventdesk.store.getState().seek(s), seq);
        await until(async () => (await shownSeq(page)) === seq, 15_000, 25, `views at ${seq}`);
        await page.waitForTimeout(200);
      }
      expect(await draws(page)).toBe(before);

      const scrolledIn = await chartPixels(page);
      expect(await draws(page)).toBeGreaterThan(before);
      expect(scrolledIn === atHead).toBe(false);
      // The same position reached with the chart in view (drawn on every step) looks the same.
      await page.evaluate(() => window.__eventdesk.store.getState().goLive());
      expect((await chartPixels(page)) === atHead).toBe(true);
      await page.evaluate((s) => window.__eventdesk.store.getState().seek(s), target);
      await until(async () => (await shownSeq(page)) === target, 15_000, 25, `views at ${target}`);
      expect((await chartPixels(page)) === scrolledIn).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});

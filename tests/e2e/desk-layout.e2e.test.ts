// The desk as a Korean or English user sees it in real Chromium: nothing cut, nothing spilling out of its
// panel, Korean drawn in a Korean font, chart dates apart (issue 12, items 2, 9, 11 and the stats axis).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, serverUrl } from './support/browser';
import { charge, createPost, loadDemo, seek, until, waitShown } from './support/app';

/** Every text the stats chart draws on its canvas, with where and how wide (recorded before the app loads). */
function recordChartText() {
  const w = window as unknown as { __chartText: { text: string; x: number; y: number; width: number; align: string }[] };
  w.__chartText = [];
  const original = CanvasRenderingContext2D.prototype.fillText;
  CanvasRenderingContext2D.prototype.fillText = function (this: CanvasRenderingContext2D, text: string, x: number, y: number, maxWidth?: number) {
    if (this.canvas.closest('.stats__chart')) w.__chartText.push({ text, x, y, width: this.measureText(text).width, align: this.textAlign });
    return maxWidth === undefined ? original.call(this, text, x, y) : original.call(this, text, x, y, maxWidth);
  };
}

/** The x-axis labels of the last chart draw, left to right: [left, right] edges in canvas px. */
async function xAxisLabels(page: Page): Promise<{ text: string; left: number; right: number }[]> {
  return page.evaluate(() => {
    const all = (window as unknown as { __chartText: { text: string; x: number; y: number; width: number; align: string }[] }).__chartText;
    // The x axis is drawn below the plot: its labels share the largest y.
    const bottom = Math.max(...all.map((t) => t.y));
    const row = all.filter((t) => t.y === bottom && /\d/.test(t.text));
    // Only the last draw: labels repeat with each redraw, so keep the final run of increasing x.
    let start = row.length - 1;
    while (start > 0 && row[start - 1].x < row[start].x) start--;
    return row.slice(start).map((t) => {
      const left = t.align === 'center' ? t.x - t.width / 2 : t.align === 'right' ? t.x - t.width : t.x;
      return { text: t.text, left, right: left + t.width };
    });
  });
}

async function setLanguage(page: Page, language: 'en' | 'ko') {
  await page.getByRole('button', { name: language === 'ko' ? '한국어' : 'English' }).click();
  await page.waitForFunction((l) => window.__eventdesk.store.getState().language === l, language);
}

describe('the desk in English and Korean: nothing cut or spilling', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('Korean text is drawn with a Korean font (fonts-nanum or Noto CJK installed), not boxes', async () => {
    const { page, errors, close } = await newPage(browser, serverUrl(), { viewport: { width: 1400, height: 900 } });
    try {
      await loadDemo(page);
      await setLanguage(page, 'ko');
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('DOM.enable');
      await cdp.send('CSS.enable');
      const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '#event-log-heading' });
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      const families = fonts.map((f) => f.familyName);
      // "이벤트 로그": every glyph comes from a face with Hangul.
      expect(
        families.some((f) => /nanum|noto.*(cjk|kr)|malgun|apple sd gothic/i.test(f)),
        `Korean heading drawn with ${families.join(', ')}; install fonts-nanum (apt-get install -y fonts-nanum)`,
      ).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('an 80-character memo without spaces and a long post title stay inside the passbook and the notification card', async () => {
    const { page, errors, close } = await newPage(browser, serverUrl(), { viewport: { width: 1400, height: 900 } });
    try {
      await loadDemo(page);
      await charge(page, 100, 'M'.repeat(80));
      await createPost(page, 'T'.repeat(80));
      await waitShown(page);
      await page.locator('.notification', { hasText: 'TTTTTTTT' }).waitFor({ state: 'visible', timeout: 10_000 });
      for (const width of [1400, 390]) {
        await page.setViewportSize({ width, height: 900 });
        const spill = await page.evaluate(() => {
          const region = document.querySelector<HTMLElement>('[aria-label="Passbook"]')!;
          const panel = region.closest<HTMLElement>('.panel, .cell')!.getBoundingClientRect();
          const heads = [...region.querySelectorAll('th')].slice(2, 5).map((th) => th.getBoundingClientRect());
          const card = [...document.querySelectorAll<HTMLElement>('.notification')].find((n) => n.textContent?.includes('TTTTTTTT'))!;
          return {
            // In / Out / Balance inside the wallet panel.
            headsOut: heads.filter((h) => h.right > panel.right + 1 || h.left < panel.left - 1).length,
            tableWider: region.scrollWidth - region.clientWidth,
            cardWider: card.scrollWidth - card.clientWidth,
            cardOut: card.getBoundingClientRect().right - card.parentElement!.getBoundingClientRect().right,
          };
        });
        expect(spill, `at ${width} px`).toEqual({ headsOut: 0, tableWider: 0, cardWider: 0, cardOut: expect.any(Number) as number });
        expect(spill.cardOut, `at ${width} px`).toBeLessThanOrEqual(1);
      }
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('the event log time column and the Stream placeholder are whole in Korean, on the highlighted row too', async () => {
    const { page, errors, close } = await newPage(browser, serverUrl(), { viewport: { width: 1400, height: 900 } });
    try {
      const head = await loadDemo(page);
      for (const language of ['ko', 'en'] as const) {
        await setLanguage(page, language);
        await seek(page, head - 5);
        await page.locator('.event-log__item.is-current').waitFor({ state: 'visible' });
        const cut = await page.evaluate(() => {
          const times = [...document.querySelectorAll<HTMLElement>('.event-log__time')];
          const current = document.querySelector<HTMLElement>('.event-log__item.is-current .event-log__time')!;
          const input = document.querySelector<HTMLInputElement>('.event-log__filters input')!;
          const style = getComputedStyle(input);
          const ctx = document.createElement('canvas').getContext('2d')!;
          ctx.font = style.font;
          const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
          return {
            cutTimes: times.filter((t) => t.scrollWidth > t.clientWidth).map((t) => t.textContent),
            currentCut: current.scrollWidth > current.clientWidth,
            placeholderOver: Math.max(0, Math.ceil(ctx.measureText(input.placeholder).width - room)),
            rows: times.length,
          };
        });
        expect(cut.rows).toBeGreaterThan(5);
        expect(cut, language).toEqual({ cutTimes: [], currentCut: false, placeholderOver: 0, rows: cut.rows });
      }
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('the Korean stats time axis at 1400 px writes its dates apart, not over each other', async () => {
    const { page, errors, close } = await newPage(browser, serverUrl(), { viewport: { width: 1400, height: 900 } });
    try {
      await page.addInitScript(recordChartText);
      await page.reload();
      await loadDemo(page);
      for (const language of ['ko', 'en'] as const) {
        await setLanguage(page, language);
        await until(async () => (await xAxisLabels(page)).some((l) => (language === 'ko' ? /월/ : /[A-Z][a-z]{2}/).test(l.text)), 10_000, 100, 'axis labels');
        const labels = await xAxisLabels(page);
        expect(labels.length, language).toBeGreaterThanOrEqual(3);
        const overlaps = labels.slice(1).filter((l, i) => l.left < labels[i].right + 4);
        expect(overlaps, `${language}: ${labels.map((l) => l.text).join(' | ')}`).toEqual([]);
      }
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});

// The main user flow in a real browser: demo data, an order that the executor
// runs, a mouse drag on the timeline into the past, and every view at that
// seq checked against the exported log folded in Node.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPage, serverUrl } from './support/browser';
import {
  exportLog,
  fillOrder,
  fmt,
  loadDemo,
  readAll,
  shownBalance,
  boardMismatches,
  shownPassbookRows,
  shownPostLikes,
  shownStatsTotals,
  stateAt,
  uiState,
  until,
  waitShown,
  waitShownBalance,
} from './support/app';

describe('app flow: demo → order runs → drag the timeline into the past → views match the log', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('every view at a past seq (mouse drag) equals the fold of the exported log at that seq; back to live re-enables commands', async () => {
    const { page, errors, close } = await newPage(browser, serverUrl());
    try {
      const demoHead = await loadDemo(page);
      expect(demoHead).toBeGreaterThan(100);
      const balanceBefore = await shownBalance(page);

      // --- place an order through the form (balance suffices: 200 × 2 = 400 points)
      const quantity = 200;
      const unitPrice = 2;
      const batchSize = 20;
      expect(balanceBefore).toBeGreaterThan(quantity * unitPrice);
      await fillOrder(page, { quantity, unitPrice, batchSize });
      await page.getByRole('button', { name: 'Place order' }).click();
      await waitShownBalance(page, balanceBefore - quantity * unitPrice);
      const placed = (await readAll(page)).filter((e) => e.type === 'OrderPlaced' && e.seq > demoHead);
      expect(placed).toHaveLength(1);
      const orderId = (placed[0].data as { orderId: string }).orderId;
      expect(placed[0].data).toMatchObject({ quantity, unitPrice, batchSize, total: quantity * unitPrice });

      // --- watch the executor run it: a batch lands in the log and the progress bar moves
      const bar = page.getByRole('progressbar', { name: `Order #${orderId} progress` });
      await expect(bar.getAttribute('aria-valuemax')).resolves.toBe(String(quantity));
      await until(
        async () => Number(await bar.getAttribute('aria-valuenow')) >= batchSize,
        20_000,
        100,
        `order #${orderId} progress bar to move`,
      );
      const batches = (await readAll(page)).filter(
        (e) => e.type === 'ExecutionBatchSucceeded' && (e.data as { orderId: string }).orderId === orderId,
      );
      expect(batches.length).toBeGreaterThan(0);

      // --- drag the slider with the mouse to ~40% across
      const slider = page.getByRole('slider', { name: 'Timeline' });
      const box = (await slider.boundingBox())!;
      expect(box).toBeTruthy();
      const y = box.y + box.height / 2;
      await page.mouse.move(box.x + box.width - 6, y); // the thumb sits at the live (right) end
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.6, y, { steps: 8 });
      await page.mouse.move(box.x + box.width * 0.4, y, { steps: 8 });
      await page.mouse.up();

      const at = await uiState(page);
      expect(at.live).toBe(false);
      // The slider's position; the views catch up with it.
      const cursor = at.target;
      expect(cursor / at.head).toBeGreaterThan(0.3);
      expect(cursor / at.head).toBeLessThan(0.5);
      expect(Number(await slider.inputValue())).toBe(cursor);
      await waitShown(page, cursor);
      await expect
        .poll(() => page.locator('.timeline-position').textContent())
        .toMatch(new RegExp(`^Event ${fmt(cursor)} of [\\d,]+$`));
      await expect(page.locator('.badge-past').textContent()).resolves.toBe('Past');

      // --- export the log and fold it to the cursor
      const { events } = await exportLog(page);
      expect(events.length).toBeGreaterThanOrEqual(at.head);
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
      const want = stateAt(events, cursor);

      // Balance (the seek is async: wait for it to settle on the expected value)
      await waitShownBalance(page, want.passbook.balance);
      expect(await shownBalance(page)).toBe(want.passbook.balance);

      // Passbook: line count in the header; the rendered rows (virtualized: a screenful) start at the newest line
      await expect(page.locator('.panel-wallet .panel-head .muted').textContent()).resolves.toBe(
        `${fmt(want.passbook.lines.length)} transactions`,
      );
      const passbookRows = await shownPassbookRows(page);
      expect(passbookRows).toBeGreaterThan(0);
      expect(passbookRows).toBeLessThanOrEqual(Math.min(60, want.passbook.lines.length));
      const firstRowSeq = await page.locator('[role="region"][aria-label="Passbook"] tbody tr[data-seq]').first().getAttribute('data-seq');
      expect(Number(firstRowSeq)).toBe(want.passbook.lines.at(-1)!.seq);

      // Orders: the newest orders are shown, each with the fold's delivered / quantity
      expect(await boardMismatches(page, want)).toEqual([]);

      // Posts: like counts in order
      expect(await shownPostLikes(page)).toEqual(
        want.posts.order.map((id) => ({ title: want.posts.byId[id].title, likes: want.posts.byId[id].likeCount })),
      );

      // Stats totals
      const totals = want.stats.totals;
      expect(await shownStatsTotals(page)).toEqual({
        likesDelivered: totals.likesDelivered,
        balance: totals.balance,
        placed: totals.placed,
        inProgress: totals.inProgress,
        completed: totals.completed,
        failed: totals.failed,
        cancelled: totals.cancelled,
      });
      await expect(page.locator('.stats__as-of').textContent()).resolves.toMatch(new RegExp(`^As of event #${fmt(cursor)} `));

      // --- the past: banner, and every command disabled
      const banner = page.getByRole('status').filter({ hasText: 'You are viewing the past' });
      await expect(banner.textContent()).resolves.toContain(`You are viewing the past at event ${fmt(cursor)} of`);
      expect(await page.getByRole('button', { name: 'Place order' }).isDisabled()).toBe(true);
      expect(await page.getByRole('button', { name: 'Charge points' }).isDisabled()).toBe(true);
      expect(await page.getByRole('spinbutton', { name: 'Amount' }).isDisabled()).toBe(true);
      expect(await page.getByLabel('New post title').isDisabled()).toBe(true);
      expect(await page.getByLabel('Quantity', { exact: true }).isDisabled()).toBe(true);
      const likeButtons = page.getByRole('button', { name: /^(Like|Unlike) / });
      expect(await likeButtons.count()).toBe(want.posts.order.length);
      for (const b of await likeButtons.all()) expect(await b.isDisabled()).toBe(true);
      for (const b of await page.getByRole('button', { name: /^Cancel order #/ }).all()) expect(await b.isDisabled()).toBe(true);

      // The position stays put while the executor keeps appending at the head.
      expect(await uiState(page)).toMatchObject({ target: cursor, cursor, live: false });
      expect(Number(await slider.inputValue())).toBe(cursor);

      // --- back to live
      await page.getByRole('button', { name: 'Back to live' }).click();
      await until(async () => (await uiState(page)).live, 5_000, 20, 'live');
      expect(await banner.count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Place order' }).isEnabled()).toBe(true);
      expect(await page.getByRole('spinbutton', { name: 'Amount' }).isEnabled()).toBe(true);
      expect(await page.getByLabel('New post title').isEnabled()).toBe(true);
      for (const b of await likeButtons.all()) expect(await b.isEnabled()).toBe(true);
      await expect(page.locator('.badge-live').textContent()).resolves.toBe('Live');
      const live = await uiState(page);
      expect(live.cursor).toBe(live.head);
      expect(live.target).toBe(live.head);
      const all = await readAll(page);
      await waitShownBalance(page, stateAt(all, all.length).passbook.balance);

      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});

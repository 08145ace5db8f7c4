import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPage, serverUrl } from './support/browser';
import { readAll, shownBalance, waitReady } from './support/app';

/** A new user who clicks fast: the wallet must never charge twice (issue 10, idempotent commands). */
describe('idempotent commands in Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a double-click, three fast clicks and Enter held down on "Charge points" each record exactly one charge', async () => {
    const { page, errors, close } = await newPage(browser, serverUrl());
    try {
      await waitReady(page, 30_000);
      const amount = page.getByRole('spinbutton', { name: 'Amount' });
      const button = page.getByRole('button', { name: 'Charge points' });
      const charges = async () => (await readAll(page)).filter((e) => e.type === 'PointsCharged');

      // 1. A fast double-click.
      await amount.fill('100');
      await button.dblclick({ delay: 0 });
      await expect.poll(() => shownBalance(page), { timeout: 15_000 }).toBe(100);

      // 2. Three fast clicks (no wait between them).
      await amount.fill('20');
      await button.click({ clickCount: 3, delay: 0 });
      await expect.poll(() => shownBalance(page), { timeout: 15_000 }).toBe(120);

      // 3. Enter held down in the amount field: 25 auto-repeated keydowns.
      await amount.fill('3');
      await amount.focus();
      await page.keyboard.down('Enter');
      for (let i = 0; i < 25; i++) await page.keyboard.down('Enter');
      await page.keyboard.up('Enter');
      await expect.poll(() => shownBalance(page), { timeout: 15_000 }).toBe(123);

      await page.waitForTimeout(500); // anything late would land by now
      const stored = await charges();
      expect(stored.map((e) => (e.data as { amount: number }).amount)).toEqual([100, 20, 3]);
      expect(new Set(stored.map((e) => e.meta.commandId)).size).toBe(3);
      expect(await shownBalance(page)).toBe(123);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});

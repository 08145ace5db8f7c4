// Offline-first: the log survives reloads, the service worker serves the app
// with the network gone, and commands keep working (and persisting) offline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPage, serverUrl, serviceWorkerReady } from './support/browser';
import {
  charge,
  headSeq,
  loadDemo,
  readRange,
  shownBalance,
  shownEventCount,
  waitReady,
  waitShownBalance,
  waitShownCount,
} from './support/app';

describe('offline: reloads keep the data, the app starts and works without a network', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('reload keeps the log; offline reload starts the app with the same data; an offline charge persists across an offline reload', async () => {
    const { page, context, errors, close } = await newPage(browser, serverUrl());
    try {
      const head = await loadDemo(page);
      const balance = await shownBalance(page);
      const sample = await readRange(page, 1, 20);

      // --- online reload: same log, same views
      await page.reload({ waitUntil: 'load' });
      await waitReady(page);
      await waitShownCount(page, head);
      expect(await shownEventCount(page)).toBe(head);
      await waitShownBalance(page, balance);
      expect(await readRange(page, 1, 20)).toEqual(sample);
      expect(await page.getByRole('button', { name: 'Load demo data' }).count()).toBe(0);
      expect(await page.getByRole('progressbar', { name: /^Order #\d+ progress$/ }).count()).toBeGreaterThan(0);

      // --- the service worker controls the page before the network goes
      expect(await serviceWorkerReady(page, 15_000)).toBe(true);
      if (!(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)))) {
        await page.reload({ waitUntil: 'load' });
      }
      expect(await page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);

      await context.setOffline(true);
      expect(await page.evaluate(() => navigator.onLine)).toBe(false);
      await page.reload({ waitUntil: 'load' });
      await waitReady(page);
      await waitShownCount(page, head);
      expect(await shownEventCount(page)).toBe(head);
      await waitShownBalance(page, balance);
      expect(await shownBalance(page)).toBe(balance);
      // The page really is offline: the network is unreachable from it.
      const fetched = await page.evaluate(async () => {
        try {
          await fetch(`/__not-cached-${Date.now()}`, { cache: 'no-store' });
          return 'reached';
        } catch {
          return 'failed';
        }
      });
      expect(fetched).toBe('failed');

      // --- a command offline
      await charge(page, 4321, 'offline top-up');
      await waitShownCount(page, head + 1);
      await waitShownBalance(page, balance + 4321);
      const [charged] = await readRange(page, head + 1, head + 1);
      expect(charged).toMatchObject({ seq: head + 1, type: 'PointsCharged', data: { amount: 4321, description: 'offline top-up' } });

      // --- and it is still there after another offline reload
      await page.reload({ waitUntil: 'load' });
      await waitReady(page);
      await waitShownCount(page, head + 1);
      await waitShownBalance(page, balance + 4321);
      expect(await headSeq(page)).toBe(head + 1);
      expect(await readRange(page, head + 1, head + 1)).toEqual([charged]);

      // Only the expected failed probe above, nothing else.
      expect(errors.filter((e) => !/__not-cached-|Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([]);
    } finally {
      await context.setOffline(false).catch(() => {});
      await close();
    }
  });
});

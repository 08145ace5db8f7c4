// Issue 4, "schema evolution and reprocessing": a projection-version change
// makes the stored snapshots invisible; the app rebuilds its views from the
// log with a visible progress bar and shows the same state as before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPage } from './support/browser';
import { loadDemo, pauseExecutor, shownBalance, shownEventCount, waitReady } from './support/app';

describe('schema evolution in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('snapshots of another projection version are dropped and the views rebuilt from the log, with a progress bar', async () => {
    const { page, context, errors, close } = await newPage(browser);
    try {
      await waitReady(page);
      await loadDemo(page);
      await pauseExecutor(page);
      const before = { count: await shownEventCount(page), balance: await shownBalance(page) };
      // What an older build left behind: a snapshot of another version of the view projection, with a bogus state.
      await page.evaluate(async () => {
        const { desk } = window.__eventdesk;
        const head = await desk.store.headSeq();
        await desk.snapshots.save({ projection: 'view', projectionVersion: 12345, seq: head, bytes: 10, createdAt: Date.now(), state: { bogus: true } });
      });
      // Record whether the rebuild's progress bar is ever on screen during the next start-up.
      await context.addInitScript(() => {
        window.__sawProgress = false;
        new MutationObserver(() => {
          if (document.querySelector('progress.starting-bar[value]')) window.__sawProgress = true;
        }).observe(document, { subtree: true, childList: true, attributes: true });
      });
      await page.reload();
      await waitReady(page);
      expect(await page.evaluate(() => window.__sawProgress)).toBe(true);
      expect(await shownEventCount(page)).toBe(before.count);
      expect(await shownBalance(page)).toBe(before.balance);
      const stale = await page.evaluate(async () => (await window.__eventdesk.desk.snapshots.list('view', 12345)).length);
      expect(stale).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});

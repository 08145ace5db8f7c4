import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, serverUrl } from './support/browser';
import { exportLog, loadDemo, shownBalance, shownEventCount, waitReady, waitShownBalance, waitShownCount } from './support/app';
import { alertScreenshots, DB_NAME } from './support/raw-idb';

/** What the app's database holds, read with raw indexedDB without creating it: null when it does not exist. */
async function storedHead(page: Page): Promise<number | null> {
  return page.evaluate(async (name) => {
    const dbs = await indexedDB.databases();
    if (!dbs.some((d) => d.name === name)) return null;
    const conn = await new Promise<IDBDatabase>((res, rej) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => res(req.result);
      req.onerror = () => rej(req.error);
    });
    try {
      if (!conn.objectStoreNames.contains('logHead')) return 0;
      return await new Promise<number>((res, rej) => {
        const req = conn.transaction('logHead').objectStore('logHead').get('head');
        req.onsuccess = () => res((req.result as { seq?: number } | undefined)?.seq ?? 0);
        req.onerror = () => rej(req.error);
      });
    } finally {
      conn.close();
    }
  }, DB_NAME);
}

/**
 * Issue 10, "Corruption and loss": storage that vanishes under the desk — the
 * user clearing site data while it is open, or the browser deleting its own
 * IndexedDB (as Chromium does when it finds the files corrupt after a crash).
 */
describe('lost storage in Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('site data cleared while the desk is open in two tabs: both say so, a charge is refused, no "1 event / balance 0"', async () => {
    const first = await newPage(browser, serverUrl());
    const second = await newPage(browser, serverUrl(), { context: first.context });
    try {
      const head = await loadDemo(first.page);
      await waitReady(second.page, 30_000);
      await waitShownCount(second.page, head);
      const balance = await shownBalance(first.page);

      const cdp = await first.context.newCDPSession(first.page);
      await cdp.send('Storage.clearDataForOrigin', { origin: new URL(serverUrl()).origin, storageTypes: 'all' });

      for (const { page } of [first, second]) {
        const alert = page.locator('.storage-problem[role="alert"]');
        await alert.waitFor({ state: 'visible', timeout: 10_000 });
        expect(await alert.innerText()).toContain('This browser’s data for EventDesk was cleared');
        expect(await alert.innerText()).toContain(`The ${head.toLocaleString('en-US')} events on screen are no longer stored`);
      }
      await alertScreenshots(first.page, 'storage-cleared');

      // A charge in either tab is refused with the reason; nothing is written, nothing on screen pretends otherwise.
      for (const { page } of [second, first]) {
        await page.getByRole('spinbutton', { name: 'Amount' }).fill('321');
        await page.getByRole('button', { name: 'Charge points' }).click();
        await expect
          .poll(() => page.evaluate(() => window.__eventdesk.store.getState().commandError), { timeout: 10_000 })
          .toContain('was cleared while the desk was open');
        expect(await page.getByRole('alert').filter({ hasText: 'was cleared while the desk was open' }).count()).toBeGreaterThan(0);
        expect(await shownEventCount(page)).toBe(head);
        expect(await shownBalance(page)).toBe(balance);
        // What was typed is kept for after the reload.
        expect(await page.getByRole('spinbutton', { name: 'Amount' }).inputValue()).toBe('321');
      }
      // The tabs did not quietly start a new log.
      expect(await storedHead(first.page)).toBeNull();

      // Reload: the desk starts from what is stored (nothing) and says so only as a fresh start.
      await first.page.reload();
      await waitReady(first.page, 30_000);
      await waitShownCount(first.page, 0);
      expect(await first.page.locator('.storage-problem').count()).toBe(0);
    } finally {
      await second.close();
      await first.close();
    }
  });

  it('the browser lost its IndexedDB between runs (localStorage kept): the start announces the missing events with the ways back, and importing an export ends it', async () => {
    const { page, context, close } = await newPage(browser, serverUrl());
    try {
      const head = await loadDemo(page);
      const balance = await shownBalance(page);
      const exported = await exportLog(page);
      await page.close();

      // Between runs, with no tab open: the database goes, the head record in localStorage stays.
      const probe = await context.newPage();
      await probe.goto(serverUrl('manifest.webmanifest'));
      const outcome = await probe.evaluate(
        (name) =>
          new Promise<string>((res) => {
            const req = indexedDB.deleteDatabase(name);
            req.onsuccess = () => res('deleted');
            req.onerror = () => res(`error ${String(req.error)}`);
            req.onblocked = () => res('blocked');
          }),
        DB_NAME,
      );
      expect(outcome).toBe('deleted');
      expect(await probe.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('eventdesk.head:')))).toBe(true);
      await probe.close();

      const again = await newPage(browser, serverUrl(), { context });
      const alert = again.page.locator('.storage-problem[role="alert"]');
      await alert.waitFor({ state: 'visible', timeout: 20_000 });
      const text = await alert.innerText();
      expect(text).toContain('Events are missing from this browser');
      expect(text).toContain(`This browser last had ${head.toLocaleString('en-US')} events, but only 0 are stored now`);
      expect(text).toContain('import an export of the desk in the Data panel');
      expect(text).toContain('with sync, pull the desk again');
      await alertScreenshots(again.page, 'storage-lost');

      // The first way back: import the export. The alert goes, the desk is whole again.
      await again.page.getByLabel('Import events').setInputFiles(exported.path);
      await waitShownCount(again.page, head, 60_000);
      await waitShownBalance(again.page, balance);
      await expect.poll(() => again.page.locator('.storage-problem').count(), { timeout: 10_000 }).toBe(0);
      await again.close();
    } finally {
      await close();
    }
  });
});

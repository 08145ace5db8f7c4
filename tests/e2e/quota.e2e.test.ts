import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { launchBrowser, newPage, serverUrl } from './support/browser';
import { charge, headSeq, loadDemo, readAll, shownBalance, shownEventCount, waitReady, waitShownBalance, waitShownCount } from './support/app';
import { alertScreenshots, recordKeys, showLanguage } from './support/raw-idb';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

const QUOTA_MESSAGE = 'The browser has no more storage space for EventDesk. Nothing of this change was saved';

/** Record counts of the log's tables, read with raw indexedDB: what a partial write would leave. */
async function logRecords(page: Page): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const store of ['tail', 'segments', 'streams', 'streamPages', 'staging']) out[store] = (await recordKeys(page, store)).length;
  return out;
}

/**
 * Issue 10, "Crash and quota": with the origin's quota shrunk below what it
 * already uses (CDP Storage.overrideQuotaForOrigin), every write fails; each
 * kind of write must fail whole, say so in an alert, and work once space returns.
 */
describe('storage quota in Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function shrinkQuota(cdp: CDPSession, page: Page): Promise<void> {
    const { usage } = await page.evaluate(() => navigator.storage.estimate());
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(serverUrl()).origin, quotaSize: Math.floor((usage ?? 0) / 2) });
  }
  async function restoreQuota(cdp: CDPSession): Promise<void> {
    // No quotaSize: the override is removed.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(serverUrl()).origin });
  }
  /** The command alert's text once it says the quota message. */
  async function quotaAlert(page: Page): Promise<string> {
    const alert = page.getByRole('alert').filter({ hasText: QUOTA_MESSAGE });
    await alert.first().waitFor({ state: 'visible', timeout: 15_000 });
    return alert.first().innerText();
  }
  async function dismissCommandError(page: Page): Promise<void> {
    await page.evaluate(() => window.__eventdesk.store.setState({ commandError: null }));
  }

  it('demo data, a charge and an import each fail whole with a clear alert when the quota is full, and work once it is restored', async () => {
    const { page, context, close } = await newPage(browser, serverUrl());
    try {
      await waitReady(page, 30_000);
      const cdp = await context.newCDPSession(page);
      const empty = await logRecords(page);
      // Chromium trusts the space it last measured for ~30 s, so every failure is tried before the first write succeeds.
      await shrinkQuota(cdp, page);

      // 1. Demo data.
      await page.getByRole('button', { name: 'Load demo data' }).click();
      expect(await quotaAlert(page)).toContain('free some space or export and trim the data');
      // Said in Korean too (the production build renames error classes; the alert must still know this one).
      await showLanguage(page, 'ko');
      await page.getByRole('alert').filter({ hasText: '브라우저에 EventDesk를 위한 저장 공간이 더 없습니다' }).first().waitFor({ timeout: 5_000 });
      await alertScreenshots(page, 'quota-demo', '.command-error[role="alert"]');
      expect(await headSeq(page)).toBe(0);
      expect(await logRecords(page)).toEqual(empty);
      expect(await shownEventCount(page)).toBe(0);
      await dismissCommandError(page);

      // 2. A charge.
      await page.getByRole('spinbutton', { name: 'Amount' }).fill('777');
      await page.getByRole('button', { name: 'Charge points' }).click();
      expect(await quotaAlert(page)).toContain(QUOTA_MESSAGE);
      expect(await headSeq(page)).toBe(0);
      expect(await logRecords(page)).toEqual(empty);
      expect(await shownBalance(page)).toBe(0);
      // The amount typed is kept, to send again.
      expect(await page.getByRole('spinbutton', { name: 'Amount' }).inputValue()).toBe('777');
      await dismissCommandError(page);

      // 3. An import.
      await page.getByLabel('Import events').setInputFiles(fixture('old-schema.ndjson'));
      const failure = page.locator('.data-panel__errors[role="alert"]');
      await expect.poll(() => failure.textContent(), { timeout: 30_000 }).toContain('The import failed and nothing was changed');
      expect(await failure.textContent()).toContain(QUOTA_MESSAGE);
      await alertScreenshots(page, 'quota-import', '.data-panel__errors[role="alert"]');
      // The import's message is written when it fails: fail once more in Korean.
      await showLanguage(page, 'ko');
      await page.getByLabel('이벤트 가져오기').setInputFiles(fixture('old-schema.ndjson'));
      await expect.poll(() => failure.textContent(), { timeout: 30_000 }).toContain('가져오기에 실패했으며 아무것도 바뀌지 않았습니다: 브라우저에 EventDesk를 위한 저장 공간이 더 없습니다');
      await failure.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${process.env.SCREENSHOT_DIR ?? '/tmp/relb'}/quota-import-failed-in-ko.png` });
      await showLanguage(page, 'en');
      expect(await headSeq(page)).toBe(0);
      expect(await logRecords(page)).toEqual(empty);
      expect(await shownEventCount(page)).toBe(0);

      // Space again: each works.
      await restoreQuota(cdp);
      await page.getByRole('spinbutton', { name: 'Amount' }).fill('777');
      await charge(page, 777);
      await waitShownBalance(page, 777);
      expect(await headSeq(page)).toBe(1);
      await page.getByLabel('Import events').setInputFiles(fixture('old-schema.ndjson'));
      const dialog = page.getByRole('alertdialog', { name: 'Replace the log?' });
      await dialog.waitFor({ state: 'visible', timeout: 15_000 });
      await dialog.getByRole('button', { name: 'Replace log' }).click();
      await waitShownCount(page, 8, 30_000);
      // 5,000 + 2,500 (v1 charges, upcast) − 1,000 (order #1) + 300 = 6,800
      await waitShownBalance(page, 6_800);
      expect(await headSeq(page)).toBe(8);
      // Demo data goes into an empty log only: a fresh tab of its own.
      const fresh = await newPage(browser, serverUrl());
      try {
        const head = await loadDemo(fresh.page);
        expect(head).toBeGreaterThan(1_000);
        expect((await readAll(fresh.page)).map((e) => e.seq)).toEqual(Array.from({ length: head }, (_, i) => i + 1));
      } finally {
        await fresh.close();
      }
    } finally {
      await close();
    }
  });
});

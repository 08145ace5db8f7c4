import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, serverUrl } from './support/browser';
import { charge, headSeq, loadDemo, parseNdjsonText, pauseExecutor, readAll, shownBalance, stateAt, waitReady, waitShownBalance } from './support/app';
import { alertScreenshots, editRecord, recordKeys } from './support/raw-idb';

/**
 * Issue 10, "Corruption and loss": records damaged on disk (edited here with raw
 * indexedDB from the page) are detected on read, never shown, never fatal.
 */
describe('corrupted IndexedDB records in Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function reloadReady(page: Page): Promise<void> {
    await page.reload();
    await waitReady(page, 60_000);
  }

  /** Text that must never reach the screen from a damaged record. */
  const bodyText = (page: Page) => page.evaluate(() => document.body.innerText);

  it('an altered snapshot and a snapshot of the wrong shape are dropped and rebuilt: the desk shows the balance the log folds to', async () => {
    const { page, errors, close } = await newPage(browser, serverUrl());
    try {
      await waitReady(page, 30_000);
      // Enough history for a persisted snapshot (one every 10,000 events), written when the views are rebuilt at start.
      await page.evaluate(() => window.__eventdesk.desk.loadDemo({ orders: 160 }));
      // No executor batches while the balance is compared with the log.
      await pauseExecutor(page);
      await reloadReady(page);
      /** The balance the whole log folds to, and the newest persisted snapshot's key. */
      const logAndSnapshot = async () => {
        const events = await readAll(page);
        const keys = (await recordKeys(page, 'snapshots')) as [string, number, number][];
        expect(keys.length).toBeGreaterThan(0);
        return { balance: stateAt(events, events.length).passbook.balance, key: keys[keys.length - 1] };
      };
      const first = await logAndSnapshot();
      await waitShownBalance(page, first.balance);

      // 1. The state altered (balance + 1,234,567), its checksum left as it was: damage on disk.
      await editRecord(
        page,
        'snapshots',
        first.key,
        `(r) => { const s = JSON.parse(r.json); s.passbook.balance += 1234567; r.json = JSON.stringify(s); return r; }`,
      );
      await reloadReady(page);
      await waitShownBalance(page, first.balance);
      expect(await page.evaluate(() => window.__eventdesk.desk.timeMachine.droppedSnapshots)).toBe(1);

      // 2. A state of the wrong shape with a checksum that verifies: only the shape check can catch it.
      const second = await logAndSnapshot();
      await editRecord(
        page,
        'snapshots',
        second.key,
        `(r, checksum32) => { r.json = JSON.stringify({ passbook: 7, orders: null }); r.checksum = checksum32(r.projection + '|' + r.projectionVersion + '|' + r.seq + '|' + r.json); return r; }`,
      );
      await reloadReady(page);
      await waitShownBalance(page, second.balance);
      expect(await page.evaluate(() => window.__eventdesk.desk.timeMachine.droppedSnapshots)).toBe(1);
      // Rebuilt and written again: the next start reads a good snapshot.
      await reloadReady(page);
      expect(await page.evaluate(() => window.__eventdesk.desk.timeMachine.droppedSnapshots)).toBe(0);
      expect((await recordKeys(page, 'snapshots')).length).toBeGreaterThan(0);
      await waitShownBalance(page, (await logAndSnapshot()).balance);
      expect(await page.locator('.storage-problem').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('a sealed segment cut in half is announced with its seq range, and "Export readable part" downloads the events before it', async () => {
    const { page, close } = await newPage(browser, serverUrl());
    try {
      const head = await loadDemo(page);
      expect(head).toBeGreaterThan(2_000);
      const before = await readAll(page);
      // Segment 1 holds events 1,001–2,000.
      await editRecord(page, 'segments', 1, `(r) => { r.json = r.json.slice(0, Math.floor(r.json.length / 2)); return r; }`);
      await reloadReady(page);

      const alert = page.locator('.storage-problem[role="alert"]');
      await alert.waitFor({ state: 'visible', timeout: 10_000 });
      const text = await alert.innerText();
      expect(text).toContain('The event log is damaged');
      expect(text).toContain('Events 1,001–2,000');
      expect(text).toContain('as of event 1,000');
      // The views stop at the last intact event.
      expect(stateAt(before, 1_000).passbook.balance).toBe(await shownBalance(page));
      await alertScreenshots(page, 'corruption-segment');
      // On a phone: the alert and its button fit the width.
      await page.setViewportSize({ width: 390, height: 844 });
      await alertScreenshots(page, 'corruption-segment-390');
      const box = await page.getByRole('button', { name: 'Export readable part' }).boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await page.setViewportSize({ width: 1280, height: 800 });

      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 30_000 }),
        page.getByRole('button', { name: 'Export readable part' }).click(),
      ]);
      const exported = parseNdjsonText(readFileSync((await download.path())!, 'utf8'));
      expect(exported.map((e) => e.seq)).toEqual(before.slice(0, 1_000).map((e) => e.seq));
      expect(exported).toEqual(before.slice(0, 1_000));
      await page.getByText(/^Saved /).waitFor({ state: 'visible', timeout: 10_000 });

      // Nothing is written on top of a damaged log.
      await page.getByRole('spinbutton', { name: 'Amount' }).fill('10');
      expect(await page.getByRole('button', { name: 'Charge points' }).isDisabled()).toBe(false);
      await page.getByRole('button', { name: 'Charge points' }).click();
      await expect.poll(() => page.evaluate(() => window.__eventdesk.store.getState().commandError)).toContain('damaged at events 1001');
      expect(await headSeq(page)).toBe(head);
    } finally {
      await close();
    }
  });

  it('a tail event whose data was replaced by a string never shows NaN: the desk names the event and stops before it', async () => {
    const { page, close } = await newPage(browser, serverUrl());
    try {
      await loadDemo(page);
      await charge(page, 4_321);
      const events = await readAll(page);
      const last = events[events.length - 1];
      expect(last.type).toBe('PointsCharged');
      const intactBalance = stateAt(events, last.seq - 1).passbook.balance;

      for (const [variant, edit] of [
        // Damage on disk: the checksum no longer matches.
        ['checksum kept', `(r) => { r.data = 'lots'; return r; }`],
        // A record from before checksums: only its schema can tell.
        ['no checksum', `(r) => { r.data = 'lots'; delete r.checksum; delete r.checksumVersion; return r; }`],
      ] as const) {
        await editRecord(page, 'tail', last.seq, edit);
        await reloadReady(page);
        const alert = page.locator('.storage-problem[role="alert"]');
        await alert.waitFor({ state: 'visible', timeout: 10_000 });
        const seqText = last.seq.toLocaleString('en-US');
        expect(await alert.innerText(), variant).toContain(`Event ${seqText} could not be read back`);
        await waitShownBalance(page, intactBalance);
        expect(await bodyText(page), variant).not.toContain('NaN');
        if (variant === 'checksum kept') await alertScreenshots(page, 'corruption-tail');
        else expect(await alert.innerText()).toContain(`event ${seqText} does not have the shape its type requires`);
        expect(await bodyText(page), variant).not.toContain('NaN');
      }
    } finally {
      await close();
    }
  });
});

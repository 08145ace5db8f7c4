// The order desk's daily tools in real Chromium (issue 12): find an order, export the books at a past
// position (the downloaded CSV read back and checked against the log folded in Node), and re-order what a
// failed order left undelivered.
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, serverUrl } from './support/browser';
import { loadDemo, readAll, seek, stateAt, until, waitShown } from './support/app';

/** Clicks a CSV button and returns the downloaded file's name and rows (BOM dropped, CRLF lines). */
async function downloadCsv(page: Page, button: RegExp): Promise<{ name: string; rows: string[] }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), page.getByRole('button', { name: button }).click()]);
  const path = join(mkdtempSync(join(tmpdir(), 'eventdesk-csv-')), download.suggestedFilename());
  await download.saveAs(path);
  const text = readFileSync(path, 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  return { name: download.suggestedFilename(), rows: text.slice(1).split('\r\n').filter((r) => r !== '') };
}

/** The last cell of a CSV row ("…,\"4,000\"" → 4000). */
const lastNumber = (row: string) => Number(/"?([\d,]+)"?$/.exec(row)![1].replace(/,/g, ''));

describe('order desk tools in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('find an order, export the books at a past position, and re-order a failed order’s remainder', async () => {
    const { page, errors, close } = await newPage(browser, serverUrl(), { viewport: { width: 1400, height: 900 } });
    try {
      const head = await loadDemo(page);
      const board = page.getByRole('region', { name: 'Orders board' });

      // --- find an order: the failed ones, then #2 by number.
      await page.getByRole('combobox', { name: 'Status' }).selectOption('failed');
      await until(async () => (await board.locator('.order-card').count()) > 0, 10_000, 50, 'failed orders');
      const statuses = await board.locator('.order-card .status').allTextContents();
      expect(statuses.every((s) => s === 'Failed')).toBe(true);
      await page.getByRole('searchbox', { name: 'Order # or post' }).fill('#2');
      await until(async () => (await board.locator('.order-card').count()) === 1, 10_000, 50, 'order #2 alone');
      expect(await board.locator('.order-card').getAttribute('data-order-id')).toBe('2');

      // --- export the books at a past position, in Korean (passbook) and English (orders).
      const past = Math.floor(head / 2);
      await seek(page, past);
      await waitShown(page, past);
      const want = stateAt(await readAll(page), past);
      await page.getByRole('button', { name: '한국어' }).click();
      const passbook = await downloadCsv(page, /Export passbook \(CSV\)/);
      expect(passbook.name).toBe(`passbook-at-event-${past}.csv`);
      expect(passbook.rows[0]).toBe('이벤트,날짜,내용,입금,출금,잔액');
      expect(passbook.rows).toHaveLength(want.passbook.lines.length + 1);
      expect(lastNumber(passbook.rows.at(-1)!)).toBe(want.passbook.balance);
      expect(passbook.rows.slice(1).map((r) => Number(r.split(',')[0]))).toEqual(want.passbook.lines.map((l) => l.seq));
      await page.getByRole('button', { name: 'English' }).click();
      // The board keeps its search while the slider moved: clear it to export every order.
      await page.getByRole('button', { name: 'Clear' }).first().click();
      const orders = await downloadCsv(page, /Export orders \(CSV\)/);
      expect(orders.name).toBe(`orders-at-event-${past}.csv`);
      expect(orders.rows[0]).toMatch(/^Order,Post,Status,Quantity,Delivered,Undelivered,/);
      expect(orders.rows.slice(1).map((r) => r.split(',')[0])).toEqual(want.orders.order);

      // --- back to live: order the rest of failed order #2.
      await page.getByRole('button', { name: /Back to live/ }).first().click();
      await waitShown(page);
      const failed = (await page.evaluate(() => window.__eventdesk.store.getState().view.orders.byId['2'])) as {
        status: string;
        quantity: number;
        delivered: number;
        postId: string;
        unitPrice: number;
      };
      expect(failed.status).toBe('failed');
      const rest = failed.quantity - failed.delivered;
      await page.getByRole('searchbox', { name: 'Order # or post' }).fill('#2');
      await page.getByRole('button', { name: `Order the rest (${rest.toLocaleString('en-US')}) of order #2` }).click();
      expect(await page.getByLabel('Quantity', { exact: true }).inputValue()).toBe(String(rest));
      const before = await page.evaluate(() => window.__eventdesk.store.getState().head);
      await page.getByRole('button', { name: 'Place order' }).click();
      if (await page.getByRole('alertdialog').isVisible()) await page.getByRole('button', { name: 'Yes, send' }).click();
      await until(
        async () => (await readAll(page)).some((e) => e.seq > before && e.type === 'OrderPlaced'),
        20_000,
        100,
        'the new order',
      );
      const placed = (await readAll(page)).find((e) => e.seq > before && e.type === 'OrderPlaced')!;
      expect(placed.data).toMatchObject({ postId: failed.postId, quantity: rest, unitPrice: failed.unitPrice });
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});

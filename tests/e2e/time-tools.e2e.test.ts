// Time tools in a real browser: compare two points against the exported log,
// bookmarks across a reload, a ?at= link, and the what-if sandbox (discard,
// replay on live). Screenshots (English and Korean) go to /tmp/time/.
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, serverUrl } from './support/browser';
import {
  exportLog,
  fmt,
  fillOrder,
  headSeq,
  loadDemo,
  parseCount,
  pauseExecutor,
  readAll,
  seek,
  shownEventCount,
  shownOrderProgress,
  stateAt,
  uiState,
  until,
  waitReady,
  waitShown,
} from './support/app';

const SHOTS = '/tmp/time/e2e';
const VIEWPORT = { viewport: { width: 1400, height: 1000 } };

async function setLanguage(page: Page, language: 'en' | 'ko'): Promise<void> {
  await page.evaluate((l) => window.__eventdesk.store.getState().setLanguage(l), language);
}

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Serious or critical axe violations inside `selector` ("id: target" each). */
async function seriousViolations(page: Page, selector: string): Promise<string[]> {
  await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async (sel) => {
    const r = await window.axe.run({ include: [sel] } as never, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)}`));
  }, selector);
}

const value = async (page: Page, label: string) => parseCount(await page.getByRole('region', { name: 'Compare' }).getByLabel(label, { exact: true }).textContent());

describe('time tools in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('compare: two marked points show the balances and event count the exported log gives', async () => {
    const { page, errors, close } = await newPage(browser, serverUrl(), VIEWPORT);
    try {
      await loadDemo(page);
      await pauseExecutor(page);
      const { events } = await exportLog(page);
      const a = Math.floor(events.length / 3);
      const b = Math.floor((2 * events.length) / 3);
      await seek(page, a);
      await waitShown(page, a);
      await page.getByRole('button', { name: 'Compare from here' }).click();
      await seek(page, b);
      await waitShown(page, b);
      await page.locator(`[data-compare-range="${a}-${b}"]`).waitFor({ timeout: 20_000 });
      expect(await value(page, 'Balance at A')).toBe(stateAt(events, a).passbook.balance);
      expect(await value(page, 'Balance at B')).toBe(stateAt(events, b).passbook.balance);
      expect(await value(page, 'Events in range')).toBe(b - a);
      await page.getByRole('region', { name: 'Compare' }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}-compare-en.png` });
      await setLanguage(page, 'ko');
      await page.getByRole('button', { name: '비교 닫기 · Close compare' }).waitFor();
      await page.screenshot({ path: `${SHOTS}-compare-ko.png` });
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('bookmark: set at a past position, kept across a reload, one click jumps back to it, and exported', async () => {
    const { page, context, errors, close } = await newPage(browser, serverUrl(), VIEWPORT);
    try {
      const head = await loadDemo(page);
      await pauseExecutor(page);
      const at = Math.floor(head / 2);
      await seek(page, at);
      await waitShown(page, at);
      await page.getByLabel('Bookmark label', { exact: true }).fill('before the spring campaign');
      await page.getByRole('button', { name: 'Bookmark', exact: true }).click();
      const list = page.getByRole('list', { name: 'Bookmarks' });
      await list.getByRole('button', { name: /^before the spring campaign/ }).waitFor();

      // A fresh load of the page (same browser profile): the bookmark is still there.
      await page.goto(serverUrl());
      await waitReady(page);
      expect((await uiState(page)).live).toBe(true);
      await list.getByRole('button', { name: /^before the spring campaign/ }).click();
      await waitShown(page, at);
      expect((await uiState(page)).target).toBe(at);
      await page.screenshot({ path: `${SHOTS}-bookmark-en.png` });
      await setLanguage(page, 'ko');
      await page.getByRole('list', { name: '북마크 · Bookmarks' }).waitFor().catch(() => undefined);
      await page.screenshot({ path: `${SHOTS}-bookmark-ko.png` });

      // The export carries it as a bookmark record after the events.
      await setLanguage(page, 'en');
      const { text } = await exportLog(page);
      const records = text.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(records.filter((r) => r.kind === 'bookmark')).toEqual([expect.objectContaining({ kind: 'bookmark', v: 1, seq: at, label: 'before the spring campaign' })]);
      expect(records.at(-1)?.kind).toBe('bookmark');
      void context;
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('?at=1234 opens the desk at event 1234', async () => {
    const { page, context, errors, close } = await newPage(browser, serverUrl(), VIEWPORT);
    try {
      const head = await loadDemo(page);
      expect(head).toBeGreaterThan(1234);
      await pauseExecutor(page);
      const linked = await context.newPage();
      await linked.goto(serverUrl('?at=1234'));
      await waitReady(linked);
      await waitShown(linked, 1234, 30_000);
      const s = await uiState(linked);
      expect(s.live).toBe(false);
      expect(s.cursor).toBe(1234);
      expect(new URL(linked.url()).searchParams.get('at')).toBe('1234');
      await linked.close();
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('what-if: an order placed in the past shows on the board; Discard leaves nothing written', async () => {
    const { page, errors, close } = await newPage(browser, serverUrl(), VIEWPORT);
    try {
      const head = await loadDemo(page);
      await pauseExecutor(page);
      const before = await readAll(page);
      const fork = Math.floor(head / 2);
      await seek(page, fork);
      await waitShown(page, fork);
      const orderIds = () => page.evaluate(() => [...window.__eventdesk.store.getState().view.orders.order]);
      const idsAtFork = await orderIds();
      await page.getByRole('button', { name: 'Try from here' }).click();
      const banner = page.getByRole('status').filter({ hasText: `What-if from event ${fmt(fork)} — nothing here is saved` });
      await banner.waitFor();

      await fillOrder(page, { quantity: 10, unitPrice: 1, batchSize: 5 });
      await page.getByRole('button', { name: 'Place order' }).click();
      await until(async () => (await orderIds()).length === idsAtFork.length + 1, 20_000, 50, 'the new order in the view');
      const newId = (await orderIds()).at(-1)!;
      expect(idsAtFork).not.toContain(newId);
      // The board (newest first) shows it.
      const card = page.getByRole('region', { name: 'Orders board' }).getByRole('progressbar', { name: `Order #${newId} progress` });
      await card.waitFor();
      expect((await shownOrderProgress(page))[newId]).toEqual({ delivered: 0, quantity: 10 });
      await page.screenshot({ path: `${SHOTS}-whatif-en.png` });
      await setLanguage(page, 'ko');
      await page.getByRole('status').filter({ hasText: `이벤트 ${fmt(fork)}부터의 가정` }).waitFor();
      await page.screenshot({ path: `${SHOTS}-whatif-ko.png` });
      // On a phone the banner and its two ways out still fit.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: `${SHOTS}-whatif-390-ko.png` });
      await setLanguage(page, 'en');
      await page.screenshot({ path: `${SHOTS}-whatif-390-en.png` });
      await page.setViewportSize(VIEWPORT.viewport);

      await page.getByRole('button', { name: 'Discard' }).click();
      await waitShown(page, fork);
      await banner.waitFor({ state: 'detached' });
      await card.waitFor({ state: 'detached' });
      expect(await orderIds()).toEqual(idsAtFork);
      // Nothing was written: the log (IndexedDB) and the header's event count are as before.
      expect(await headSeq(page)).toBe(head);
      expect(await shownEventCount(page)).toBe(head);
      expect(await readAll(page)).toEqual(before);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('what-if: Replay on live says which commands pass and appends only the passing one', async () => {
    const { page, errors, close } = await newPage(browser, serverUrl(), { ...VIEWPORT, bypassCSP: true }); // axe is injected as a script
    try {
      const head = await loadDemo(page);
      await pauseExecutor(page);
      const fork = Math.floor(head / 2);
      await seek(page, fork);
      await waitShown(page, fork);
      await page.getByRole('button', { name: 'Try from here' }).click();
      // An order under the next id at the fork (the live log has used it since), and a charge.
      await fillOrder(page, { quantity: 10, unitPrice: 1, batchSize: 5 });
      await page.getByRole('button', { name: 'Place order' }).click();
      await page.getByRole('status').filter({ hasText: 'Commands tried: 1' }).waitFor();
      await page.getByRole('spinbutton', { name: 'Amount' }).fill('321');
      await page.getByRole('button', { name: 'Charge points' }).click();
      await page.getByRole('status').filter({ hasText: 'Commands tried: 2' }).waitFor();

      await page.getByRole('button', { name: 'Replay on live' }).click();
      const check = page.getByRole('region', { name: 'Replay check' });
      await check.waitFor();
      const rows = check.getByRole('listitem');
      await expect.poll(() => rows.count()).toBe(2);
      expect(await rows.nth(0).textContent()).toMatch(/^Order #\d+: 10 likes on .*refused: Order #\d+ already exists\.$/);
      expect(await rows.nth(1).textContent()).toBe('Charge 321 pointswould pass');
      expect(await headSeq(page)).toBe(head);
      await page.screenshot({ path: `${SHOTS}-replay-check-en.png` });
      expect(await seriousViolations(page, '.timeline-bar')).toEqual([]);
      await setLanguage(page, 'ko');
      await check.getByText('통과').waitFor();
      await page.screenshot({ path: `${SHOTS}-replay-check-ko.png` });
      expect(await seriousViolations(page, '.timeline-bar')).toEqual([]);
      await setLanguage(page, 'en');

      await check.getByRole('button', { name: 'Append to the live log' }).click();
      await page.getByRole('status').filter({ hasText: 'Replayed on live: 1 appended, 1 refused.' }).waitFor();
      expect(await headSeq(page)).toBe(head + 1);
      const last = (await readAll(page)).at(-1)!;
      expect(last.type).toBe('PointsCharged');
      expect(last.data).toMatchObject({ amount: 321 });
      expect((await uiState(page)).live).toBe(true);
      await page.screenshot({ path: `${SHOTS}-replay-done-en.png` });
      await setLanguage(page, 'ko');
      await page.getByRole('status').filter({ hasText: '실시간에 다시 적용함: 1개 추가, 1개 거부.' }).waitFor();
      await page.screenshot({ path: `${SHOTS}-replay-done-ko.png` });
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});

// Time actions in a real browser: step through one order's events, and revert
// a charge by a compensating event that the event log links both ways.
// Screenshots (English and Korean) go to /tmp/eventdesk-time-actions-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, serverUrl } from './support/browser';
import { charge, loadDemo, pauseExecutor, readAll, shownBalance, uiState, until, waitShownBalance } from './support/app';

const SHOTS = '/tmp/eventdesk-time-actions';

async function sliderAt(page: Page, seq: number): Promise<void> {
  try {
    await until(async () => (await uiState(page)).target === seq, 15_000, 25, `slider at ${seq}`);
  } catch (e) {
    const s = await uiState(page);
    throw new Error(`${(e as Error).message}; the slider is at ${s.target} (head ${s.head})`);
  }
}

async function setLanguage(page: Page, language: 'en' | 'ko'): Promise<void> {
  await page.evaluate((l) => window.__eventdesk.store.getState().setLanguage(l), language);
}

describe('time actions in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("steps through one order's events with previous / next event of this order", async () => {
    const { page, errors, close } = await newPage(browser, serverUrl(), { viewport: { width: 1400, height: 1000 } });
    try {
      await loadDemo(page);
      await pauseExecutor(page);
      const events = await readAll(page);
      // The demo order with the longest story.
      const byStream = new Map<string, number[]>();
      for (const e of events) if (e.streamId.startsWith('order:')) byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e.seq]);
      const [stream, seqs] = [...byStream.entries()].sort((a, b) => b[1].length - a[1].length)[0];
      expect(seqs.length).toBeGreaterThan(3);
      const orderId = stream.slice('order:'.length);
      await page.evaluate((id) => window.__eventdesk.store.getState().selectOrder(id), orderId);
      const prev = page.getByRole('button', { name: 'Previous event of this order' });
      const next = page.getByRole('button', { name: 'Next event of this order' });

      // Backwards from the live head through the order's four events before it, then forwards again.
      const head = events.length;
      const last = seqs.filter((s) => s < head).slice(-4).reverse();
      for (const seq of last) {
        await prev.click();
        await sliderAt(page, seq);
      }
      await page.screenshot({ path: `${SHOTS}-step-en.png` });
      for (const seq of last.slice(0, -1).reverse()) {
        await next.click();
        await sliderAt(page, seq);
      }
      await setLanguage(page, 'ko');
      await page.getByRole('button', { name: '이전 이벤트 · Previous event of this order' }).waitFor();
      await page.screenshot({ path: `${SHOTS}-step-ko.png` });
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('reverts a charge: a compensating event that names it, linked both ways in the event log', async () => {
    const { page, errors, close } = await newPage(browser, serverUrl(), { viewport: { width: 1400, height: 1000 } });
    try {
      await loadDemo(page);
      await pauseExecutor(page);
      const before = await shownBalance(page);
      await charge(page, 777, 'E2E mistake');
      await waitShownBalance(page, before + 777);
      const chargeEvent = (await readAll(page)).at(-1)!;
      expect(chargeEvent.type).toBe('PointsCharged');

      const line = page.locator(`.passbook tr[data-seq="${chargeEvent.seq}"]`);
      await line.getByRole('button', { name: 'Revert…' }).click();
      const dialog = page.getByRole('dialog', { name: `Revert event #${chargeEvent.seq}` });
      await dialog.waitFor();
      await dialog.getByText(/Reverse the charge of 777 points/).waitFor();
      await dialog.getByText(/This appends PointsChargeReversed/).waitFor();
      await page.screenshot({ path: `${SHOTS}-revert-dialog-en.png` });
      await dialog.getByRole('button', { name: 'Revert' }).click();
      await waitShownBalance(page, before);

      const all = await readAll(page);
      const reversal = all.at(-1)!;
      expect(reversal.type).toBe('PointsChargeReversed');
      expect(reversal.meta.causationId).toBe(`${chargeEvent.streamId}@${chargeEvent.version}`);
      // History is not edited: the charge is still in the log as it was.
      expect(all.find((e) => e.seq === chargeEvent.seq)).toEqual(chargeEvent);

      // The event log links both ways; each link moves the slider.
      const log = page.getByRole('list', { name: 'Event log' });
      const reverts = log.getByRole('button', { name: `Reverts ${reversal.meta.causationId}` });
      await reverts.click();
      await sliderAt(page, chargeEvent.seq);
      await log.getByRole('button', { name: `Reverted by #${reversal.seq}` }).click();
      await sliderAt(page, reversal.seq);
      await page.screenshot({ path: `${SHOTS}-revert-linked-en.png` });

      // The reversal is the head: following its link returned the desk to live.
      expect((await uiState(page)).live).toBe(true);
      await setLanguage(page, 'ko');
      const firstCharge = all.find((e) => e.type === 'PointsCharged' && e.streamId === 'wallet:me' && e.seq !== chargeEvent.seq)!;
      await page.evaluate((seq) => window.__eventdesk.store.getState().openRevert(seq), firstCharge.seq);
      await page.getByRole('dialog', { name: `이벤트 #${firstCharge.seq} 되돌리기` }).waitFor();
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${SHOTS}-revert-dialog-ko.png` });
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});

// Export → import round trip, the replace confirmation, and refusal of
// malformed / hostile files (with line numbers, nothing changed), in Chromium.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, serverUrl } from './support/browser';
import {
  exportLog,
  fmt,
  headSeq,
  loadDemo,
  pauseExecutor,
  readAll,
  readRange,
  seek,
  shownBalance,
  shownEventCount,
  boardMismatches,
  shownOrderProgress,
  stateAt,
  uiState,
  until,
  waitReady,
  waitShown,
  waitShownBalance,
  waitShownCount,
  type StoredEvent,
} from './support/app';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

/** Chooses `path` in the "Import events" file input. */
async function chooseFile(page: Page, path: string): Promise<void> {
  await page.getByLabel('Import events').setInputFiles(path);
}

/** Waits until the data panel's status line says `text`. */
async function waitStatus(page: Page, text: string | RegExp): Promise<void> {
  await until(
    async () => {
      const t = (await page.locator('.data-panel__status').textContent()) ?? '';
      return typeof text === 'string' ? t.includes(text) : text.test(t);
    },
    30_000,
    50,
    `data panel status ${String(text)}`,
  );
}

/** The view at `seq` (Balance and every order's progress) equals the fold of `events`. */
async function expectViewAt(page: Page, events: StoredEvent[], seq: number): Promise<void> {
  await waitShown(page, seq);
  const want = stateAt(events, seq);
  await waitShownBalance(page, want.passbook.balance);
  await expect.poll(() => boardMismatches(page, want), { timeout: 10_000 }).toEqual([]);
  expect(await uiState(page)).toMatchObject({ target: seq, cursor: seq });
}

describe('import / export', () => {
  let browser: Browser;
  /** The demo log exported from a first context, and its file. */
  let demo: { events: StoredEvent[]; path: string; fileName: string };

  beforeAll(async () => {
    browser = await launchBrowser();
    const { page, close } = await newPage(browser, serverUrl());
    try {
      await loadDemo(page);
      demo = await exportLog(page);
    } finally {
      await close();
    }
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** A fresh context holding the demo log, imported through the UI. */
  async function pageWithDemo() {
    const opened = await newPage(browser, serverUrl());
    await waitReady(opened.page);
    await chooseFile(opened.page, demo.path);
    await waitShownCount(opened.page, demo.events.length, 60_000);
    await waitShown(opened.page, demo.events.length);
    await waitShownBalance(opened.page, stateAt(demo.events, demo.events.length).passbook.balance);
    return opened;
  }

  it('export → import into a fresh context: same events, same Event count, same views at several seqs', async () => {
    expect(demo.fileName).toMatch(/^eventdesk-\d{4}-\d{2}-\d{2}\.ndjson$/);
    const n = demo.events.length;
    expect(demo.events.map((e) => e.seq)).toEqual(demo.events.map((_, i) => i + 1));

    const { page, errors, close } = await newPage(browser, serverUrl());
    try {
      await waitReady(page);
      expect(await shownEventCount(page)).toBe(0);
      await chooseFile(page, demo.path);
      // Into an empty log: no confirmation, straight in.
      await waitStatus(page, `Imported ${fmt(n)} events`);
      expect(await page.getByRole('alertdialog').count()).toBe(0);
      await waitShownCount(page, n);
      expect(await readAll(page)).toEqual(demo.events);
      await expectViewAt(page, demo.events, n);

      // With the keyboard: Home → 0, PageUp → 100, ArrowRight ×2 → 102.
      const slider = page.getByRole('slider', { name: 'Timeline' });
      await slider.focus();
      await page.keyboard.press('Home');
      await until(async () => (await uiState(page)).target === 0, 5_000, 20, 'slider at 0');
      await expectViewAt(page, demo.events, 0);
      await page.keyboard.press('PageUp');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await until(async () => (await uiState(page)).target === 102, 5_000, 20, 'slider at 102');
      expect(await slider.getAttribute('aria-valuetext')).toBe(`Event 102 of ${fmt(n)}`);
      await expectViewAt(page, demo.events, 102);

      for (const at of [Math.floor(n / 3), Math.floor(n / 2) + 7, n - 1]) {
        await seek(page, at);
        await expectViewAt(page, demo.events, at);
      }
      await page.keyboard.press('End');
      await until(async () => (await uiState(page)).live, 5_000, 20, 'live after End');
      await expectViewAt(page, demo.events, n);

      // Exporting the imported log gives back the same file.
      const again = await exportLog(page);
      expect(again.events).toEqual(demo.events);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('into a non-empty log: the confirm dialog; Cancel changes nothing; Replace log replaces (old-schema file → Balance 6,800)', async () => {
    const { page, errors, close } = await pageWithDemo();
    try {
      // The old-schema file holds a placed order: keep the executor from running it.
      await pauseExecutor(page);
      const n = demo.events.length;
      const balance = await shownBalance(page);
      const oldSchema = fixture('old-schema.ndjson');

      await chooseFile(page, oldSchema);
      const dialog = page.getByRole('alertdialog', { name: 'Replace the log?' });
      await dialog.waitFor({ state: 'visible', timeout: 10_000 });
      await expect(dialog.textContent()).resolves.toContain(`Replace the ${fmt(n)} events in this log with 8 events from old-schema.ndjson?`);
      // Focus starts on Cancel, the safe choice.
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'detached' });
      await waitStatus(page, 'Import cancelled. Nothing was changed.');
      expect(await headSeq(page)).toBe(n);
      expect(await shownEventCount(page)).toBe(n);
      expect(await shownBalance(page)).toBe(balance);
      expect(await readAll(page)).toEqual(demo.events);

      // Escape cancels too.
      await chooseFile(page, oldSchema);
      await dialog.waitFor({ state: 'visible' });
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      expect(await headSeq(page)).toBe(n);

      // Replace.
      await chooseFile(page, oldSchema);
      await dialog.waitFor({ state: 'visible' });
      await dialog.getByRole('button', { name: 'Replace log' }).click();
      await waitStatus(page, 'Imported 8 events');
      await waitShownCount(page, 8);
      // 5,000 + 2,500 (v1 charges, upcast) − 1,000 (order #1) + 300 = 6,800
      await waitShownBalance(page, 6_800);
      expect(await page.locator('output[aria-label="Balance"]').textContent()).toBe('6,800');
      const log = await readAll(page);
      expect(log).toHaveLength(8);
      expect(log[1]).toMatchObject({ seq: 2, type: 'PointsCharged', schemaVersion: 2, data: { amount: 5000, description: 'Charge' } });
      expect(log[3]).toMatchObject({ seq: 4, type: 'PointsCharged', schemaVersion: 2, data: { amount: 2500, description: 'Charge' } });
      expect(await page.locator('.panel-wallet .panel-head .muted').textContent()).toBe('4 transactions');
      expect(await shownOrderProgress(page)).toEqual({ '1': { delivered: 0, quantity: 100 } });
      expect((await uiState(page)).live).toBe(true);
      // Still 6,800 after a reload (the replacement is durable).
      await page.reload({ waitUntil: 'load' });
      await waitReady(page);
      await waitShownCount(page, 8);
      await waitShownBalance(page, 6_800);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('malformed and hostile files are refused with line numbers in an alert, and nothing changes', async () => {
    const { page, errors, close } = await pageWithDemo();
    try {
      const n = demo.events.length;
      const balance = await shownBalance(page);
      const sampleSeqs = [1, 2, 50, Math.floor(n / 2), n - 1, n];
      const sample = async () => Promise.all(sampleSeqs.map(async (s) => (await readRange(page, s, s))[0]));
      const before = await sample();
      expect(before.map((e) => e.seq)).toEqual(sampleSeqs);

      const cases: { file: string; expect: RegExp[] }[] = [
        { file: 'malformed-json.ndjson', expect: [/Line 2: not valid JSON/] },
        { file: 'malformed-seq-gap.ndjson', expect: [/Line 3: seq 4 breaks the sequence: expected 3/] },
        {
          file: 'malformed-payload.ndjson',
          expect: [/Line 2: invalid PointsCharged data: amount/, /Line 3: invalid PostLiked data: unexpected field "likes"/, /Line 4: .*PointsStolen/],
        },
        {
          file: 'hostile-proto.ndjson',
          expect: [/Line 2: forbidden key "data\.__proto__"/, /Line 3: forbidden key "meta\.constructor"/, /Line 4: forbidden key "data\.description\.prototype"/],
        },
      ];
      const alert = page.getByRole('alert').filter({ hasText: 'The file was not imported' });
      for (const c of cases) {
        await chooseFile(page, fixture(c.file));
        let text = '';
        await until(
          async () => {
            text = (await alert.count()) === 1 ? ((await alert.textContent()) ?? '') : '';
            return c.expect.every((re) => re.test(text));
          },
          15_000,
          50,
          `the alert for ${c.file}`,
        ).catch((e: Error) => {
          throw new Error(`${c.file}: ${e.message}; the alert says: ${JSON.stringify(text)}`);
        });
        console.log(`[import] ${c.file} → ${JSON.stringify(text)}`);
        // Every reported problem names its line.
        const items = await alert.locator('li').allTextContents();
        expect(items.length).toBeGreaterThanOrEqual(c.expect.length);
        for (const item of items) expect(item).toMatch(/^Line \d+: /);
        // Nothing changed.
        expect(await page.getByRole('alertdialog').count()).toBe(0);
        expect(await headSeq(page)).toBe(n);
        expect(await shownEventCount(page)).toBe(n);
        expect(await shownBalance(page)).toBe(balance);
        expect(await sample()).toEqual(before);
        expect(await page.evaluate(() => [(Object.prototype as Record<string, unknown>).polluted, (Object.prototype as Record<string, unknown>).isAdmin])).toEqual([undefined, undefined]);
      }
      expect(await readAll(page)).toEqual(demo.events);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});


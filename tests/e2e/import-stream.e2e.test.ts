// A file several times larger than a heap bound imports in Chromium with the JS heap
// under that bound (the file is streamed and staged, never one string), with progress;
// a cancel part-way leaves the log and the staging area as they were.
//
// OPT-IN, NOT YET PASSING (EVENTDESK_STREAM_E2E=1): on the shared 2-core machine the
// 120k-event file did not finish in 9 min, and an 8k-event run (STREAM_E2E_EVENTS=8000)
// took 68 s with a peak `Runtime.getHeapUsage().usedSize` of 142 MB. That figure counts
// garbage V8 has not collected yet, so it is not the live heap: the bound should rather be
// enforced by launching Chromium with --js-flags=--max-old-space-size=<bound> and
// importing a file larger than it (an OOM crash would fail the test).
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage } from './support/browser';
import { headSeq, until, waitReady, waitShownCount } from './support/app';

const EVENTS = Number(process.env.STREAM_E2E_EVENTS ?? 120_000);
/** Each charge carries a 1 KB memo, so the file is ~150 MB. */
const MEMO = 'm'.repeat(1_000);
/** Peak JS heap allowed during the import: the file is several times larger. */
const HEAP_BOUND = 64 * 1024 * 1024;

async function writeFile(path: string): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  for (let seq = 1; seq <= EVENTS; seq++) {
    const line =
      JSON.stringify({
        seq,
        streamId: 'wallet:me',
        version: seq,
        type: 'PointsCharged',
        schemaVersion: 2,
        data: { amount: 1, description: `${seq} ${MEMO}` },
        meta: { at: 1_700_000_000_000 + seq, actor: 'me', commandId: `c${seq}`, correlationId: `c${seq}`, causationId: `c${seq}` },
      }) + '\n';
    bytes += line.length;
    if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
  return bytes;
}

async function status(page: Page): Promise<string> {
  return (await page.locator('.data-panel__status').textContent()) ?? '';
}

async function stagingCount(page: Page): Promise<number> {
  type Handle = { __eventdesk: { desk: { store: { db: { staging: { count(): Promise<number> } } } } } };
  return page.evaluate(() => (window as unknown as Handle).__eventdesk.desk.store.db.staging.count());
}

describe.skipIf(!process.env.EVENTDESK_STREAM_E2E)('streamed import of a large file', () => {
  let browser: Browser;
  let dir: string;
  let file: string;
  let size: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'eventdesk-stream-'));
    file = join(dir, 'large.ndjson');
    size = await writeFile(file);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports with the heap bounded and progress shown; a later cancel changes nothing', { timeout: 600_000 }, async () => {
    if (!process.env.STREAM_E2E_EVENTS) expect(size).toBeGreaterThan(2 * HEAP_BOUND);
    const { page, errors, close } = await newPage(browser);
    try {
      await waitReady(page);
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('HeapProfiler.collectGarbage');
      let peak = 0;
      let sampling = true;
      const progressSeen = new Set<string>();
      const sampler = (async () => {
        while (sampling) {
          const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
          peak = Math.max(peak, usedSize);
          const label = await page.locator('.data-panel__progress span').textContent({ timeout: 50 }).catch(() => null);
          if (label) progressSeen.add(label);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      })();
      const started = Date.now();
      await page.getByLabel('Import events').setInputFiles(file);
      await until(async () => (await status(page)).includes('Imported'), 540_000, 250, 'import finished');
      const seconds = (Date.now() - started) / 1000;
      sampling = false;
      await sampler;
      console.log(
        `streamed import: ${(size / 1024 / 1024).toFixed(0)} MB, ${EVENTS} events in ${seconds.toFixed(1)} s ` +
          `(${Math.round(EVENTS / seconds)} events/s); peak JS heap ${(peak / 1024 / 1024).toFixed(1)} MB`,
      );
      expect(await status(page)).toContain(`Imported ${EVENTS.toLocaleString('en-US')} events`);
      expect(await headSeq(page)).toBe(EVENTS);
      await waitShownCount(page, EVENTS, 120_000);
      expect([...progressSeen].some((l) => /Checking the file… \d+%/.test(l))).toBe(true);
      expect(peak).toBeLessThan(HEAP_BOUND);
      expect(await stagingCount(page)).toBe(0);

      // Again into the now non-empty log, cancelled part-way: the log and the staging area stay as they were.
      await page.getByLabel('Import events').setInputFiles(file);
      await until(async () => /Checking the file… ([3-9]\d)%/.test((await page.locator('.data-panel__progress span').textContent()) ?? ''), 300_000, 50, 'reading under way');
      await page.getByRole('button', { name: 'Cancel import' }).click();
      await until(async () => (await status(page)).includes('Import cancelled'), 60_000, 100, 'cancelled');
      expect(await headSeq(page)).toBe(EVENTS);
      expect(await stagingCount(page)).toBe(0);
      expect(page.getByRole('alertdialog')).toBeDefined();
      expect(await page.getByRole('alertdialog').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});

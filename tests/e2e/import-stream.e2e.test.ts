// A file larger than the JS heap imports in Chromium with progress, and a cancel part-way changes nothing.
//
// The heap bound is enforced, not sampled: this Chromium runs with V8's old space capped at HEAP_CAP_MB
// (--max-old-space-size), so an import that held the file, or anything growing with it, would crash the
// page (and fail the test). The file is several times larger than the cap. Its events are ~320-byte
// like/unlike events of one post, realistic in size, whose views stay small: the import (read, check,
// stage, swap in) and the rebuild of the views are what is measured. (A log of charges is another matter:
// the passbook view keeps every line with its memo in memory, so its views grow with the log.)
// Sampled figures (peak used heap, which counts uncollected garbage; live heap after a forced GC) are logged.
//
// STREAM_E2E_EVENTS overrides the size (default 170,000 events, ~54 MB).
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject, afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROME_ARGS, chromePath } from './support/chrome';
import { newPage } from './support/browser';
import { headSeq, waitReady, waitShownCount } from './support/app';

const EVENTS = Number(process.env.STREAM_E2E_EVENTS ?? 170_000);
const HEAP_CAP_MB = 48;

/** A random-looking (but reproducible) UUID for `n`: the app's command ids are random, so they do not arrive sorted. */
function uuidOf(n: number): string {
  let h = Math.imul(n ^ 0x5bd1e995, 0x9e3779b1);
  const part = () => ((h = Math.imul(h ^ (h >>> 15), 0x85ebca6b) >>> 0), h.toString(16).padStart(8, '0'));
  const hex = part() + part() + part() + part();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** One post, then likes and unlikes by seven fans, one command each (uuid-like ids, as the app writes). */
async function writeFile(path: string): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  for (let seq = 1; seq <= EVENTS; seq++) {
    const id = uuidOf(seq);
    const meta = { at: 1_700_000_000_000 + seq * 1000, actor: 'me', commandId: id, correlationId: id, causationId: id };
    const event =
      seq === 1
        ? { seq, streamId: 'post:p1', version: 1, type: 'PostCreated', schemaVersion: 1, data: { postId: 'p1', title: 'A post', author: 'me' }, meta }
        : {
            seq,
            streamId: 'post:p1',
            version: seq,
            type: seq % 2 === 0 ? 'PostLiked' : 'PostUnliked',
            schemaVersion: 1,
            data: { postId: 'p1', userId: `fan${Math.floor(seq / 2) % 7}` },
            meta,
          };
    const line = JSON.stringify(event) + '\n';
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

/** Polls `fn` until true; throws at once if the page crashed (out of memory under the cap). */
async function until(page: Page, crashed: () => boolean, fn: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (crashed()) throw new Error(`the page crashed while waiting for ${what} (out of memory under a ${HEAP_CAP_MB} MB heap?)`);
    if (await fn()) return;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await page.waitForTimeout(100);
  }
}

describe('streamed import of a file larger than the heap', () => {
  let browser: Browser;
  let dir: string;
  let file: string;
  let size: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'eventdesk-stream-'));
    file = join(dir, 'large.ndjson');
    size = await writeFile(file);
    browser = await chromium.launch({
      executablePath: inject('chromePath') || chromePath(),
      args: [...CHROME_ARGS, `--js-flags=--max-old-space-size=${HEAP_CAP_MB}`],
    });
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports under a capped heap with progress shown; a later cancel changes nothing', { timeout: 300_000 }, async () => {
    if (!process.env.STREAM_E2E_EVENTS) expect(size).toBeGreaterThan(HEAP_CAP_MB * 1024 * 1024);
    const { page, errors, close } = await newPage(browser);
    let crashed = false;
    page.on('crash', () => (crashed = true));
    try {
      await waitReady(page);
      const cdp = await page.context().newCDPSession(page);
      let peak = 0;
      let livePeak = 0;
      let sampling = true;
      const progressSeen = new Set<string>();
      const sampler = (async () => {
        for (let i = 0; sampling && !crashed; i++) {
          try {
            if (i % 20 === 19) await cdp.send('HeapProfiler.collectGarbage');
            const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
            if (i % 20 === 19) livePeak = Math.max(livePeak, usedSize);
            peak = Math.max(peak, usedSize);
            const label = await page.locator('.data-panel__progress span').textContent({ timeout: 50 }).catch(() => null);
            if (label) progressSeen.add(label);
          } catch {
            return; // the page went away; the test says why
          }
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      })();
      const started = Date.now();
      await page.getByLabel('Import events').setInputFiles(file);
      await until(page, () => crashed, async () => (await status(page)).includes('Imported'), 240_000, 'the import to finish');
      const seconds = (Date.now() - started) / 1000;
      sampling = false;
      await sampler;
      console.log(
        `streamed import: ${(size / 1024 / 1024).toFixed(1)} MB, ${EVENTS} events in ${seconds.toFixed(1)} s ` +
          `(${Math.round(EVENTS / seconds)} events/s) under a ${HEAP_CAP_MB} MB heap cap; ` +
          `sampled peak used ${(peak / 1024 / 1024).toFixed(1)} MB, live after GC ${(livePeak / 1024 / 1024).toFixed(1)} MB`,
      );
      expect(await status(page)).toContain(`Imported ${EVENTS.toLocaleString('en-US')} events`);
      expect(await headSeq(page)).toBe(EVENTS);
      await waitShownCount(page, EVENTS, 60_000);
      expect([...progressSeen].some((l) => /Checking the file… \d+%/.test(l))).toBe(true);
      expect(await stagingCount(page)).toBe(0);

      // Again into the now non-empty log, cancelled part-way: the log and the staging area stay as they were.
      await page.getByLabel('Import events').setInputFiles(file);
      const progress = page.locator('.data-panel__progress span');
      await until(page, () => crashed, async () => /Checking the file… ([2-8]\d)%/.test((await progress.textContent().catch(() => '')) ?? ''), 120_000, 'reading under way');
      await page.getByRole('button', { name: 'Cancel import' }).click();
      await until(page, () => crashed, async () => (await status(page)).includes('Import cancelled'), 60_000, 'the cancel');
      expect(await headSeq(page)).toBe(EVENTS);
      expect(await stagingCount(page)).toBe(0);
      expect(await page.getByRole('alertdialog').count()).toBe(0);
      expect(crashed).toBe(false);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});

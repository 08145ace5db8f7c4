// App-level helpers for the EventDesk browser tests: drive the UI like a user,
// READ state through window.__eventdesk for assertions, and compute expected
// views in Node by folding an exported log with the app's own projection.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { StoredEvent } from '../../../src/engine/event-envelope';
import { foldInPlace } from '../../../src/engine/projection';
import { viewProjection, type ViewState } from '../../../src/projections/view-projection';

export type { StoredEvent, ViewState };

/** "12,345" / "-1,000" / "12,345 points" → 12345 / -1000 / 12345. */
export function parseCount(text: string | null | undefined): number {
  const t = (text ?? '').trim();
  const m = /-?[\d,.\s]+/.exec(t.replace(/\u00a0/g, ' '));
  if (!m) return Number.NaN;
  return Number(m[0].replace(/[,\s]/g, ''));
}

/** en-US number formatting, as the app shows it in English. */
export function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

/** Waits until the desk finished starting (phase "ready"). */
export async function waitReady(page: Page, timeout = 20_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const h = window.__eventdesk;
      return Boolean(h && h.store.getState().phase === 'ready');
    },
    undefined,
    { timeout, polling: 25 },
  );
}

/** The number shown in the header's "Event count" output. */
export async function shownEventCount(page: Page): Promise<number> {
  return parseCount(await page.getByLabel('Event count').first().textContent());
}

/** The number shown in the wallet's "Balance" output. */
export async function shownBalance(page: Page): Promise<number> {
  return parseCount(await page.locator('output[aria-label="Balance"]').first().textContent());
}

/** Head seq of the durable log (IndexedDB), read through the app handle. */
export async function headSeq(page: Page): Promise<number> {
  return page.evaluate(() => window.__eventdesk.desk.store.headSeq() as Promise<number>);
}

/** Events [from, to] from the durable log. */
export async function readRange(page: Page, from: number, to: number): Promise<StoredEvent[]> {
  return page.evaluate(([f, t]) => window.__eventdesk.desk.readRange(f, t) as Promise<StoredEvent[]>, [from, to] as const);
}

/** The whole durable log. */
export async function readAll(page: Page): Promise<StoredEvent[]> {
  return page.evaluate(async () => {
    const desk = window.__eventdesk.desk;
    const head = await desk.store.headSeq();
    return head === 0 ? [] : ((await desk.readRange(1, head)) as StoredEvent[]);
  });
}

/**
 * A few fields of the UI store. `target` is where the slider points (it moves
 * at once); `cursor` is the position of the state on display, which catches up
 * (stores without a separate target: target = cursor).
 */
export async function uiState(
  page: Page,
): Promise<{ target: number; cursor: number; head: number; live: boolean; commandError: string | null; leader: boolean }> {
  return page.evaluate(() => {
    const s = window.__eventdesk.store.getState();
    const target = typeof s.target === 'number' ? s.target : s.cursor;
    return { target, cursor: s.cursor, head: s.head, live: s.live, commandError: s.commandError, leader: s.leader };
  });
}

/**
 * Waits until the views show the slider's position: the store's cursor caught
 * up with its target and the rendered desk (main[data-shown-seq], when present)
 * shows it too. With `seq`, also waits for the slider to point there. Returns the seq.
 */
export async function waitShown(page: Page, seq?: number, timeout = 15_000): Promise<number> {
  const handle = await page.waitForFunction(
    (want) => {
      const s = window.__eventdesk.store.getState();
      const target = typeof s.target === 'number' ? s.target : s.cursor;
      if (want !== null && target !== want) return false;
      if (s.cursor !== target) return false;
      const shown = document.querySelector('main#desk')?.getAttribute('data-shown-seq');
      if (shown !== null && shown !== undefined && Number(shown) !== target) return false;
      return { seq: target };
    },
    seq ?? null,
    { timeout, polling: 20 },
  );
  return ((await handle.jsonValue()) as { seq: number }).seq;
}

export async function isLeader(page: Page): Promise<boolean> {
  return page.evaluate(() => Boolean(window.__eventdesk.desk.isLeader));
}

/** Clicks "Load demo data" on an empty log and waits until the events are shown. */
export async function loadDemo(page: Page): Promise<number> {
  await waitReady(page);
  await page.getByRole('button', { name: 'Load demo data' }).click();
  await page.waitForFunction(
    () => {
      const s = window.__eventdesk.store.getState();
      return s.head > 0 && s.live && s.commandBusy === false;
    },
    undefined,
    { timeout: 60_000, polling: 50 },
  );
  const head = await headSeq(page);
  await waitShownCount(page, head);
  // The views render from a deferred copy of the state: wait until they show the head too.
  await waitShown(page);
  return head;
}

/** Waits until the header's Event count shows exactly `n`. */
export async function waitShownCount(page: Page, n: number, timeout = 20_000): Promise<void> {
  await page.waitForFunction(
    (expected) => {
      const el = document.querySelector('output[aria-label="Event count"]');
      return el !== null && Number((el.textContent ?? '').replace(/[^\d]/g, '')) === expected;
    },
    n,
    { timeout, polling: 20 },
  );
}

/** Waits until the Balance output shows exactly `n`. */
export async function waitShownBalance(page: Page, n: number, timeout = 20_000): Promise<void> {
  await page.waitForFunction(
    (expected) => {
      const el = document.querySelector('output[aria-label="Balance"]');
      if (!el) return false;
      const t = (el.textContent ?? '').replace(/[^\d-]/g, '');
      return t !== '' && Number(t) === expected;
    },
    n,
    { timeout, polling: 20 },
  );
}

/**
 * Clicks without Playwright's "stable" wait (two animation frames). Use for a
 * page that is not the foreground tab: headless Chromium throttles its
 * requestAnimationFrame to ~1 fps, which makes an ordinary click take seconds.
 */
export const BACKGROUND_SAFE = { force: true } as const;

/** Charges `amount` points through the wallet form (optionally with a memo); resolves once the form cleared (= success). */
export async function charge(page: Page, amount: number, memo?: string): Promise<void> {
  const input = page.getByRole('spinbutton', { name: 'Amount' });
  await input.fill(String(amount));
  if (memo !== undefined) await page.getByLabel('Memo (optional)').fill(memo);
  const button = page.getByRole('button', { name: 'Charge points' });
  await button.waitFor({ state: 'visible' });
  if (!(await button.isEnabled())) throw new Error('"Charge points" is disabled');
  await button.click(BACKGROUND_SAFE);
  await page.waitForFunction(
    () => {
      const el = document.querySelector<HTMLInputElement>('#charge-amount');
      const s = window.__eventdesk.store.getState();
      return (el !== null && el.value === '' && !s.commandBusy) || s.commandError !== null;
    },
    undefined,
    { timeout: 20_000, polling: 10 },
  ).catch(async (e: unknown) => {
    // Say what the form showed: a stuck save, a kept value, a field message.
    const form = await page.evaluate(() => ({
      amount: document.querySelector<HTMLInputElement>('#charge-amount')?.value,
      memo: document.querySelector<HTMLInputElement>('#charge-description')?.value,
      busy: window.__eventdesk.store.getState().commandBusy,
      button: document.querySelector('button[aria-label="Charge points"]')?.textContent,
    }));
    throw new Error(`Charge ${amount} did not complete: ${JSON.stringify(form)} (${String(e)})`);
  });
  const err = (await uiState(page)).commandError;
  if (err) throw new Error(`Charge ${amount} failed: ${err}`);
}

/** Creates a post through the posts form; resolves once it is in the live view. */
export async function createPost(page: Page, title: string): Promise<void> {
  await page.getByLabel('New post title').fill(title);
  await page.getByRole('button', { name: 'Create post' }).click(BACKGROUND_SAFE);
  await page.getByRole('heading', { name: title }).first().waitFor({ state: 'visible', timeout: 20_000 });
}

export interface OrderInput {
  quantity: number;
  unitPrice: number;
  batchSize: number;
  /** Visible title of the post to choose; default: the form's default (first post). */
  postTitle?: string;
}

/** Fills the "Order likes" form (does not submit). */
export async function fillOrder(page: Page, o: OrderInput): Promise<void> {
  if (o.postTitle !== undefined) await page.getByLabel('Post', { exact: true }).selectOption({ label: o.postTitle });
  await page.getByLabel('Quantity', { exact: true }).fill(String(o.quantity));
  await page.getByLabel('Price per like', { exact: true }).fill(String(o.unitPrice));
  await page.getByLabel('Batch size', { exact: true }).fill(String(o.batchSize));
}

/** Places an order of `quantity` likes at 1 point each (batches of 100) through the form; waits until the command is done. */
export async function placeOrder(page: Page, quantity: number): Promise<void> {
  await fillOrder(page, { quantity, unitPrice: 1, batchSize: 100 });
  await page.getByRole('button', { name: 'Place order' }).click(BACKGROUND_SAFE);
  await page.waitForFunction(() => !window.__eventdesk.store.getState().commandBusy, undefined, { timeout: 20_000 });
}

/** Pauses the executor through the header toggle (no-op when already paused). */
export async function pauseExecutor(page: Page): Promise<void> {
  const pause = page.getByRole('button', { name: 'Pause executor' });
  if (await pause.isVisible()) await pause.click();
  await page.getByRole('button', { name: 'Resume executor' }).waitFor({ state: 'visible' });
}

/**
 * Clicks "Export events", captures the download and parses it (NDJSON) in Node.
 * Returns the events and the saved file's path (for re-import).
 */
export async function exportLog(page: Page): Promise<{ events: StoredEvent[]; text: string; path: string; fileName: string }> {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.getByRole('button', { name: 'Export events' }).click(),
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'eventdesk-e2e-'));
  const path = join(dir, download.suggestedFilename());
  await download.saveAs(path);
  const text = readFileSync(path, 'utf8');
  return { events: parseNdjsonText(text), text, path, fileName: download.suggestedFilename() };
}

export function parseNdjsonText(text: string): StoredEvent[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as StoredEvent);
}

/** Writes `text` to a temp file named `name` and returns its path. */
export function tempFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'eventdesk-e2e-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/**
 * The view state after the first `n` events (n = the slider's seq), folded in
 * Node with the app's own projection. Events must be at the current schema
 * (an export is) — old-schema files need the registry's upcasters first.
 */
export function stateAt(events: readonly StoredEvent[], n: number): ViewState {
  return foldInPlace(viewProjection, viewProjection.init(), events.slice(0, n));
}

/** Each visible order progress bar: order id → {delivered (aria-valuenow), quantity (aria-valuemax)}. */
export async function shownOrderProgress(page: Page): Promise<Record<string, { delivered: number; quantity: number }>> {
  return page.evaluate(() => {
    const out: Record<string, { delivered: number; quantity: number }> = {};
    const board = document.querySelector('[role="region"][aria-label="Orders board"]');
    if (!board) return out;
    for (const bar of Array.from(board.querySelectorAll('[role="progressbar"]'))) {
      const id = /Order #(.+) progress/.exec(bar.getAttribute('aria-label') ?? '')?.[1];
      if (id === undefined) continue;
      if (id in out) throw new Error(`order #${id} shown twice on the board`);
      out[id] = { delivered: Number(bar.getAttribute('aria-valuenow')), quantity: Number(bar.getAttribute('aria-valuemax')) };
    }
    return out;
  });
}

/** Like counts of the post cards, in the order shown: [{title, likes}]. */
export async function shownPostLikes(page: Page): Promise<{ title: string; likes: number }[]> {
  return page.evaluate(() => {
    const region = document.querySelector('[role="region"][aria-label="Posts list"]');
    if (!region) return [];
    return Array.from(region.querySelectorAll('article')).map((a) => ({
      title: a.querySelector('h3')?.textContent ?? '',
      likes: Number((a.querySelector('output[aria-label="Like count"]')?.textContent ?? '').replace(/[^\d-]/g, '')),
    }));
  });
}

/** Stats totals table, row class suffix → number. */
export async function shownStatsTotals(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const out: Record<string, number> = {};
    for (const row of Array.from(document.querySelectorAll('tr.stats__row'))) {
      const key = /stats__row--(\w+)/.exec(row.className)?.[1];
      if (!key) continue;
      out[key] = Number((row.querySelector('td')?.textContent ?? '').replace(/[^\d-]/g, ''));
    }
    return out;
  });
}

/** Rows of the passbook table (virtualized: the lines rendered around the scroll position, newest first). */
export async function shownPassbookRows(page: Page): Promise<number> {
  return page.locator('[role="region"][aria-label="Passbook"] tbody tr[data-seq]').count();
}

/**
 * What the orders board shows that disagrees with the fold `want` (empty when it agrees). The board is
 * virtualized and scrolled to the top, so it renders the newest orders: those, with the fold's delivered and
 * quantity, and at least one when there are orders.
 */
export async function boardMismatches(page: Page, want: ViewState): Promise<string[]> {
  const shown = await shownOrderProgress(page);
  const ids = Object.keys(shown);
  const total = want.orders.order.length;
  if (total > 0 && ids.length === 0) return [`board shows no order of ${total}`];
  const newest = new Set(want.orders.order.slice(-ids.length));
  const out: string[] = [];
  for (const id of ids) {
    const row = want.orders.byId[id];
    if (!newest.has(id)) out.push(`order #${id} shown but not among the newest ${ids.length}`);
    else if (row.delivered !== shown[id].delivered || row.quantity !== shown[id].quantity)
      out.push(`order #${id}: shown ${shown[id].delivered}/${shown[id].quantity}, fold ${row.delivered}/${row.quantity}`);
  }
  return out;
}

/** Moves the slider through the UI store's seek action (same path as the slider's onChange). */
export async function seek(page: Page, seq: number): Promise<void> {
  await page.evaluate((n) => window.__eventdesk.store.getState().seek(n), seq);
}

/** Polls `fn` every `intervalMs` until it returns true (or throws after timeoutMs). */
export async function until(fn: () => Promise<boolean> | boolean, timeoutMs = 20_000, intervalMs = 50, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await fn()) return;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

// Two (or more) devices for the sync browser tests: each is its own browser
// context (separate IndexedDB and localStorage), connected through the Data
// panel's Sync section to a real nats-server started by the e2e global setup.
import { inject } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { newPage, serverUrl, type OpenedPage } from './browser';
import { waitReady } from './app';
import type { NatsTestServer } from '../../sync/support/nats-global-setup';

export type Device = OpenedPage;

export function natsServer(): NatsTestServer {
  const s = inject('natsTestServer');
  if (!s?.ws) throw new Error('natsTestServer not provided: is tests/sync/support/nats-global-setup.ts a globalSetup of the e2e project?');
  return s;
}

/** A desk name no other test uses (each desk is its own stream). */
export function freshDesk(prefix = 'e2e'): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
}

/** A new device: a fresh browser context with the app loaded and ready. */
export async function openDevice(browser: Browser): Promise<Device> {
  const device = await newPage(browser, serverUrl());
  await waitReady(device.page);
  return device;
}

/** Devices opened on `browser()` and closed together (at a test's or a suite's end): each test's two or more users. */
export function devicePool(browser: () => Browser) {
  const open: Device[] = [];
  return {
    device: async (): Promise<Device> => {
      const d = await openDevice(browser());
      open.push(d);
      return d;
    },
    closeAll: async (): Promise<void> => {
      for (const d of open.splice(0)) await d.close();
    },
  };
}

/** The text of the element labelled "Sync status". */
export async function syncStatus(page: Page): Promise<string> {
  return (await page.getByLabel('Sync status').textContent()) ?? '';
}

/** Waits until "Sync status" matches `pattern` (polling inside the page). */
export async function waitSyncStatus(page: Page, pattern: RegExp, timeout = 20_000): Promise<void> {
  await page.waitForFunction(
    ([source, flags]) => new RegExp(source, flags).test(document.querySelector('[aria-label="Sync status"]')?.textContent ?? ''),
    [pattern.source, pattern.flags] as const,
    { timeout, polling: 20 },
  );
}

/** Fills the Sync section like a user and clicks Connect; resolves once the status says "synced". */
export async function connect(page: Page, desk: string, server = natsServer(), timeout = 20_000): Promise<void> {
  await page.getByLabel('Server URL').fill(server.ws);
  await page.getByLabel('Desk', { exact: true }).fill(desk);
  await page.getByLabel('User', { exact: true }).fill(server.user);
  await page.getByLabel('Password', { exact: true }).fill(server.password);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await waitSyncStatus(page, /synced/, timeout);
  // Filling the form scrolled the page down; forced clicks (BACKGROUND_SAFE) at a control under the sticky
  // timeline bar would land on the bar, so the commands' tests start from the top like a fresh page.
  await page.evaluate(() => window.scrollTo(0, 0));
}

export async function disconnect(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Disconnect', exact: true }).click();
  await waitSyncStatus(page, /disconnected/);
}

/** Events this device has confirmed (on the desk), read through the app handle. */
export async function confirmedHead(page: Page): Promise<number> {
  return page.evaluate(() => window.__eventdesk.desk.log.confirmedHead() as Promise<number>);
}

/** Page errors other than Chromium's own log line for a WebSocket it could not open (the server is down on purpose). */
export function unexpectedErrors(device: Device): string[] {
  // What a browser logs when the tests stop the server on purpose: a refused reconnect, a send on a socket already closing.
  return device.errors.filter(
    (e) => !/WebSocket connection to 'ws:\/\/127\.0\.0\.1:\d+\/' failed: .*ERR_CONNECTION_REFUSED/.test(e) && !/WebSocket is already in CLOSING or CLOSED state/.test(e),
  );
}

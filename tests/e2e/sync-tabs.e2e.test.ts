// Issue 8, left over: with sync on and two tabs of one browser open, only the leading tab runs the sync, and
// the other tab said "disconnected" in "Sync status". Every tab now shows the leader's status (sent over a
// BroadcastChannel). Real Chromium, one context (= one browser profile), two tabs, a real nats-server.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPage, serverUrl } from './support/browser';
import { charge, isLeader, waitReady } from './support/app';
import { connect, freshDesk, syncStatus, waitSyncStatus } from './support/sync-devices';

describe('sync status in every tab', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a tab that does not lead shows the real status ("synced up to event N"), follows a command it made itself, and its Disconnect disconnects', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const a = await newPage(browser, serverUrl(), { context });
      await waitReady(a.page);
      const b = await newPage(browser, serverUrl(), { context });
      await waitReady(b.page);
      expect(await isLeader(a.page)).toBe(true);
      expect(await isLeader(b.page)).toBe(false);

      const deskName = freshDesk('tabs');
      await connect(a.page, deskName);
      await charge(a.page, 1_000);
      await waitSyncStatus(a.page, /synced up to event 1/);
      await waitSyncStatus(b.page, /synced up to event 1/);

      // A command made in the tab that does not lead is pushed by the leader; this tab says so too.
      await charge(b.page, 2_000);
      await waitSyncStatus(b.page, /synced up to event 2/);
      expect(await syncStatus(b.page)).not.toMatch(/disconnected/);
      // Its form shows what the leader connected with, not the defaults it had when it opened.
      await expect.poll(() => b.page.getByLabel('Desk', { exact: true }).inputValue()).toBe(deskName);
      // What the tab that does not lead shows (looked at by hand): /tmp/syncux/tab-status-{en,ko}.png.
      mkdirSync('/tmp/syncux', { recursive: true });
      await b.page.getByLabel('Sync status').scrollIntoViewIfNeeded();
      await b.page.screenshot({ path: '/tmp/syncux/tab-status-en.png' });
      await b.page.evaluate(() => window.__eventdesk.store.getState().setLanguage('ko'));
      await waitSyncStatus(b.page, /이벤트 2까지 동기화됨/);
      await b.page.screenshot({ path: '/tmp/syncux/tab-status-ko.png' });
      await b.page.evaluate(() => window.__eventdesk.store.getState().setLanguage('en'));
      await expect.poll(() => b.page.getByRole('button', { name: 'Disconnect', exact: true }).isEnabled()).toBe(true);

      await b.page.getByRole('button', { name: 'Disconnect', exact: true }).click();
      await waitSyncStatus(a.page, /disconnected/);
      await waitSyncStatus(b.page, /disconnected/);
    } finally {
      await context.close();
    }
  });
});

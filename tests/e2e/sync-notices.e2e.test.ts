// Issues 8 and 13, left over, in real Chromium against a real nats-server, two devices (two browser
// contexts): a bookmark made on one device appears on the other and jumps it to the same moment; an
// order both devices numbered #1 offline is renumbered on the one that synced second, and that device
// is told so. Screenshots (EN, KO, 390 px) go to /tmp/syncux/.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './support/browser';
import { charge, createPost, pauseExecutor, placeOrder, seek, shownBalance, waitShown, waitShownBalance } from './support/app';
import { connect, devicePool, freshDesk, waitSyncStatus } from './support/sync-devices';
import { ownNatsServer, type OwnNatsServer } from './support/sync-server';

const SHOTS = '/tmp/syncux';

async function setLanguage(page: Page, language: 'en' | 'ko'): Promise<void> {
  await page.evaluate((l) => window.__eventdesk.store.getState().setLanguage(l), language);
}

describe('sync: bookmarks and renumbered orders across two devices', () => {
  let browser: Browser;
  let server: OwnNatsServer;
  const { device, closeAll } = devicePool(() => browser);
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchBrowser();
    server = await ownNatsServer();
  });
  afterAll(async () => {
    await closeAll();
    await browser?.close();
    await server?.dispose();
  });

  it('a bookmark made on device A appears in device B\'s Bookmarks list, and clicking it shows B the same moment as A', async () => {
    const desk = freshDesk('bookmarks');
    const a = await device();
    const b = await device();
    await connect(a.page, desk, server);
    await connect(b.page, desk, server);
    await charge(a.page, 1_500);
    await charge(a.page, 2_500);
    await waitSyncStatus(b.page, /synced up to event 2/);
    await seek(a.page, 1);
    await waitShown(a.page, 1);
    await a.page.getByLabel('Bookmark label', { exact: true }).fill('after the first charge');
    await a.page.getByRole('button', { name: 'Bookmark', exact: true }).click();

    const onB = b.page.getByRole('list', { name: 'Bookmarks' }).getByRole('button', { name: /^after the first charge/ });
    await onB.waitFor({ timeout: 20_000 });
    await onB.click();
    await waitShown(b.page, 1);
    expect(await shownBalance(b.page)).toBe(await shownBalance(a.page));
    expect(await shownBalance(b.page)).toBe(1_500);
    await b.page.screenshot({ path: `${SHOTS}/bookmark-synced-en.png` });
    await setLanguage(b.page, 'ko');
    await b.page.getByRole('list', { name: '북마크 · Bookmarks' }).waitFor();
    await b.page.screenshot({ path: `${SHOTS}/bookmark-synced-ko.png` });
    await setLanguage(b.page, 'en');
  });

  it('both offline place order #1: the device that syncs second is told "Your order #1 is now order #2", in English and Korean, until it presses OK', async () => {
    // A retry after a failure while the server was stopped finds it running again.
    await server.start();
    const desk = freshDesk('renumber');
    const a = await device();
    const b = await device();
    await connect(a.page, desk, server);
    await connect(b.page, desk, server);
    await pauseExecutor(a.page);
    await pauseExecutor(b.page);
    await charge(a.page, 10_000);
    await createPost(a.page, 'Launch');
    await waitShownBalance(b.page, 10_000);
    // B must hold the post too before the server stops, or its order is refused (no such post), not renumbered.
    await waitSyncStatus(b.page, /synced up to event 2/);

    await server.stop();
    await waitSyncStatus(a.page, /offline/);
    await waitSyncStatus(b.page, /offline/);
    await placeOrder(a.page, 1_000);
    await placeOrder(b.page, 700);
    for (const d of [a, b]) expect(await d.page.evaluate(() => Object.keys(window.__eventdesk.desk.live.state.orders.byId))).toEqual(['1']);

    await server.start();
    await waitSyncStatus(a.page, /synced/, 30_000);
    await waitSyncStatus(b.page, /synced/, 30_000);
    // "synced" on the device that pushed first can come before the other's renumbered order is on the desk:
    // wait until each device has pulled both orders.
    for (const d of [a, b]) {
      await d.page.waitForFunction(() => Object.keys(window.__eventdesk.desk.live.state.orders.byId).length === 2, null, { timeout: 30_000, polling: 50 });
    }
    const orders = await a.page.evaluate(() => Object.values(window.__eventdesk.desk.live.state.orders.byId).map((o) => [o.orderId, o.quantity]));
    expect(orders.map(([id]) => id).sort()).toEqual(['1', '2']);
    const second = orders.find(([id]) => id === '2')![1] === 700 ? b : a;
    const first = second === a ? b : a;

    const notice = second.page.getByRole('status', { name: 'Orders renumbered after sync' });
    await notice.waitFor({ timeout: 20_000 });
    expect(await notice.textContent()).toContain('Your order #1 is now order #2: after syncing, #1 was already taken by an order placed first on another device.');
    expect(await first.page.getByRole('status', { name: 'Orders renumbered after sync' }).count()).toBe(0);
    await second.page.evaluate(() => window.scrollTo(0, 0));
    await second.page.screenshot({ path: `${SHOTS}/renumbered-en.png` });
    await setLanguage(second.page, 'ko');
    const ko = second.page.getByRole('status', { name: '동기화 후 번호가 바뀐 주문 · Orders renumbered after sync' });
    await ko.waitFor();
    expect(await ko.textContent()).toContain('내 주문 #1의 번호가 #2번으로 바뀌었습니다');
    await second.page.screenshot({ path: `${SHOTS}/renumbered-ko.png` });
    await second.page.setViewportSize({ width: 390, height: 844 });
    await second.page.screenshot({ path: `${SHOTS}/renumbered-ko-390.png` });
    await setLanguage(second.page, 'en');
    await second.page.screenshot({ path: `${SHOTS}/renumbered-en-390.png` });

    await second.page.getByRole('button', { name: 'Dismiss: order #1 is now #2' }).click();
    await notice.waitFor({ state: 'detached' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPage, serverUrl, serviceWorkerReady } from './support/browser';

describe('smoke: built site in Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('renders the app with an Event count and no uncaught errors', async () => {
    const { page, errors, close } = await newPage(browser, serverUrl());
    try {
      await expect(page.title()).resolves.toBe('EventDesk');
      const count = page.getByLabel('Event count');
      await count.first().waitFor({ state: 'visible', timeout: 15_000 });
      expect(await count.first().isVisible()).toBe(true);
      await page.waitForTimeout(250); // let late async errors surface
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('serves the web manifest and registers the service worker (offline-first)', async () => {
    const { page, errors, close } = await newPage(browser, serverUrl());
    try {
      const manifest = await page.evaluate(async () => (await fetch('/manifest.webmanifest')).json());
      expect(manifest).toMatchObject({ name: 'EventDesk', short_name: 'EventDesk', display: 'standalone' });
      expect(await serviceWorkerReady(page, 10_000)).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('reloads offline from the service-worker cache', async () => {
    const { page, context, errors, close } = await newPage(browser, serverUrl());
    try {
      expect(await serviceWorkerReady(page, 10_000)).toBe(true);
      // The page must be controlled before the network goes away.
      if (!(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)))) {
        await page.reload({ waitUntil: 'load' });
      }
      await context.setOffline(true);
      await page.reload({ waitUntil: 'load' });
      await page.getByLabel('Event count').first().waitFor({ state: 'visible', timeout: 15_000 });
      expect(errors).toEqual([]);
    } finally {
      await context.setOffline(false);
      await close();
    }
  });
});

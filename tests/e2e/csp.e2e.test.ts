// The built site runs under its own strict Content-Security-Policy (vite.config.ts): it loads, loads demo
// data, places a charge, draws the stats chart, opens a sync connection to a user-entered ws:// URL, and
// works offline through the service worker, with no CSP or Trusted Types violation reported on the way. The
// policy is really enforced: an inline script, an innerHTML write and a javascript: link are refused and reported.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchBrowser, newPage, serverUrl, serviceWorkerReady } from './support/browser';
import { charge, loadDemo, shownBalance, waitReady, waitShownBalance, waitShownCount } from './support/app';

interface Violation {
  directive: string;
  blockedURI: string;
  sample: string;
  url: string;
}

/**
 * Records every `securitypolicyviolation` event of every page of the context, across reloads and offline
 * (the listener is installed before the page's own scripts by an init script; the binding is a CDP channel,
 * which the page's CSP does not govern).
 */
async function recordViolations(context: BrowserContext): Promise<Violation[]> {
  const seen: Violation[] = [];
  await context.exposeBinding('__reportCspViolation', (_source, v: Violation) => {
    seen.push(v);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __reportCspViolation(v: unknown): void }).__reportCspViolation;
      report({ directive: e.effectiveDirective, blockedURI: e.blockedURI, sample: e.sample, url: location.href });
    });
  });
  return seen;
}

const cspConsoleMessage = /Content Security Policy|Trusted Type|TrustedHTML|TrustedScript/i;

describe('content security policy: the built app works under it, and it is enforced', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('loads, loads demo data, charges, draws the chart, dials sync and works offline with no violation reported', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const violations = await recordViolations(context);
    const { page, errors, logs } = await newPage(browser, serverUrl(), { context });
    try {
      const policy = await page.evaluate(
        () => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '',
      );
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("style-src 'self'");
      expect(policy).not.toContain('unsafe-inline');
      expect(policy).not.toContain('unsafe-eval');

      const head = await loadDemo(page);
      const balance = await shownBalance(page);
      await charge(page, 1234, 'under CSP');
      await waitShownCount(page, head + 1);
      await waitShownBalance(page, balance + 1234);

      // The stats chart (uPlot, a lazily loaded chunk with its own CSS) draws.
      await page.getByRole('img', { name: /./ }).locator('canvas').first().waitFor({ state: 'attached', timeout: 20_000 });
      expect(await page.locator('.stats__chart canvas').count()).toBeGreaterThan(0);

      // Opt-in sync dials the user-entered ws:// URL: a closed port, so it cannot connect, but CSP lets it try.
      await page.getByLabel('Server URL').fill('ws://127.0.0.1:9/');
      await page.getByLabel('User').fill('nobody');
      await page.getByLabel('Password').fill('nothing');
      await page.getByRole('button', { name: 'Connect', exact: true }).click();
      await page.waitForFunction(
        () => !/connecting/.test(document.querySelector('output[aria-label="Sync status"]')?.textContent ?? 'connecting'),
        undefined,
        { timeout: 30_000, polling: 100 },
      );
      const syncStatus = (await page.locator('output[aria-label="Sync status"]').textContent()) ?? '';
      expect(syncStatus).not.toMatch(/security|policy|refused to connect/i);
      const syncError = (await page.locator('.sync-section__error').textContent().catch(() => null)) ?? '';
      expect(syncError).not.toMatch(/security|policy/i);
      if (await page.getByRole('button', { name: 'Disconnect' }).isEnabled()) {
        await page.getByRole('button', { name: 'Disconnect' }).click();
      }

      // Offline, through the service worker: the cached index.html carries the same policy.
      expect(await serviceWorkerReady(page, 15_000)).toBe(true);
      if (!(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)))) await page.reload({ waitUntil: 'load' });
      expect(await page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
      await context.setOffline(true);
      await page.reload({ waitUntil: 'load' });
      await waitReady(page);
      await waitShownCount(page, head + 1);
      expect(
        await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content')),
      ).toBe(policy);
      await charge(page, 55, 'offline under CSP');
      await waitShownBalance(page, balance + 1234 + 55);

      expect(violations).toEqual([]);
      expect(logs.filter((l) => cspConsoleMessage.test(l))).toEqual([]);
      // The failed sync dial may log; nothing else may.
      expect(errors.filter((e) => !/WebSocket|ws:\/\/127\.0\.0\.1:9|ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(e))).toEqual([]);
    } finally {
      await context.setOffline(false).catch(() => {});
      await context.close();
    }
  });

  it('refuses and reports an inline script, an innerHTML write and a clicked javascript: link (the policy is live, the listener hears it)', async () => {
    const context = await browser.newContext();
    const violations = await recordViolations(context);
    const { page } = await newPage(browser, serverUrl(), { context });
    try {
      await waitReady(page);
      const outcome = await page.evaluate(() => {
        const tryIt = (fn: () => void): string => {
          try {
            fn();
            return 'allowed';
          } catch (e) {
            return e instanceof Error ? e.name : String(e);
          }
        };
        const link = document.createElement('a');
        link.id = 'csp-probe-link';
        link.href = 'javascript:window.__linkRan = true';
        link.textContent = 'probe';
        document.body.prepend(link);
        return {
          inlineScript: tryIt(() => {
            const s = document.createElement('script');
            s.textContent = 'window.__inlineRan = true';
            document.body.append(s);
          }),
          innerHTML: tryIt(() => {
            document.createElement('div').innerHTML = '<img src=x>';
          }),
        };
      });
      // A user clicking a javascript: link (the page did not run the script itself).
      await page.locator('#csp-probe-link').click();
      await page.waitForTimeout(300);
      const ran = await page.evaluate(() => {
        const w = window as unknown as { __inlineRan?: boolean; __linkRan?: boolean };
        return { inline: w.__inlineRan === true, link: w.__linkRan === true };
      });
      expect(ran).toEqual({ inline: false, link: false });
      expect(outcome).toEqual({ inlineScript: 'TypeError', innerHTML: 'TypeError' });
      await expect
        .poll(() => [...new Set(violations.map((v) => v.directive))].sort(), { timeout: 5_000 })
        .toEqual(['require-trusted-types-for', 'script-src-elem']);
    } finally {
      await context.close();
    }
  });
});

// Browser harness for the e2e project (playwright-core driving system Chromium).
//
//   import { launchBrowser, newPage, serverUrl } from './support/browser';
//   const browser = await launchBrowser();             // beforeAll
//   const { page, errors } = await newPage(browser);   // fresh context = fresh IndexedDB
//   await expect.poll(() => page.getByLabel('Event count').isVisible()).toBe(true);
//   expect(errors).toEqual([]);                          // console errors + uncaught page errors
//   await browser.close();                               // afterAll
import { inject } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROME_ARGS, chromePath, chromeProblem } from './chrome';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the built site served by global-setup, with trailing slash. */
    serverUrl: string;
    chromePath: string;
    /** Non-empty when Chromium is unusable: every e2e test must fail with it. */
    chromeProblem: string;
  }
}

/** Base URL of the site under test, e.g. "http://127.0.0.1:41234/". */
export function serverUrl(path = ''): string {
  const base = inject('serverUrl');
  if (!base) throw new Error('serverUrl not provided: is tests/e2e/support/global-setup.ts the globalSetup?');
  return new URL(path.replace(/^\//, ''), base).toString();
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = inject('chromePath') || chromePath();
  const problem = inject('chromeProblem') || chromeProblem(executablePath);
  if (problem) throw new Error(problem);
  return chromium.launch({ executablePath, args: CHROME_ARGS });
}

export interface OpenedPage {
  page: Page;
  context: BrowserContext;
  /** console.error messages and uncaught exceptions, in order. */
  errors: string[];
  /** All console messages "type: text" (handy when debugging a failure). */
  logs: string[];
  close(): Promise<void>;
}

export interface NewPageOptions {
  /** Wait for this load state after navigation (default "load"). */
  waitUntil?: 'load' | 'domcontentloaded' | 'networkidle' | 'commit';
  /** Reuse an existing context (e.g. to test a reload over the same IndexedDB). */
  context?: BrowserContext;
  viewport?: { width: number; height: number };
  /** Ignore the site's Content-Security-Policy (only to inject a test tool such as axe). */
  bypassCSP?: boolean;
}

/**
 * Opens `url` (default: serverUrl()) in a new, isolated browser context, and
 * records console errors and page errors into `errors`.
 */
export async function newPage(browser: Browser, url = serverUrl(), opts: NewPageOptions = {}): Promise<OpenedPage> {
  const context =
    opts.context ??
    (await browser.newContext({ viewport: opts.viewport ?? { width: 1280, height: 800 }, bypassCSP: opts.bypassCSP ?? false }));
  const page = await context.newPage();
  const errors: string[] = [];
  const logs: string[] = [];
  page.on('console', (msg) => {
    logs.push(`${msg.type()}: ${msg.text()}`);
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.stack ?? err.message}`));
  page.on('crash', () => errors.push('page crashed'));
  await page.goto(url, { waitUntil: opts.waitUntil ?? 'load' });
  return {
    page,
    context,
    errors,
    logs,
    close: async () => {
      if (opts.context) await page.close();
      else await context.close();
    },
  };
}

/** Resolves true once navigator.serviceWorker.ready resolves (false after timeoutMs). */
export async function serviceWorkerReady(page: Page, timeoutMs = 10_000): Promise<boolean> {
  return page.evaluate(async (ms) => {
    if (!('serviceWorker' in navigator)) return false;
    const timeout = new Promise<false>((res) => setTimeout(() => res(false), ms));
    const ready = navigator.serviceWorker.ready.then((r) => Boolean(r.active));
    return Promise.race([ready, timeout]);
  }, timeoutMs);
}

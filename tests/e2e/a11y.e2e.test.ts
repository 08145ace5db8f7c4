// Accessibility: axe-core over the real page in its main states — live with
// the demo, in the past, with an order's detail open, in Korean, and with
// import problems shown. No serious or critical violations are allowed.
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, serverUrl, type OpenedPage } from './support/browser';
import { loadDemo, seek, tempFile, uiState, until, waitReady, waitShown } from './support/app';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');

interface AxeNode {
  target: unknown[];
  html: string;
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

/**
 * Waits until lazily loaded content settled: no event-log row still shows its
 * "Loading…" placeholder and the order detail is not busy. (The placeholder
 * itself is checked deterministically by its own test below.)
 */
async function settle(page: Page): Promise<void> {
  await waitShown(page);
  await page.waitForFunction(
    () => document.querySelectorAll('.event-log__loading, [aria-busy="true"]').length === 0,
    undefined,
    { timeout: 10_000, polling: 50 },
  );
}

/** Runs axe on the page (or `include` selector) and returns its violations. */
async function axe(page: Page, include?: string, options: { settle?: boolean } = {}): Promise<AxeViolation[]> {
  if (options.settle !== false) await settle(page);
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async (sel) => {
    const w = window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> } };
    const r = await w.axe.run(sel ? { include: [sel] } : document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html.slice(0, 200), failureSummary: n.failureSummary })),
    }));
  }, include ?? null);
}

function describeViolations(state: string, violations: AxeViolation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 6)
        .map((n) => `      - ${JSON.stringify(n.target)}  ${n.html}\n        ${(n.failureSummary ?? '').replace(/\n/g, '\n        ')}`)
        .join('\n');
      const more = v.nodes.length > 6 ? `\n      … and ${v.nodes.length - 6} more nodes` : '';
      return `  [${v.impact}] ${v.id}: ${v.help} (${v.nodes.length} nodes) ${v.helpUrl}\n${nodes}${more}`;
    })
    .join('\n')
    .replace(/^/, `axe violations — ${state}:\n`);
}

/** Fails with a readable list if axe finds serious or critical violations; logs the minor ones. */
async function expectAccessible(page: Page, state: string, include?: string): Promise<void> {
  const violations = await axe(page, include);
  const severe = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const minor = violations.filter((v) => !severe.includes(v));
  if (minor.length) console.log(describeViolations(`${state} (minor/moderate, not failing)`, minor));
  if (severe.length) console.log(describeViolations(state, severe));
  expect(severe, describeViolations(state, severe)).toEqual([]);
}

describe('a11y: axe-core finds no serious or critical violations', () => {
  let browser: Browser;
  let opened: OpenedPage;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    // axe-core is injected as a script tag and writes HTML: the site's CSP (tests/e2e/csp.e2e.test.ts) would refuse both.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
    opened = await newPage(browser, serverUrl(), { context });
    page = opened.page;
    await waitReady(page);
  });
  /** Tests share one page; each can also run alone (-t): fill the log when it is empty. */
  async function withDemo(): Promise<void> {
    if ((await uiState(page)).head === 0) await loadDemo(page);
  }

  afterAll(async () => {
    await opened?.close();
    await browser?.close();
  });

  it('first run (empty log, welcome)', async () => {
    await page.getByRole('button', { name: 'Load demo data' }).waitFor({ state: 'visible' });
    await expectAccessible(page, 'welcome / empty log');
  });

  it('live, after loading the demo', async () => {
    await loadDemo(page);
    await expectAccessible(page, 'live with demo data');
  });

  it('in the past (slider moved)', async () => {
    await withDemo();
    const { head } = await uiState(page);
    await seek(page, Math.floor(head * 0.4));
    await page.getByRole('button', { name: 'Back to live' }).waitFor({ state: 'visible' });
    await expectAccessible(page, 'past');
    await expectAccessible(page, 'past: timeline controls', 'section[aria-label="Timeline controls"]');
  });

  it('with an order detail selected', async () => {
    await withDemo();
    const first = page.locator('button.order-select').first();
    const label = (await first.textContent()) ?? '';
    await first.click();
    const id = /Order #(\d+)/.exec(label)?.[1];
    expect(id).toBeTruthy();
    await page.getByRole('region', { name: 'Order events' }).waitFor({ state: 'visible' });
    expect(await first.getAttribute('aria-pressed')).toBe('true');
    await expectAccessible(page, `order #${id} detail (past)`);
    await page.getByRole('button', { name: 'Back to live' }).click();
    await until(async () => (await uiState(page)).live, 5_000, 20, 'live');
    await expectAccessible(page, `order #${id} detail (live)`, '.panel-order-detail');
  });

  it('in Korean', async () => {
    await withDemo();
    await page.getByRole('button', { name: '한국어' }).click();
    const found: { state: string; severe: AxeViolation[] }[] = [];
    try {
      await until(async () => (await page.getByRole('heading', { name: '지갑' }).count()) === 1, 5_000, 20, 'Korean UI');
      expect(await page.getByRole('button', { name: '한국어' }).getAttribute('aria-pressed')).toBe('true');
      const severeOf = async (state: string) => {
        const v = await axe(page);
        const severe = v.filter((x) => x.impact === 'serious' || x.impact === 'critical');
        if (severe.length) console.log(describeViolations(state, severe));
        found.push({ state, severe });
      };
      await severeOf('Korean, live');
      const { head } = await uiState(page);
      await seek(page, Math.floor(head / 2));
      await page.locator('.past-banner').waitFor({ state: 'visible' });
      await severeOf('Korean, past');
    } finally {
      await page.getByRole('button', { name: 'English' }).click();
      await until(async () => (await page.getByRole('heading', { name: 'Wallet' }).count()) === 1, 5_000, 20, 'English UI');
      await page.evaluate(() => window.__eventdesk.store.getState().goLive());
    }
    for (const f of found) expect(f.severe, describeViolations(f.state, f.severe)).toEqual([]);
  });

  it('the event log\'s "Loading…" row placeholder is readable on every row background (plain, current, future)', async () => {
    await withDemo();
    // Shown for a moment after each seek while a page of rows loads; measured
    // on a probe cloned from real rows so it is deterministic.
    const { head } = await uiState(page);
    await seek(page, Math.floor(head * 0.3));
    await page.getByRole('button', { name: 'Back to live' }).waitFor({ state: 'visible' });
    await settle(page);
    // The log scrolls to the slider's event once the slider settles.
    await page.locator('.event-log__item.is-current').waitFor({ state: 'visible', timeout: 5_000 });
    // Probes cloned from real rows of each kind (so they sit on the same
    // background), laid over them; the React-managed rows are not touched.
    const made = await page.evaluate(() => {
      const sizer = document.querySelector('.event-log__sizer');
      const items = Array.from(document.querySelectorAll<HTMLElement>('.event-log__item'));
      // The neighbours of the current row: they are scrolled into view (off-screen rows cannot be measured).
      const current = items.find((i) => i.classList.contains('is-current'));
      const pos = (i: HTMLElement) => Number(i.getAttribute('aria-posinset'));
      const at = current ? pos(current) : 0;
      const pick = {
        plain: items.find((i) => pos(i) === at - 1 && !i.classList.contains('is-future')),
        current,
        future: items.find((i) => pos(i) === at + 1 && i.classList.contains('is-future')),
      };
      const made: string[] = [];
      for (const [kind, item] of Object.entries(pick)) {
        if (!sizer || !item) continue;
        const probe = item.cloneNode(true) as HTMLElement;
        probe.setAttribute('data-axe-probe', kind);
        probe.removeAttribute('role');
        const row = probe.querySelector('.event-log__row')!;
        const seq = document.createElement('span');
        seq.className = 'event-log__seq';
        seq.textContent = '#0';
        const loading = document.createElement('span');
        loading.className = 'event-log__loading';
        loading.textContent = 'Loading…';
        row.replaceChildren(seq, loading);
        sizer.appendChild(probe);
        made.push(kind);
      }
      return made;
    });
    try {
      expect(made.sort()).toEqual(['current', 'future', 'plain']);
      const violations = await axe(page, '[data-axe-probe]', { settle: false });
      const contrast = violations.filter((v) => v.id === 'color-contrast');
      expect(contrast, describeViolations('event-log "Loading…" placeholder', contrast)).toEqual([]);
      // And axe really measured all three (not "incomplete": e.g. off-screen or covered).
      const measured = await page.evaluate(async () => {
        const r = await window.axe.run({ include: [['[data-axe-probe] .event-log__loading']] }, { runOnly: ['color-contrast'] });
        return { passes: r.passes.flatMap((x) => x.nodes).length, incomplete: r.incomplete.flatMap((x) => x.nodes).length };
      });
      expect(measured).toEqual({ passes: 3, incomplete: 0 });
    } finally {
      await page.evaluate(() => document.querySelectorAll('[data-axe-probe]').forEach((n) => n.remove()));
      await page.evaluate(() => window.__eventdesk.store.getState().goLive());
    }
  });

  it('with import problems and the replace confirmation shown', async () => {
    await withDemo();
    const bad = tempFile('bad.ndjson', '{"seq":1,\nnot json\n');
    await page.getByLabel('Import events').setInputFiles(bad);
    await page.getByRole('alert').filter({ hasText: 'The file was not imported' }).waitFor({ state: 'visible' });
    await expectAccessible(page, 'import rejected', '.data-panel');

    const good = tempFile(
      'one.ndjson',
      JSON.stringify({
        seq: 1,
        streamId: 'wallet:me',
        version: 1,
        type: 'PointsCharged',
        schemaVersion: 2,
        data: { amount: 1, description: 'x' },
        meta: { at: 1, actor: 'me', commandId: 'c', correlationId: 'c', causationId: 'c' },
      }) + '\n',
    );
    await page.getByLabel('Import events').setInputFiles(good);
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor({ state: 'visible' });
    await expectAccessible(page, 'replace confirmation', '.data-panel');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(opened.errors).toEqual([]);
  });
});

// User command round trip: click "Charge points" → durable in IndexedDB → store updated → Balance rendered.
import { log } from '../lib/log.mjs';
import { fmt, summary } from '../lib/stats.mjs';

export const name = 'command';
export const stage = 'app';

export async function run(ctx) {
  ctx.raw.command = await commands(ctx.app, ctx.opts.commands);
  const c = ctx.raw.command;
  log(`  command: total p50 ${fmt(c.total.p50, 1)} / p95 ${fmt(c.total.p95, 1)} ms (durable p95 ${fmt(c.durable.p95, 1)})`);
}

export function figures(F, raw) {
  F.commandMs = { p50: raw.command.total.p50, p95: raw.command.total.p95, goal: 'p95 ≤ 30 ms', pass: raw.command.total.p95 <= 30 };
}

export function rows({ figures: F, raw }) {
  return [[`user command click → durable → views (${raw.command.n})`, `p50 ${fmt(F.commandMs.p50, 1)} / p95 ${fmt(F.commandMs.p95, 1)} ms`, F.commandMs.goal, F.commandMs.pass]];
}

async function commands(page, n) {
  // Must be live: commands are refused in the past.
  const back = page.getByRole('button', { name: 'Back to live' });
  if (await back.isVisible().catch(() => false)) await back.click();
  await page.evaluate(() => window.__eventdesk.store.getState().goLive());
  await page.waitForFunction(() => window.__eventdesk.store.getState().live);
  const amount = page.locator('input[aria-label="Amount"]');
  const button = page.locator('button[aria-label="Charge points"]');
  await amount.scrollIntoViewIfNeeded();
  const samples = [];
  for (let i = 0; i < n; i++) {
    await amount.fill(String(1000 + i));
    await page.evaluate(() => {
      const { desk, store } = window.__eventdesk;
      const m = (window.__cmd = { t0: null, durable: null, balance: null, store: null });
      const bal = document.querySelector('output[aria-label="Balance"]');
      const before = bal?.textContent;
      const head0 = store.getState().head;
      window.addEventListener(
        'click',
        (e) => {
          if (e.target.closest?.('button[aria-label="Charge points"]')) m.t0 = performance.now();
        },
        { capture: true, once: true },
      );
      const off = desk.store.onAppended(() => {
        if (m.durable === null) m.durable = performance.now();
        off();
      });
      const unsub = store.subscribe((s) => {
        if (s.head > head0 && m.store === null) {
          m.store = performance.now();
          unsub();
        }
      });
      if (bal) {
        const mo = new MutationObserver(() => {
          if (bal.textContent !== before && m.balance === null) {
            m.balance = performance.now();
            mo.disconnect();
          }
        });
        mo.observe(bal, { subtree: true, childList: true, characterData: true });
      }
    });
    await button.click();
    await page.waitForFunction(() => window.__cmd.durable !== null && window.__cmd.balance !== null && window.__cmd.store !== null, null, {
      timeout: 30_000,
    });
    const m = await page.evaluate(() => window.__cmd);
    samples.push({ durable: m.durable - m.t0, storeUpdated: m.store - m.t0, balanceRendered: m.balance - m.t0 });
  }
  return {
    n,
    durable: summary(samples.map((s) => s.durable)),
    storeUpdated: summary(samples.map((s) => s.storeUpdated)),
    balanceRendered: summary(samples.map((s) => s.balanceRendered)),
    total: summary(samples.map((s) => Math.max(s.durable, s.storeUpdated, s.balanceRendered))),
  };
}

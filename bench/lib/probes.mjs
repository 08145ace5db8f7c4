// In-page probes: these functions are serialised into the page (page.evaluate / addInitScript), so they may
// use only browser globals and their own arguments.

/** Records navigation → store ready → next frame, for cold start. Runs before the app's scripts. */
export function coldStartProbe() {
  let handle;
  const cold = (window.__cold = {});
  Object.defineProperty(window, '__eventdesk', {
    configurable: true,
    get: () => handle,
    set: (v) => {
      handle = v;
      cold.handle = performance.now();
      const check = (s) => {
        if (s.phase === 'failed') cold.failed = s.startError ?? 'failed';
        if (s.phase !== 'ready' || cold.ready !== undefined) return;
        cold.ready = performance.now();
        cold.head = s.head;
        // A macrotask after `ready`: React's sync re-render (useSyncExternalStore) has committed.
        const ch = new MessageChannel();
        ch.port1.onmessage = () => (cold.rendered = performance.now());
        ch.port2.postMessage(0);
        requestAnimationFrame(() => {
          cold.frame = performance.now();
          cold.balanceText = document.querySelector('output[aria-label="Balance"]')?.textContent ?? null;
        });
      };
      check(v.store.getState());
      v.store.subscribe(check);
    },
  });
}

/** Seeks to each seq in turn; per step: time until the store's view is that seq's, and until React has rendered it. */
export async function seekSeries([seqs, budgetMs, settleMs = 0]) {
  const { store } = window.__eventdesk;
  const started = performance.now();
  const desk = document.getElementById('desk');
  // "seek": slider moved → the state at that seq is in the store (engine work).
  // "render": … → the views on screen show that seq (main[data-shown-seq], set by the deferred render).
  const rendered = (seq) =>
    new Promise((resolve) => {
      if (!desk || desk.dataset.shownSeq === String(seq)) return resolve(true);
      const timer = setTimeout(() => (mo.disconnect(), resolve(false)), 10_000);
      const mo = new MutationObserver(() => {
        if (desk.dataset.shownSeq === String(seq)) {
          clearTimeout(timer);
          mo.disconnect();
          resolve(true);
        }
      });
      mo.observe(desk, { attributes: true, attributeFilter: ['data-shown-seq'] });
    });
  const view = [];
  const render = [];
  let timeouts = 0;
  for (const seq of seqs) {
    if (performance.now() - started > budgetMs) break;
    const t0 = performance.now();
    let unsub;
    const ok = await new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), 10_000);
      unsub = store.subscribe((s) => {
        if (s.cursor === seq) {
          clearTimeout(timer);
          resolve(true);
        }
      });
      store.getState().seek(seq);
      if (store.getState().cursor === seq) {
        clearTimeout(timer);
        resolve(true);
      }
    });
    unsub();
    const t1 = performance.now();
    const shown = ok && (await rendered(seq));
    const t2 = performance.now();
    if (!ok || !shown) timeouts++;
    view.push(ok ? t1 - t0 : NaN);
    render.push(shown ? t2 - t0 : NaN);
    // Jumps are separate user actions (a click in the event log, Home/End): measure each from an idle app.
    if (settleMs) await new Promise((r) => setTimeout(r, settleMs));
  }
  return { view, render, timeouts, planned: seqs.length, lastSeq: seqs[view.length - 1] };
}

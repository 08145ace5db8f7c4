import type { DeskStore } from '../store/desk-store';

/**
 * The slider's position in the address (`?at=1234`), so a link opens the desk
 * at that event. Kept with history.replaceState — never pushState — once the
 * slider rests: moving the slider adds nothing to the back button's history.
 * At the live head the parameter is removed.
 */

export const AT_PARAM = 'at';
/**
 * The address is written once the slider has rested this long. Not while dragging: a replaceState costs
 * ~5 ms of the main thread in Chromium (measured in a drag, bench/ab/views-probe.mjs), a third of a frame.
 */
export const URL_UPDATE_MS = 250;

/** The position a URL asks for: a whole number ≥ 0, or null (absent or not a position). */
export function positionFromUrl(href: string): number | null {
  const raw = new URL(href).searchParams.get(AT_PARAM);
  if (raw === null || !/^\d{1,15}$/.test(raw.trim())) return null;
  return Number(raw.trim());
}

/** `href` with `at` set to `position`, or removed when null; everything else kept. */
export function urlWithPosition(href: string, position: number | null): string {
  const url = new URL(href);
  if (position === null) url.searchParams.delete(AT_PARAM);
  else url.searchParams.set(AT_PARAM, String(position));
  return url.pathname + url.search + url.hash;
}

interface BrowserLocation {
  location: { href: string };
  history: { replaceState(data: unknown, unused: string, url: string): void; state: unknown };
}

/**
 * Opens the desk at the URL's position (once the store is ready), then keeps
 * the URL following the slider. Returns the unbinding.
 */
export function bindUrlPosition(store: DeskStore, win: BrowserLocation = window): () => void {
  const asked = positionFromUrl(win.location.href);
  let applied = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let written: string | null = null;

  const write = () => {
    timer = undefined;
    const { live, target } = store.getState();
    const next = urlWithPosition(win.location.href, live ? null : target);
    if (next === written) return;
    written = next;
    win.history.replaceState(win.history.state, '', next);
  };

  const apply = () => {
    applied = true;
    const s = store.getState();
    // A link to a position beyond this log's head opens at the head.
    if (asked !== null && asked < s.head) s.seek(asked);
  };

  const unsubscribe = store.subscribe((s, prev) => {
    if (!applied) {
      if (s.phase === 'ready') apply();
      return;
    }
    if (s.target === prev.target && s.live === prev.live) return;
    clearTimeout(timer);
    timer = setTimeout(write, URL_UPDATE_MS);
  });
  if (store.getState().phase === 'ready') apply();
  return () => {
    unsubscribe();
    clearTimeout(timer);
  };
}

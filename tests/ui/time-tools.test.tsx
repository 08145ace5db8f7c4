import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { bindUrlPosition, positionFromUrl, URL_UPDATE_MS, urlWithPosition } from '../../src/app/url-position';
import { event } from '../../src/domain/events';
import { on, toStored } from '../helpers/given-when-then';
import type { DeskStore } from '../../src/store/desk-store';
import { closeDesks, renderDesk, slider, type Harness } from './harness';

const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);
const MINUTE = 60_000;
const WAIT = { timeout: 5_000 };

/** Six charges, one a minute from T0: event n happened at T0 + (n - 1) minutes. */
async function deskWithTimedLog(): Promise<Harness> {
  const h = await renderDesk();
  const charges = Array.from({ length: 6 }, (_, i) => on('wallet:me', event('PointsCharged', { amount: 100 * (i + 1), description: 'Charge' })));
  await act(async () => {
    await h.desk.store.appendStored(toStored(charges, { startAt: T0, stepMs: MINUTE }));
    await h.desk.refresh();
  });
  await waitFor(() => expect(h.store.getState().head).toBe(6), WAIT);
  return h;
}

/** A datetime-local value (local time, seconds) for epoch ms. */
function localValue(at: number): string {
  const d = new Date(at);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

describe('go to a date: "As of"', { timeout: 30_000 }, () => {
  beforeEach(() => localStorage.clear());
  afterEach(closeDesks);

  it('moves the slider to the last event at or before the time, before the first to 0, after the last to live', async () => {
    const h = await deskWithTimedLog();
    const asOf = screen.getByLabelText('As of');
    fireEvent.change(asOf, { target: { value: localValue(T0 + 2 * MINUTE + 30_000) } });
    await waitFor(() => expect(slider()).toHaveValue('3'), WAIT);
    fireEvent.change(asOf, { target: { value: localValue(T0 + 4 * MINUTE) } });
    await waitFor(() => expect(slider()).toHaveValue('5'), WAIT);
    fireEvent.change(asOf, { target: { value: localValue(T0 - MINUTE) } });
    await waitFor(() => expect(slider()).toHaveValue('0'), WAIT);
    fireEvent.change(asOf, { target: { value: localValue(T0 + 60 * MINUTE) } });
    await waitFor(() => expect(h.store.getState().live).toBe(true), WAIT);
    expect(slider()).toHaveValue('6');
  });
});

/** A window stand-in that records every replaceState and never pushes. */
function fakeWindow(href: string) {
  const calls: string[] = [];
  const win = {
    location: { href },
    history: {
      state: null,
      replaceState(_data: unknown, _unused: string, url: string) {
        calls.push(url);
        win.location.href = new URL(url, href).href;
      },
    },
  };
  return { win, calls };
}

describe('the position in the URL (?at=)', { timeout: 30_000 }, () => {
  beforeEach(() => localStorage.clear());
  afterEach(closeDesks);

  it('reads only whole positions and writes the parameter keeping the rest of the address', () => {
    expect(positionFromUrl('http://x/?at=1234')).toBe(1234);
    expect(positionFromUrl('http://x/?lang=ko&at=0')).toBe(0);
    for (const bad of ['http://x/', 'http://x/?at=', 'http://x/?at=-3', 'http://x/?at=1e3', 'http://x/?at=12abc', 'http://x/?at=9999999999999999999'])
      expect(positionFromUrl(bad)).toBeNull();
    expect(urlWithPosition('http://x/desk?lang=ko#log', 42)).toBe('/desk?lang=ko&at=42#log');
    expect(urlWithPosition('http://x/desk?at=42&lang=ko', null)).toBe('/desk?lang=ko');
  });

  it('a link with ?at= opens the desk at that event', async () => {
    const h = await deskWithTimedLog();
    const { win } = fakeWindow('http://x/?at=4');
    const unbind = bindUrlPosition(h.store, win);
    await waitFor(() => expect(slider()).toHaveValue('4'), WAIT);
    expect(h.store.getState().live).toBe(false);
    unbind();
  });

  it('follows the slider with replaceState once it rests, and drops the parameter at live', async () => {
    const h = await deskWithTimedLog();
    const { win, calls } = fakeWindow('http://x/');
    const unbind = bindUrlPosition(h.store, win);
    for (const seq of [1, 2, 3, 4, 5, 2]) fireEvent.change(slider(), { target: { value: String(seq) } });
    await waitFor(() => expect(win.location.href).toBe('http://x/?at=2'), WAIT);
    // Six moves within one interval: one write.
    expect(calls).toEqual(['/?at=2']);
    act(() => h.store.getState().goLive());
    await waitFor(() => expect(win.location.href).toBe('http://x/'), WAIT);
    await new Promise((r) => setTimeout(r, URL_UPDATE_MS * 2));
    expect(calls).toEqual(['/?at=2', '/']);
    unbind();
  });

  it('writes nothing while the slider keeps moving, however long the drag: a replaceState costs a good part of a frame', () => {
    vi.useFakeTimers();
    try {
      // Only what bindUrlPosition reads of the desk's store.
      const store = createStore(() => ({ phase: 'ready', head: 100, target: 100, live: true, seek: () => {} })) as unknown as DeskStore;
      const { win, calls } = fakeWindow('http://x/');
      const unbind = bindUrlPosition(store, win);
      for (let seq = 10; seq < 30; seq++) {
        store.setState({ target: seq, live: false });
        vi.advanceTimersByTime(URL_UPDATE_MS / 2);
      }
      expect(calls).toEqual([]);
      vi.advanceTimersByTime(URL_UPDATE_MS);
      expect(calls).toEqual(['/?at=29']);
      unbind();
    } finally {
      vi.useRealTimers();
    }
  });
});

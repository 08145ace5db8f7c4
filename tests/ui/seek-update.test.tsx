import { afterEach, describe, expect, it } from 'vitest';
import { EventDesk } from '../../src/app/event-desk';
import type { Notification } from '../../src/domain/notifications';
import { createDeskStore, startDesk } from '../../src/store/desk-store';
import { keepShown } from '../../src/ui/notifications/notifications-view';

const open: EventDesk[] = [];
afterEach(() => {
  for (const d of open.splice(0)) d.close();
});

describe('one render per slider step', () => {
  it('a seek brings the position, its views and the event there in one store update', async () => {
    const desk = new EventDesk({ dbName: 'seek-' + Math.random(), runExecutor: false });
    open.push(desk);
    const store = createDeskStore(desk);
    await startDesk(desk, store);
    for (const amount of [100, 200, 300]) await desk.dispatch({ type: 'ChargePoints', walletId: 'me', amount });
    await new Promise<void>((resolve) => {
      const stop = store.subscribe((s) => s.head === 3 && s.cursorEvent?.seq === 3 && (stop(), resolve()));
      if (store.getState().cursorEvent?.seq === 3) resolve();
    });
    const updates: { cursor: number; eventSeq: number | undefined; balance: number }[] = [];
    const off = store.subscribe((s, prev) => {
      if (s.cursor !== prev.cursor || s.cursorEvent !== prev.cursorEvent || s.view !== prev.view)
        updates.push({ cursor: s.cursor, eventSeq: s.cursorEvent?.seq, balance: s.view.passbook.balance });
    });
    store.getState().seek(2);
    await new Promise<void>((resolve) => {
      const stop = store.subscribe((s) => s.cursor === 2 && s.cursorEvent?.seq === 2 && (stop(), resolve()));
    });
    off();
    expect(updates).toEqual([{ cursor: 2, eventSeq: 2, balance: 300 }]);
  });
});

describe('notifications re-read while the slider moves', () => {
  const n = (seq: number, text = `Charged ${seq} points`): Notification => ({ seq, at: 1000 + seq, kind: 'info', text, key: 'pointsCharged', params: { amount: seq } });

  it('keeps the objects already shown, so unchanged items are not rendered again', () => {
    const shown = [n(3), n(2), n(1)];
    const read = [n(4), n(3), n(2)];
    const next = keepShown(shown, read);
    expect(next[0]).toBe(read[0]);
    expect(next[1]).toBe(shown[0]);
    expect(next[2]).toBe(shown[1]);
  });

  it('returns the shown list itself when nothing changed, and takes a changed notification at the same seq', () => {
    const shown = [n(2), n(1)];
    expect(keepShown(shown, [n(2), n(1)])).toBe(shown);
    const replaced = [n(2, 'Charged 9 points'), n(1)];
    const next = keepShown(shown, replaced);
    expect(next[0]).toBe(replaced[0]);
    expect(next[1]).toBe(shown[1]);
  });
});

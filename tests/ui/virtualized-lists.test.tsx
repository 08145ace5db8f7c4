import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventDesk } from '../../src/app/event-desk';
import { viewProjection, type OrderRow, type PassbookLine } from '../../src/projections';
import { createDeskStore, type DeskStore } from '../../src/store/desk-store';
import { DeskContext } from '../../src/store/use-desk';
import { OrdersBoard, ORDER_CARD_PX } from '../../src/ui/orders/orders-board';
import { PASSBOOK_ROW_PX, PassbookTable } from '../../src/ui/wallet/passbook-table';

let desk: EventDesk;
let store: DeskStore;
const restore: (() => void)[] = [];

/**
 * jsdom has no layout: every scroll element gets a 380 px viewport, and a rendered passbook line or order card
 * its estimated height (the virtualizer measures rows by offsetHeight).
 */
function fakeLayout(height = 380, width = 600) {
  const rowHeight = (el: HTMLElement) => (el.tagName === 'TR' ? PASSBOOK_ROW_PX : el.tagName === 'LI' ? ORDER_CARD_PX : height);
  for (const [prop, get] of [
    ['clientHeight', () => height],
    ['clientWidth', () => width],
    ['offsetHeight', function (this: HTMLElement) { return rowHeight(this); }],
    ['offsetWidth', () => width],
    // Tall enough that no scroll position in these tests counts as overscroll.
    ['scrollHeight', () => 10_000_000],
  ] as const) {
    const original = Object.getOwnPropertyDescriptor(HTMLElement.prototype, prop);
    Object.defineProperty(HTMLElement.prototype, prop, { configurable: true, get });
    restore.push(() => {
      if (original) Object.defineProperty(HTMLElement.prototype, prop, original);
      else delete (HTMLElement.prototype as unknown as Record<string, unknown>)[prop];
    });
  }
}

const LINES = 5_000;
const ORDERS = 3_000;

function passbook(n: number): { balance: number; lines: PassbookLine[] } {
  const lines: PassbookLine[] = [];
  for (let seq = 1; seq <= n; seq++) lines.push({ seq, version: seq, at: Date.UTC(2026, 0, 1) + seq * 60_000, kind: 'charge', description: 'Charge', in: 10, out: 0, balance: seq * 10 });
  return { balance: n * 10, lines };
}

function board(n: number) {
  const byId: Record<string, OrderRow> = {};
  const order: string[] = [];
  for (let i = 1; i <= n; i++) {
    const orderId = String(i);
    order.push(orderId);
    byId[orderId] = {
      orderId,
      postId: 'p1',
      quantity: 100,
      unitPrice: 1,
      total: 100,
      batchSize: 10,
      status: 'completed',
      delivered: 100,
      lastBatchNo: 10,
      lastSuccessBatchNo: 10,
      lastSuccessAt: Date.UTC(2026, 0, 1),
      failures: 0,
      consecutiveFailures: 0,
      placedSeq: i,
      placedAt: Date.UTC(2026, 0, 1),
      updatedAt: Date.UTC(2026, 0, 1),
      refund: 0,
    };
  }
  return { byId, order, counts: { placed: 0, in_progress: 0, completed: n, failed: 0, cancelled: 0 } };
}

beforeEach(() => {
  fakeLayout();
  localStorage.setItem('eventdesk.language', 'en');
  desk = new EventDesk({ dbName: 'ui-' + Math.random(), runExecutor: false });
  store = createDeskStore(desk);
  const view = viewProjection.init();
  store.setState({ phase: 'ready', live: true, view: { ...view, passbook: passbook(LINES), orders: board(ORDERS) } });
});

afterEach(() => {
  desk.close();
  while (restore.length) restore.pop()!();
});

function renderIn(children: React.ReactNode) {
  return render(<DeskContext.Provider value={{ store, desk }}>{children}</DeskContext.Provider>);
}

/** Scrolls a region as a user would (the virtualizer reads scrollTop on the scroll event). */
function scrollTo(region: HTMLElement, top: number) {
  act(() => {
    region.scrollTop = top;
    fireEvent.scroll(region);
  });
}

describe('long views are virtualized: every item reachable, only the ones in view rendered', () => {
  it('the passbook shows every line newest first, renders only a screenful, and scrolls back to the oldest line', () => {
    renderIn(<PassbookTable />);
    const region = screen.getByRole('region', { name: 'Passbook' });
    const seqs = () => Array.from(region.querySelectorAll('tbody tr[data-seq]'), (r) => Number(r.getAttribute('data-seq')));
    expect(seqs()[0]).toBe(LINES);
    expect(seqs().length).toBeLessThan(60);
    expect(seqs()).toEqual([...seqs()].sort((a, b) => b - a));

    scrollTo(region, LINES * PASSBOOK_ROW_PX);
    expect(seqs()).toContain(1);
    expect(seqs().length).toBeLessThan(60);
    expect(seqs()).not.toContain(LINES);
  });

  it('the orders board shows every order newest first, renders only a screenful, and scrolls back to the first order', () => {
    renderIn(<OrdersBoard />);
    const region = screen.getByRole('region', { name: 'Orders board' });
    const ids = () => Array.from(region.querySelectorAll('[role="progressbar"]'), (b) => /Order #(\d+) progress/.exec(b.getAttribute('aria-label') ?? '')![1]);
    expect(ids()[0]).toBe(String(ORDERS));
    expect(ids().length).toBeLessThan(40);

    scrollTo(region, ORDERS * ORDER_CARD_PX);
    expect(ids()).toContain('1');
    expect(ids()).not.toContain(String(ORDERS));
  });

  it('a new passbook line appears at the top without re-creating the rows already shown', () => {
    renderIn(<PassbookTable />);
    const region = screen.getByRole('region', { name: 'Passbook' });
    const before = within(region).getAllByRole('row')[2];
    expect(before.getAttribute('data-seq')).toBe(String(LINES - 1));
    const view = store.getState().view;
    const { lines } = view.passbook;
    const next = { seq: LINES + 1, version: LINES + 1, at: Date.UTC(2026, 1, 1), kind: 'charge' as const, description: 'Charge', in: 5, out: 0, balance: LINES * 10 + 5 };
    act(() => store.setState({ view: { ...view, passbook: { balance: next.balance, lines: [...lines, next] } } }));
    const rows = within(region).getAllByRole('row');
    expect(rows[1].getAttribute('data-seq')).toBe(String(LINES + 1));
    expect(rows).toContain(before);
  });
});

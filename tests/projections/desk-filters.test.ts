import { describe, expect, it } from 'vitest';
import { filterOrders, NO_ORDER_FILTER } from '../../src/projections/order-filter';
import { orderPace } from '../../src/projections/order-pace';
import type { OrderRow } from '../../src/projections/orders-board';
import { filterPassbook, NO_PASSBOOK_FILTER } from '../../src/projections/passbook-filter';
import type { PassbookLine } from '../../src/projections/passbook';

const day = (d: number, h = 12) => new Date(2026, 10, d, h).getTime();
const order = (orderId: string, postId: string, status: OrderRow['status'], placedAt: number, extra: Partial<OrderRow> = {}): OrderRow => ({
  orderId,
  postId,
  quantity: 100,
  unitPrice: 2,
  total: 200,
  batchSize: 10,
  status,
  delivered: 0,
  lastBatchNo: 0,
  lastSuccessBatchNo: 0,
  lastSuccessAt: 0,
  failures: 0,
  consecutiveFailures: 0,
  placedSeq: 1,
  placedAt,
  updatedAt: placedAt,
  refund: 0,
  ...extra,
});

const byId = {
  '1': order('1', 'p1', 'completed', day(3)),
  '2': order('2', 'p2', 'failed', day(5)),
  '12': order('12', 'p1', 'in_progress', day(7, 23)),
};
const ids = ['1', '2', '12'];
const titles: Record<string, string> = { p1: 'Autumn sale', p2: 'New menu' };
const title = (id: string) => titles[id] ?? id;

describe('finding an order', () => {
  it('no filter keeps every order', () => {
    expect(filterOrders(ids, byId, title, NO_ORDER_FILTER)).toBe(ids);
  });
  it('text finds an order by its number (with or without #) or by words of its post title', () => {
    expect(filterOrders(ids, byId, title, { ...NO_ORDER_FILTER, text: '#12' })).toEqual(['12']);
    expect(filterOrders(ids, byId, title, { ...NO_ORDER_FILTER, text: '1' })).toEqual(['1']);
    expect(filterOrders(ids, byId, title, { ...NO_ORDER_FILTER, text: 'autumn' })).toEqual(['1', '12']);
  });
  it('status filters by one status, "open" by placed or running', () => {
    expect(filterOrders(ids, byId, title, { ...NO_ORDER_FILTER, status: 'failed' })).toEqual(['2']);
    expect(filterOrders(ids, byId, title, { ...NO_ORDER_FILTER, status: 'open' })).toEqual(['12']);
  });
  it('a day range includes both whole days, in local time', () => {
    expect(filterOrders(ids, byId, title, { ...NO_ORDER_FILTER, from: '2026-11-05', to: '2026-11-07' })).toEqual(['2', '12']);
    expect(filterOrders(ids, byId, title, { ...NO_ORDER_FILTER, to: '2026-11-04' })).toEqual(['1']);
  });
});

describe('filtering the passbook', () => {
  const line = (seq: number, kind: PassbookLine['kind'], at: number): PassbookLine => ({ seq, version: seq, at, kind, description: '', in: 0, out: 0, balance: seq });
  const lines = [line(1, 'charge', day(1)), line(2, 'deduct', day(2)), line(3, 'refund', day(3)), line(4, 'charge', day(4))];
  it('keeps the lines of one kind in a day range, each with its own running balance', () => {
    expect(filterPassbook(lines, NO_PASSBOOK_FILTER)).toBe(lines);
    expect(filterPassbook(lines, { ...NO_PASSBOOK_FILTER, kind: 'charge' }).map((l) => l.seq)).toEqual([1, 4]);
    expect(filterPassbook(lines, { kind: '', from: '2026-11-02', to: '2026-11-03' }).map((l) => [l.seq, l.balance])).toEqual([
      [2, 2],
      [3, 3],
    ]);
  });
});

describe('pace of a running order', () => {
  it('rate is likes per minute from placement to the last success; the rest at that pace gives the finish', () => {
    const placedAt = day(1, 10);
    const running = order('5', 'p1', 'in_progress', placedAt, { delivered: 40, lastSuccessAt: placedAt + 4 * 60_000 });
    expect(orderPace(running)).toEqual({ perMinute: 10, finishAt: placedAt + 10 * 60_000 });
  });
  it('no pace before the first delivered batch, nor for an order that is not running', () => {
    expect(orderPace(order('5', 'p1', 'in_progress', day(1)))).toBeNull();
    expect(orderPace(order('5', 'p1', 'completed', day(1), { delivered: 100, lastSuccessAt: day(2) }))).toBeNull();
  });
});

import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Command } from '../../src/domain/commands';
import type { Harness } from './harness';
import { batch, charge, closeDesks, order, post, renderDesk, start } from './harness';

const board = () => screen.getByRole('region', { name: 'Orders board' });
const cardIds = () => within(board()).getAllByRole('listitem').map((li) => li.getAttribute('data-order-id'));

/** Seeds with the wall clock at chosen times (events take meta.at from Date.now). */
async function seedAt(h: Harness, at: number, ...commands: Command[]) {
  const now = vi.spyOn(Date, 'now').mockReturnValue(at);
  try {
    await h.seed(...commands);
  } finally {
    now.mockRestore();
  }
}

/** Captures what CsvButton hands to the browser's downloads. */
function captureDownloads(): { files: { name: string; blob: Blob }[] } {
  const files: { name: string; blob: Blob }[] = [];
  let last: Blob | undefined;
  URL.createObjectURL = vi.fn((b: Blob) => {
    last = b;
    return 'blob:test';
  });
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    files.push({ name: this.download, blob: last! });
  });
  return { files };
}

describe('order desk tools', () => {
  beforeEach(() => {
    localStorage.clear();
    localStorage.setItem('eventdesk.language', 'en');
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await closeDesks();
  });

  it('find an order: search by number or post title, status and day; the filter stays as the slider moves', async () => {
    const user = userEvent.setup();
    const h = await renderDesk();
    await h.seed(charge(100_000), post('p1', 'Autumn sale'), post('p2', 'New menu'));
    await h.seed(order('1', 'p1', 10, 1, 10), order('2', 'p2', 10, 1, 10), order('3', 'p1', 10, 1, 10));
    const beforeCancel = h.store.getState().head;
    await h.seed({ type: 'CancelOrder', orderId: '2' });
    await waitFor(() => expect(cardIds()).toEqual(['3', '2', '1']));

    await user.type(screen.getByRole('searchbox', { name: 'Order # or post' }), 'autumn');
    await waitFor(() => expect(cardIds()).toEqual(['3', '1']));
    expect(screen.getByRole('status', { name: 'Orders shown' })).toHaveTextContent('2 of 3 orders match');
    await user.clear(screen.getByRole('searchbox', { name: 'Order # or post' }));
    await user.type(screen.getByRole('searchbox', { name: 'Order # or post' }), '#2');
    await waitFor(() => expect(cardIds()).toEqual(['2']));
    await user.clear(screen.getByRole('searchbox', { name: 'Order # or post' }));

    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'cancelled');
    await waitFor(() => expect(cardIds()).toEqual(['2']));
    // Back to before the cancellation: order #2 was still placed then, so nothing matches; the filter is kept.
    act(() => h.store.getState().seek(beforeCancel));
    await waitFor(() => expect(screen.getByText('No order matches the search.')).toBeInTheDocument());
    expect(screen.getByRole('combobox', { name: 'Status' })).toHaveValue('cancelled');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'open');
    await waitFor(() => expect(cardIds()).toEqual(['3', '2', '1']));

    // A day range that ends before today finds nothing.
    await user.type(screen.getByLabelText('Placed to'), '2020-01-01');
    await waitFor(() => expect(screen.getByText('No order matches the search.')).toBeInTheDocument());
    await user.click(screen.getByRole('button', { name: 'Clear' }));
    await waitFor(() => expect(cardIds()).toEqual(['3', '2', '1']));
  });

  it('the passbook filter by kind stays as the slider moves', async () => {
    const user = userEvent.setup();
    const h = await renderDesk();
    await h.seed(charge(5000), post('p1', 'Hello'), order('1', 'p1', 10, 10, 10), charge(700));
    const rows = () => within(screen.getByRole('region', { name: 'Passbook' })).getAllByRole('row').slice(1);
    await waitFor(() => expect(rows()).toHaveLength(3));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Transaction kind' }), 'charge');
    await waitFor(() => expect(rows()).toHaveLength(2));
    act(() => h.store.getState().seek(1));
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]).toHaveTextContent('5,000');
    act(() => h.store.getState().goLive());
    await waitFor(() => expect(rows()).toHaveLength(2));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Transaction kind' }), 'deduct');
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]).toHaveTextContent('Order #1 paid');
  });

  it('CSV export of the passbook and the orders holds what the books said at the slider, in Korean too', async () => {
    const user = userEvent.setup();
    const { files } = captureDownloads();
    const h = await renderDesk();
    await h.seed(charge(5000), post('p1', 'Hello'), order('1', 'p1', 100, 10, 25), charge(1_234_567));
    // At event 4 (the order paid, before the big charge).
    act(() => h.store.getState().seek(4));
    await waitFor(() => expect(screen.getByRole('status', { name: 'Balance' })).toHaveTextContent(/^4,000$/));
    await user.click(screen.getByRole('button', { name: 'Export passbook (CSV)' }));
    await user.click(screen.getByRole('button', { name: 'Export orders (CSV)' }));
    expect(files.map((f) => f.name)).toEqual(['passbook-at-event-4.csv', 'orders-at-event-4.csv']);
    const passbook = (await files[0].blob.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(passbook[0]).toBe('Event,Date,Description,In,Out,Balance');
    expect(passbook.slice(1).map((r) => r.split(',').slice(3).join(','))).toEqual(['Charge,"5,000",,"5,000"', 'Order #1 paid,,"1,000","4,000"']);
    const orders = (await files[1].blob.text()).trim().split('\r\n');
    expect(orders).toHaveLength(2);
    expect(orders[1]).toMatch(/^1,Hello,Placed,100,0,100,10,"1,000",0,/);

    act(() => h.store.getState().setLanguage('ko'));
    await user.click(screen.getByRole('button', { name: /통장 내보내기 \(CSV\)/ }));
    const ko = (await files[2].blob.text()).replace(/^\uFEFF/, '').split('\r\n');
    expect(ko[0]).toBe('이벤트,날짜,내용,입금,출금,잔액');
    expect(ko[2]).toMatch(/주문 #1 결제,,"1,000","4,000"$/);
  });

  it('"Order the rest" on a cancelled order fills the form with the undelivered likes, and places a normal order', async () => {
    const user = userEvent.setup();
    const h = await renderDesk();
    await h.seed(charge(5000), post('p1', 'Hello'), post('p2', 'Other'), order('1', 'p1', 100, 3, 20), start('1'), batch('1', 1, 30), {
      type: 'CancelOrder',
      orderId: '1',
    });
    const cancelledHead = h.store.getState().head;
    const rest = await screen.findByRole('button', { name: 'Order the rest (70) of order #1' });
    // Not on an order that is still running or completed.
    expect(screen.getAllByRole('button', { name: /Order the rest/ })).toHaveLength(1);
    await user.click(rest);
    expect(screen.getByRole('spinbutton', { name: 'Quantity' })).toHaveValue(70);
    expect(screen.getByRole('spinbutton', { name: 'Price per like' })).toHaveValue(3);
    expect(screen.getByRole('spinbutton', { name: 'Batch size' })).toHaveValue(20);
    expect(screen.getByRole('combobox', { name: 'Post' })).toHaveValue('p1');
    expect(screen.getByText('The rest of order #1: 70 likes not delivered. Check and place the order.')).toBeInTheDocument();
    expect(screen.getByRole('spinbutton', { name: 'Quantity' })).toHaveFocus();

    await user.click(screen.getByRole('button', { name: 'Place order' }));
    await waitFor(() => expect(h.store.getState().view.orders.byId['2']).toMatchObject({ postId: 'p1', quantity: 70, unitPrice: 3, status: 'placed' }));
    // Paid as usual: 5,000 − 300 + 210 refund (70 undelivered × 3) − 210.
    await waitFor(() => expect(screen.getByRole('status', { name: 'Balance' })).toHaveTextContent(/^4,700$/));
    expect(screen.queryByText(/The rest of order #1/)).not.toBeInTheDocument();

    // In the past the button is there but disabled, like every command.
    act(() => h.store.getState().seek(cancelledHead));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Order the rest (70) of order #1' })).toBeDisabled());
  });

  it('a running order shows its rate and when it should finish at that pace', async () => {
    const h = await renderDesk();
    const t0 = new Date(2026, 10, 19, 14, 0).getTime();
    await seedAt(h, t0, charge(5000), post('p1', 'Hello'), order('1', 'p1', 100, 1, 20), start('1'));
    await seedAt(h, t0 + 4 * 60_000, batch('1', 1, 20), batch('1', 2, 20));
    // 40 likes in 4 minutes: 10 a minute; 60 more take 6 minutes → 14:10.
    const card = () => within(board()).getByRole('listitem');
    await waitFor(() => expect(card()).toHaveTextContent(/10 likes\/min · done by about Nov 19, 2026, 02:10:00 PM/));
    act(() => h.store.getState().setLanguage('ko'));
    expect(card()).toHaveTextContent(/분당 좋아요 10개 · 예상 완료 2026년 11월 19일 .*02:10:00/);
    // Before the first batch there is no pace to tell.
    act(() => h.store.getState().seek(5));
    await waitFor(() => expect(card()).not.toHaveTextContent('분당'));
  });

  it('a charge or an order of 1,000,000 points or more asks once before it is sent', async () => {
    const user = userEvent.setup();
    const h = await renderDesk();
    await h.seed(post('p1', 'Hello'));
    await user.type(screen.getByRole('spinbutton', { name: 'Amount' }), '2000000');
    await user.click(screen.getByRole('button', { name: 'Charge points' }));
    const ask = screen.getByRole('alertdialog', { name: 'Confirm a large amount' });
    expect(ask).toHaveTextContent('2,000,000 points is a large amount (from 1,000,000). Send it?');
    expect(h.store.getState().head).toBe(1);
    // "Change it" sends nothing.
    await user.click(within(ask).getByRole('button', { name: 'Change it' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(h.store.getState().head).toBe(1);
    await user.click(screen.getByRole('button', { name: 'Charge points' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Yes, send' }));
    await waitFor(() => expect(screen.getByRole('status', { name: 'Balance' })).toHaveTextContent(/^2,000,000$/));
    // A small charge is sent at once.
    await user.type(screen.getByRole('spinbutton', { name: 'Amount' }), '500');
    await user.click(screen.getByRole('button', { name: 'Charge points' }));
    await waitFor(() => expect(screen.getByRole('status', { name: 'Balance' })).toHaveTextContent(/^2,000,500$/));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();

    // An order totalling 1,000,000 (10,000 × 100) asks too, in Korean.
    const set = async (label: RegExp, v: string) => {
      const input = screen.getByRole('spinbutton', { name: label });
      await user.clear(input);
      await user.type(input, v);
    };
    await set(/Quantity/, '10000');
    await set(/Price per like/, '100');
    act(() => h.store.getState().setLanguage('ko'));
    await user.click(screen.getByRole('button', { name: /Place order/ }));
    expect(screen.getByRole('alertdialog')).toHaveTextContent('1,000,000 포인트는 큰 금액입니다(1,000,000 이상). 보낼까요?');
    expect(h.store.getState().view.orders.order).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: /네, 보냅니다/ }));
    await waitFor(() => expect(h.store.getState().view.orders.order).toHaveLength(1));
  });
});

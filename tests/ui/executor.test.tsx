import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Harness } from './harness';
import { balance, charge, closeDesks, eventCount, likeCount, orderProgress, passbookRows, post, renderDesk } from './harness';

/** Ticks the executor (as its timer would) until the order is finished; returns the ticks it took. */
async function runUntilFinished(h: Harness, orderId: string, maxTicks = 50): Promise<number> {
  for (let i = 1; i <= maxTicks; i++) {
    await act(async () => {
      await h.desk.executor.tick();
      await h.desk.refresh();
    });
    const status = h.desk.live.state.orders.byId[orderId]?.status;
    if (status === 'completed' || status === 'failed' || status === 'cancelled') return i;
  }
  throw new Error(`order #${orderId} did not finish in ${maxTicks} ticks`);
}

/** Places an order from the form: likes × price, in batches. */
async function placeOrder(quantity: number, unitPrice: number, batchSize: number) {
  const user = userEvent.setup();
  const set = async (name: string, value: number) => {
    const input = screen.getByRole('spinbutton', { name });
    await user.clear(input);
    await user.type(input, String(value));
  };
  await set('Quantity', quantity);
  await set('Price per like', unitPrice);
  await set('Batch size', batchSize);
  await user.click(screen.getByRole('button', { name: 'Place order' }));
}

describe('orders under the executor', () => {
  beforeEach(() => localStorage.clear());
  afterEach(closeDesks);

  it('an order runs to completion and the passbook, order board and post agree', async () => {
    const h = await renderDesk({ executor: { failureRate: 0 } });
    await h.seed(charge(5000), post('p1', 'Hello'));
    await h.seed({ type: 'LikePost', postId: 'p1', userId: 'alice' });
    await placeOrder(100, 10, 30);
    await waitFor(() => expect(balance()).toHaveTextContent(/^4,000$/));

    // Start + 4 batches (30, 30, 30, 10); the last batch also completes the order.
    const ticks = await runUntilFinished(h, '1');
    expect(ticks).toBe(5);

    await waitFor(() => expect(orderProgress('1')).toHaveAttribute('aria-valuenow', '100'));
    const board = screen.getByRole('region', { name: 'Orders board' });
    expect(within(board).getByText('Completed')).toBeInTheDocument();
    expect(within(board).getByText(/Last success: batch #4/)).toBeInTheDocument();
    // Post: 1 like by hand + 100 delivered.
    expect(likeCount('Hello')).toHaveTextContent(/^101$/);
    // Passbook: charge 5,000 − order 1,000, no refund.
    expect(balance()).toHaveTextContent(/^4,000$/);
    expect(passbookRows()).toHaveLength(2);
    // 3 seeded + placed + deducted + started + 4 batches + completed.
    expect(eventCount()).toHaveTextContent(/^11$/);

    // The order detail tells its own story from the log.
    await userEvent.setup().click(within(board).getByRole('button', { name: /^Order #1 Hello$/ }));
    const events = await screen.findByRole('region', { name: 'Order events' });
    await waitFor(() => expect(within(events).getAllByRole('listitem')).toHaveLength(7));
    expect(within(events).getByText('OrderCompleted')).toBeInTheDocument();
    expect(within(events).getByText('100 likes delivered')).toBeInTheDocument();
  });

  it('an order that keeps failing stops, is refunded, and every view says where it stopped', async () => {
    const h = await renderDesk({ executor: { failureRate: 1 } });
    await h.seed(charge(5000), post('p1', 'Hello'));
    await placeOrder(100, 10, 30);
    await waitFor(() => expect(balance()).toHaveTextContent(/^4,000$/));

    await runUntilFinished(h, '1');
    const board = screen.getByRole('region', { name: 'Orders board' });
    await waitFor(() => expect(within(board).getByText('Failed')).toBeInTheDocument());
    expect(orderProgress('1')).toHaveAttribute('aria-valuenow', '0');
    const row = h.store.getState().view.orders.byId['1'];
    expect(row.stoppedAt?.batchNo).toBe(3);
    expect(within(board).getByText(new RegExp(`Stopped at batch #3: ${row.stoppedAt?.reason}`))).toBeInTheDocument();
    expect(likeCount('Hello')).toHaveTextContent(/^0$/);
    // charge 5,000 − 1,000 + refund 1,000.
    expect(balance()).toHaveTextContent(/^5,000$/);
    expect(passbookRows()).toHaveLength(3);
    expect(within(passbookRows()[0]).getByText(/Refund for order #1 \(failed\)/)).toBeInTheDocument();
  });

  it('new executor events do not move a view that is in the past', async () => {
    const h = await renderDesk({ executor: { failureRate: 0 } });
    await h.seed(charge(5000), post('p1', 'Hello'));
    await placeOrder(100, 10, 50);
    await waitFor(() => expect(eventCount()).toHaveTextContent(/^4$/));
    act(() => h.store.getState().seek(3));
    await waitFor(() => expect(balance()).toHaveTextContent(/^5,000$/));

    await runUntilFinished(h, '1');
    await waitFor(() => expect(eventCount()).toHaveTextContent(/^8$/));
    expect(h.store.getState().cursor).toBe(3);
    expect(balance()).toHaveTextContent(/^5,000$/);
    expect(screen.getByText(/You are viewing the past at event 3 of 8/)).toBeInTheDocument();
  });

  it('the executor button pauses and resumes the executor', async () => {
    const user = userEvent.setup();
    const h = await renderDesk();
    await user.click(screen.getByRole('button', { name: 'Pause executor' }));
    expect(h.desk.executor.paused).toBe(true);
    expect(localStorage.getItem('eventdesk.executorPaused')).toBe('true');
    await user.click(screen.getByRole('button', { name: 'Resume executor' }));
    expect(h.desk.executor.paused).toBe(false);
    expect(screen.getByRole('button', { name: 'Pause executor' })).toBeInTheDocument();
  });
});

import { act, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventDesk } from '../../src/app/event-desk';
import { createDeskStore, startDesk, type DeskStore } from '../../src/store/desk-store';
import { DeskContext } from '../../src/store/use-desk';
import { StatsView } from '../../src/ui/stats/stats-view';

let desk: EventDesk;
let store: DeskStore;

beforeEach(async () => {
  // jsdom has no canvas: keep its "not implemented" noise out and let the view skip uPlot.
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  localStorage.setItem('eventdesk.language', 'en');
  desk = new EventDesk({ dbName: 'ui-' + Math.random(), runExecutor: false });
  store = createDeskStore(desk);
  await startDesk(desk, store);
});

afterEach(() => {
  desk.close();
  vi.restoreAllMocks();
});

function renderStats() {
  return render(
    <DeskContext.Provider value={{ store, desk }}>
      <StatsView />
    </DeskContext.Provider>,
  );
}

const total = (name: string, table = 'Totals at the slider') =>
  within(screen.getByRole('table', { name: table })).getByRole('row', { name: new RegExp(`^${name}`) });

describe('StatsView', () => {
  it('an empty chart (first visit, slider at 0, a log with posts only) says so instead of drawing a 1970 time axis', async () => {
    renderStats();
    expect(await screen.findByText(/Nothing to chart yet/)).toBeInTheDocument();
    await act(() => desk.dispatch({ type: 'CreatePost', postId: 'p1', title: 'Hello', author: 'kim' }));
    expect(screen.getByText(/Nothing to chart yet/)).toBeInTheDocument();
    await act(() => desk.dispatch({ type: 'ChargePoints', walletId: 'me', amount: 1000 }));
    await waitFor(() => expect(screen.queryByText(/Nothing to chart yet/)).toBeNull());
    act(() => store.getState().seek(0));
    await waitFor(() => expect(screen.getByText(/Nothing to chart yet/)).toBeInTheDocument());
  });

  it('stats totals follow the slider', async () => {
    await desk.dispatch({ type: 'ChargePoints', walletId: 'me', amount: 1000 }); // 1
    await desk.dispatch({ type: 'CreatePost', postId: 'p1', title: 'Hello', author: 'kim' }); // 2
    await desk.dispatch({ type: 'PlaceOrder', orderId: '1', walletId: 'me', postId: 'p1', quantity: 10, unitPrice: 3, batchSize: 5 }); // 3, 4
    await desk.dispatch({ type: 'StartOrder', orderId: '1' }); // 5
    await desk.dispatch({ type: 'RecordBatch', orderId: '1', batchNo: 1, outcome: { ok: true, likes: 5 } }); // 6
    await desk.dispatch({ type: 'RecordBatch', orderId: '1', batchNo: 2, outcome: { ok: true, likes: 5 } }); // 7, 8 completed
    await desk.dispatch({ type: 'PlaceOrder', orderId: '2', walletId: 'me', postId: 'p1', quantity: 10, unitPrice: 1, batchSize: 5 }); // 9, 10
    await desk.dispatch({ type: 'CancelOrder', orderId: '2' }); // 11, 12
    renderStats();

    expect(screen.getByRole('heading', { name: 'Stats' })).toBeInTheDocument();
    // Live: everything.
    expect(total('Likes delivered')).toHaveTextContent('10');
    expect(total('Balance')).toHaveTextContent('970 points');
    expect(total('Orders placed')).toHaveTextContent('2');
    expect(total('In progress')).toHaveTextContent('0');
    expect(total('Completed')).toHaveTextContent('1');
    expect(total('Cancelled')).toHaveTextContent('1');
    expect(total('Failed')).toHaveTextContent('0');

    // Back to just after the first batch.
    act(() => store.getState().seek(6));
    await waitFor(() => expect(total('Likes delivered')).toHaveTextContent('5'));
    expect(total('Balance')).toHaveTextContent('970 points');
    expect(total('Orders placed')).toHaveTextContent('1');
    expect(total('In progress')).toHaveTextContent('1');
    expect(total('Completed')).toHaveTextContent('0');
    expect(total('Cancelled')).toHaveTextContent('0');
    await waitFor(() => expect(screen.getByText(/As of event #6/)).toBeInTheDocument());

    // Before the order was paid for.
    act(() => store.getState().seek(1));
    await waitFor(() => expect(total('Balance')).toHaveTextContent('1,000 points'));
    expect(total('Orders placed')).toHaveTextContent('0');
    expect(total('Likes delivered')).toHaveTextContent('0');

    // The very start.
    act(() => store.getState().seek(0));
    await waitFor(() => expect(total('Balance')).toHaveTextContent('0 points'));
    expect(screen.getByText('Before the first event')).toBeInTheDocument();

    // Back to live.
    act(() => store.getState().goLive());
    await waitFor(() => expect(total('Likes delivered')).toHaveTextContent('10'));
  });

  it('skips the canvas chart where there is no canvas, and speaks Korean', async () => {
    store.getState().setLanguage('ko');
    await desk.dispatch({ type: 'ChargePoints', walletId: 'me', amount: 1234 });
    renderStats();
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
    await waitFor(() => expect(total('잔액', '슬라이더 시점의 합계')).toHaveTextContent('1,234 포인트'));
    expect(screen.getByRole('heading', { name: '통계' })).toBeInTheDocument();
  });
});

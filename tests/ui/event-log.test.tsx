import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventDesk } from '../../src/app/event-desk';
import { createDeskStore, startDesk, type DeskStore } from '../../src/store/desk-store';
import { DeskContext } from '../../src/store/use-desk';
import { EventLogView, ROW_HEIGHT } from '../../src/ui/event-log/event-log-view';
import { fakeLayout as fakeLayoutOf } from './fake-layout';

let desk: EventDesk;
let store: DeskStore;
const restore: (() => void)[] = [];

function fakeLayout() {
  restore.push(fakeLayoutOf());
}

beforeEach(async () => {
  fakeLayout();
  localStorage.setItem('eventdesk.language', 'en');
  desk = new EventDesk({ dbName: 'ui-' + Math.random(), runExecutor: false });
  store = createDeskStore(desk);
  await startDesk(desk, store);
});

afterEach(() => {
  desk.close();
  while (restore.length) restore.pop()!();
  vi.restoreAllMocks();
});

async function seed() {
  await desk.dispatch({ type: 'ChargePoints', walletId: 'me', amount: 1000 }); // 1 wallet:me
  await desk.dispatch({ type: 'CreatePost', postId: 'p1', title: 'Hello', author: 'kim' }); // 2 post:p1
  await desk.dispatch({ type: 'LikePost', postId: 'p1', userId: 'lee' }); // 3 post:p1
  await desk.dispatch({ type: 'PlaceOrder', orderId: '12', walletId: 'me', postId: 'p1', quantity: 10, unitPrice: 2, batchSize: 5 }); // 4 order:12, 5 wallet:me
  await desk.dispatch({ type: 'ChargePoints', walletId: 'me', amount: 500 }); // 6 wallet:me
}

function renderLog() {
  return render(
    <DeskContext.Provider value={{ store, desk }}>
      <EventLogView />
    </DeskContext.Provider>,
  );
}

const list = () => screen.getByRole('list', { name: 'Event log' });
const rows = () => within(list()).queryAllByRole('listitem');
const seqs = () => rows().map((r) => Number(/#(\d+)/.exec(r.querySelector('.event-log__seq')?.textContent ?? '')![1]));

describe('EventLogView', () => {
  it('shows every event with seq, time, actor, type, stream and payload, newest at the bottom', async () => {
    await seed();
    renderLog();
    expect(screen.getByRole('heading', { name: 'Event log' })).toBeInTheDocument();
    await waitFor(() => expect(seqs()).toEqual([1, 2, 3, 4, 5, 6]));
    await waitFor(() => expect(rows()[0]).toHaveTextContent('PointsCharged'));
    const first = rows()[0];
    expect(first).toHaveTextContent('me');
    expect(first).toHaveTextContent('wallet:me');
    expect(first).toHaveTextContent('{"amount":1000');
    expect(rows()[3]).toHaveTextContent('order:12');
    expect(screen.getByRole('status')).toHaveTextContent('6 events');
  });

  it('the event log filter by type shows only that type', async () => {
    await seed();
    renderLog();
    await waitFor(() => expect(seqs()).toHaveLength(6));
    fireEvent.change(screen.getByRole('combobox', { name: 'Type' }), { target: { value: 'PointsCharged' } });
    expect(store.getState().filters.type).toBe('PointsCharged');
    await waitFor(() => expect(seqs()).toEqual([1, 6]));
    await waitFor(() => rows().forEach((r) => expect(r).toHaveTextContent('PointsCharged')));
    expect(screen.getByRole('status')).toHaveTextContent('2 matching events');
    fireEvent.change(screen.getByRole('combobox', { name: 'Type' }), { target: { value: '' } });
    await waitFor(() => expect(seqs()).toHaveLength(6));
  });

  it('filter by stream', async () => {
    await seed();
    renderLog();
    await waitFor(() => expect(seqs()).toHaveLength(6));
    fireEvent.change(screen.getByRole('searchbox', { name: 'Stream' }), { target: { value: 'wallet:me' } });
    expect(store.getState().filters.stream).toBe('wallet:me');
    await waitFor(() => expect(seqs()).toEqual([1, 5, 6]));
    rows().forEach((r) => expect(r).toHaveTextContent('wallet:me'));
    // Stream and type together.
    fireEvent.change(screen.getByRole('combobox', { name: 'Type' }), { target: { value: 'PointsDeducted' } });
    await waitFor(() => expect(seqs()).toEqual([5]));
    // New events of the stream appear as they are appended.
    fireEvent.change(screen.getByRole('combobox', { name: 'Type' }), { target: { value: '' } });
    await waitFor(() => expect(seqs()).toEqual([1, 5, 6]));
    await act(() => desk.dispatch({ type: 'ChargePoints', walletId: 'me', amount: 1 }));
    await waitFor(() => expect(seqs()).toEqual([1, 5, 6, 7]));
    fireEvent.change(screen.getByRole('searchbox', { name: 'Stream' }), { target: { value: 'order:99' } });
    await waitFor(() => expect(screen.getByText('No events match the filter.')).toBeInTheDocument());
  });

  it('the event at the cursor is highlighted', async () => {
    await seed();
    renderLog();
    // Live: the newest event is the slider's.
    await waitFor(() => expect(within(list()).getByRole('button', { current: true })).toHaveTextContent('#6'));
    act(() => store.getState().seek(3));
    await waitFor(() => expect(within(list()).getByRole('button', { current: true })).toHaveTextContent('#3'));
    expect(within(list()).getAllByRole('button', { current: true })).toHaveLength(1);
    // Events after the cursor are dimmed ("in the future" of the slider).
    const future = rows().filter((r) => r.classList.contains('is-future'));
    expect(future.map((r) => r.getAttribute('aria-posinset'))).toEqual(['4', '5', '6']);
    expect(future[0]).toHaveTextContent('after the slider');
  });

  it('clicking an event moves the slider there', async () => {
    await seed();
    renderLog();
    await waitFor(() => expect(seqs()).toHaveLength(6));
    const button = within(rows()[1]).getByRole('button');
    fireEvent.click(button);
    expect(store.getState().target).toBe(2);
    expect(store.getState().live).toBe(false);
    await waitFor(() => expect(store.getState().cursor).toBe(2));
    await waitFor(() => expect(within(list()).getByRole('button', { current: true })).toHaveTextContent('#2'));
    expect(within(rows()[5]).getByRole('button')).not.toHaveAttribute('aria-current');
    // Clicking the newest event goes back to live.
    fireEvent.click(within(rows()[5]).getByRole('button'));
    expect(store.getState().cursor).toBe(6);
    expect(store.getState().live).toBe(true);
  });

  it('virtualizes a long log, reads it in pages, scans for a type and scrolls the cursor into view', async () => {
    const scrolls: number[] = [];
    Element.prototype.scrollTo = function (this: Element, options?: ScrollToOptions | number) {
      const top = typeof options === 'object' ? (options.top ?? 0) : 0;
      scrolls.push(top);
      this.scrollTop = top;
      this.dispatchEvent(new Event('scroll'));
    } as Element['scrollTo'];
    restore.push(() => delete (Element.prototype as Partial<Element>).scrollTo);
    // The scroll height is the virtualizer's sizer (its inline height).
    Object.defineProperty(HTMLElement.prototype, 'scrollHeight', {
      configurable: true,
      get(this: HTMLElement) {
        return parseFloat((this.firstElementChild as HTMLElement | null)?.style.height ?? '') || 0;
      },
    });
    restore.push(() => delete (HTMLElement.prototype as unknown as Record<string, unknown>).scrollHeight);
    const readRange = vi.spyOn(desk, 'readRange');
    await desk.loadDemo({ orders: 8 });
    const head = store.getState().head;
    expect(head).toBeGreaterThan(400);
    readRange.mockClear();
    renderLog();
    // Live: scrolled to the newest event, at the bottom; only a window of rows is in the DOM.
    await waitFor(() => expect(within(list()).getByRole('button', { current: true })).toHaveTextContent(`#${head}`));
    expect(rows().length).toBeLessThan(60);
    for (const [from, to] of readRange.mock.calls.map((c) => c as [number, number])) expect(to - from).toBeLessThan(200);
    // Moving the slider far back brings its event into view.
    act(() => store.getState().seek(10));
    await waitFor(() => expect(within(list()).getByRole('button', { current: true })).toHaveTextContent('#10'));
    expect(scrolls.at(-1)).toBeLessThanOrEqual(10 * ROW_HEIGHT);
    // A type filter scans the log and lists only matches.
    fireEvent.change(screen.getByRole('combobox', { name: 'Type' }), { target: { value: 'OrderPlaced' } });
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('8 matching events'));
    await waitFor(() => expect(rows()).toHaveLength(8));
    await waitFor(() => rows().forEach((r) => expect(r).toHaveTextContent('OrderPlaced')));
  });

  it('the event log follows the slider back to 0: scrolled to the top, and it says the slider is before the first event', async () => {
    const scrolls: number[] = [];
    Element.prototype.scrollTo = function (this: Element, options?: ScrollToOptions | number) {
      const top = typeof options === 'object' ? (options.top ?? 0) : 0;
      scrolls.push(top);
      this.scrollTop = top;
      this.dispatchEvent(new Event('scroll'));
    } as Element['scrollTo'];
    restore.push(() => delete (Element.prototype as Partial<Element>).scrollTo);
    Object.defineProperty(HTMLElement.prototype, 'scrollHeight', {
      configurable: true,
      get(this: HTMLElement) {
        return parseFloat((this.firstElementChild as HTMLElement | null)?.style.height ?? '') || 0;
      },
    });
    restore.push(() => delete (HTMLElement.prototype as unknown as Record<string, unknown>).scrollHeight);
    for (let i = 1; i <= 60; i++) await desk.dispatch({ type: 'ChargePoints', walletId: 'me', amount: i });
    await waitFor(() => expect(store.getState().head).toBe(60));
    renderLog();
    await waitFor(() => expect(within(list()).getByRole('button', { current: true })).toHaveTextContent('#60'));
    await waitFor(() => expect(scrolls.at(-1)).toBeGreaterThan(0));
    expect(screen.queryByText(/The slider is before the first event/)).not.toBeInTheDocument();

    act(() => store.getState().seek(0));
    await waitFor(() => expect(scrolls.at(-1)).toBe(0));
    expect(screen.getByText('The slider is before the first event shown: every event below is after it.')).toBeInTheDocument();
    expect(within(list()).queryByRole('button', { current: true })).not.toBeInTheDocument();
    expect(rows()[0]).toHaveClass('is-future');
  });
});

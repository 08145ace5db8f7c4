import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventDesk } from '../../src/app/event-desk';
import type { SubscriberStatus } from '../../src/engine/subscription-runner';
import { createDeskStore, startDesk, type DeskStore } from '../../src/store/desk-store';
import { DeskContext } from '../../src/store/use-desk';
import { NotificationsView } from '../../src/ui/notifications/notifications-view';

let desk: EventDesk;
let store: DeskStore;

beforeEach(async () => {
  localStorage.setItem('eventdesk.language', 'en');
  desk = new EventDesk({ dbName: 'ui-' + Math.random(), runExecutor: false });
  store = createDeskStore(desk);
  await startDesk(desk, store);
});

afterEach(() => {
  desk.close();
  vi.restoreAllMocks();
});

function renderNotifications() {
  return render(
    <DeskContext.Provider value={{ store, desk }}>
      <NotificationsView />
    </DeskContext.Provider>,
  );
}

const items = () => within(screen.getByRole('list', { name: /Notifications up to the slider|슬라이더 시점까지의 알림/ })).getAllByRole('listitem');
const texts = () => items().map((li) => li.querySelector('.notification__text')?.textContent);

async function seed() {
  await desk.dispatch({ type: 'ChargePoints', walletId: 'me', amount: 1000 }); // 1
  await desk.dispatch({ type: 'CreatePost', postId: 'p1', title: 'Hello', author: 'kim' }); // 2
  await desk.dispatch({ type: 'PlaceOrder', orderId: '7', walletId: 'me', postId: 'p1', quantity: 10, unitPrice: 2, batchSize: 10 }); // 3, 4
  await desk.dispatch({ type: 'StartOrder', orderId: '7' }); // 5
  await desk.dispatch({ type: 'RecordBatch', orderId: '7', batchNo: 1, outcome: { ok: true, likes: 10 } }); // 6, 7
}

describe('NotificationsView', () => {
  it('notifications show the subscriber output up to the cursor', async () => {
    await seed();
    renderNotifications();
    expect(screen.getByRole('heading', { name: 'Notifications' })).toBeInTheDocument();
    // Newest first, as the notifications subscriber wrote them.
    await waitFor(() =>
      expect(texts()).toEqual([
        'Order #7 completed — 10 likes delivered',
        'Order #7 placed — 10 likes for 20 points',
        'New post “Hello” by kim',
        'Charged 1,000 points',
      ]),
    );
    expect(items()[0]).toHaveClass('notification--success');
    expect(items()[1]).toHaveClass('notification--info');
    expect(within(items()[0]).getByText(/\d{4}/, { selector: 'time' })).toBeInTheDocument();

    act(() => store.getState().seek(2));
    await waitFor(() => expect(texts()).toEqual(['New post “Hello” by kim', 'Charged 1,000 points']));

    act(() => store.getState().setLanguage('ko'));
    await waitFor(() => expect(texts()).toEqual(['새 게시물 “Hello” — 작성자 kim', '1,000 포인트 충전']));

    act(() => store.getState().goLive());
    await waitFor(() => expect(texts()[0]).toBe('주문 #7 완료 — 좋아요 10개 전달'));

    // New events reach the view as the subscriber handles them.
    act(() => store.getState().setLanguage('en'));
    await act(() => desk.dispatch({ type: 'ChargePoints', walletId: 'me', amount: 5 }));
    await waitFor(() => expect(texts()[0]).toBe('Charged 5 points'));
  });

  it('shows every subscriber and its position', async () => {
    await seed();
    renderNotifications();
    await waitFor(() => expect(screen.getByRole('listitem', { name: 'Notifications' })).toHaveTextContent('at event 7 of 7'));
    await waitFor(() => expect(screen.getByRole('listitem', { name: 'Audit trail' })).toHaveTextContent('at event 7 of 7'));
    expect(screen.queryByRole('button', { name: 'Retry now' })).not.toBeInTheDocument();
  });

  it("a failing subscriber's error and position are shown", async () => {
    await seed();
    await desk.subscriptions.kick();
    const retryAt = new Date(2026, 0, 2, 3, 4, 5).getTime();
    const failing: SubscriberStatus[] = [
      { name: 'notifications', seq: 4, error: 'TypeError: boom', errorSeq: 5, attempts: 2, retryAt, running: false },
      { name: 'audit', seq: 7, attempts: 0, running: false },
    ];
    vi.spyOn(desk, 'subscriberStatus').mockReturnValue(failing);
    let push: ((s: SubscriberStatus[]) => void) | undefined;
    vi.spyOn(desk.subscriptions, 'onStatus').mockImplementation((listener) => {
      push = listener;
      return () => true;
    });
    const retryNow = vi.spyOn(desk.subscriptions, 'retryNow').mockResolvedValue();
    renderNotifications();

    const row = screen.getByRole('listitem', { name: 'Notifications' });
    expect(row).toHaveTextContent('at event 4 of 7');
    const alert = within(row).getByRole('alert');
    expect(alert).toHaveTextContent('Failed at event #5: TypeError: boom');
    expect(alert).toHaveTextContent(/Retry 3 at .*2026/);
    expect(screen.getByRole('listitem', { name: 'Audit trail' })).not.toHaveTextContent('Failed');
    // The subscriber is behind the slider: the view says so.
    expect(screen.getByText(/handled events up to #4/)).toBeInTheDocument();

    fireEvent.click(within(row).getByRole('button', { name: 'Retry now' }));
    expect(retryNow).toHaveBeenCalledWith('notifications');

    // Status updates arrive through onStatus.
    act(() => push!([{ name: 'notifications', seq: 7, attempts: 0, running: false }, failing[1]]));
    expect(screen.getByRole('listitem', { name: 'Notifications' })).toHaveTextContent('at event 7 of 7');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('in the past the Subscribers block says their position is live and whether it reaches the slider', async () => {
    await seed();
    await desk.subscriptions.kick();
    renderNotifications();
    const row = () => screen.getByRole('listitem', { name: 'Notifications' });
    await waitFor(() => expect(row()).toHaveTextContent('up to date'));
    act(() => store.getState().seek(3));
    await waitFor(() => expect(row()).toHaveTextContent('live: at event 7 of 7'));
    expect(row()).toHaveTextContent('had handled the slider’s event 3');
    expect(row()).not.toHaveTextContent('up to date');
    expect(screen.getByText('They keep running live; the slider is at event 3.')).toBeInTheDocument();

    act(() => store.getState().setLanguage('ko'));
    expect(screen.getByRole('listitem', { name: '알림' })).toHaveTextContent('현재: 7개 중 7번 이벤트까지 처리');
    expect(screen.getByRole('listitem', { name: '알림' })).toHaveTextContent('슬라이더의 3번 이벤트까지 처리함');

    act(() => store.getState().goLive());
    await waitFor(() => expect(screen.getByRole('listitem', { name: '알림' })).toHaveTextContent('최신 상태'));
  });
});

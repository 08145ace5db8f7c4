import { act, configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeLayout } from './fake-layout';
import { balance, charge, closeDesks, eventCount, like, likeCount, order, passbookRows, post, renderDesk, slider, start } from './harness';

// A busy machine (8 engineers on 2 cores) needs more than the default second for a re-render.
configure({ asyncUtilTimeout: 10_000 });

const logRow = (seq: number) => {
  const list = screen.getByRole('list', { name: 'Event log' });
  const item = within(list)
    .getAllByRole('listitem')
    .find((li) => within(li).queryByText(`#${seq}`, { selector: '.event-log__seq' }));
  if (!item) throw new Error(`event #${seq} is not in the event log`);
  return item;
};
const dialog = () => screen.getByRole('dialog', { name: /^Revert event #/ });

describe('revert by compensating events', { timeout: 60_000 }, () => {
  let undoLayout: () => void;
  beforeEach(() => {
    localStorage.clear();
    undoLayout = fakeLayout();
  });
  afterEach(async () => {
    await closeDesks();
    undoLayout();
  });

  it('a charge is reverted from its passbook line by a new event that names it; the log links the two both ways', async () => {
    const user = userEvent.setup();
    const h = await renderDesk();
    await h.seed(charge(1000, 'Top-up'), charge(300, 'Oops'));
    const oops = passbookRows()[0];
    expect(oops).toHaveTextContent('Oops');
    await user.click(within(oops).getByRole('button', { name: 'Revert…' }));
    expect(await within(dialog()).findByText('Reverse the charge of 300 points ("Oops").')).toBeInTheDocument();
    await waitFor(() => expect(within(dialog()).getByText(/This appends PointsChargeReversed/)).toBeInTheDocument());
    await user.click(within(dialog()).getByRole('button', { name: 'Revert' }));
    await waitFor(() => expect(balance()).toHaveTextContent(/^1,000$/));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(eventCount()).toHaveTextContent('3');
    // History is not edited: the charge is still there, and the reversal names it as its cause.
    const [charged, reversal] = await h.desk.readRange(2, 3);
    expect(charged.type).toBe('PointsCharged');
    expect(reversal.type).toBe('PointsChargeReversed');
    expect(reversal.meta.causationId).toBe('wallet:me@2');
    const rows = passbookRows();
    expect(rows[0]).toHaveTextContent('Charge reversed: Oops');
    expect(within(rows[1]).getByRole('button', { name: 'reversed by #3' })).toBeInTheDocument();

    // The event log links both ways; each link moves the slider.
    await waitFor(() => expect(within(logRow(3)).getByRole('button', { name: 'Reverts wallet:me@2' })).toBeInTheDocument());
    await user.click(within(logRow(3)).getByRole('button', { name: 'Reverts wallet:me@2' }));
    await waitFor(() => expect(slider()).toHaveValue('2'));
    await user.click(within(logRow(2)).getByRole('button', { name: 'Reverted by #3' }));
    await waitFor(() => expect(slider()).toHaveValue('3'));
  });

  it('a charge the balance can no longer give back is refused with the reason, and nothing is written', async () => {
    const user = userEvent.setup();
    const h = await renderDesk();
    await h.seed(charge(1000), post('p1', 'Hello'), order('1', 'p1', 90, 10, 10));
    // Balance 100: the 1,000 charge cannot be taken back.
    const chargeLine = passbookRows()[1];
    await user.click(within(chargeLine).getByRole('button', { name: 'Revert…' }));
    const alert = await within(dialog()).findByRole('alert');
    expect(alert).toHaveTextContent('cannot be reversed: the balance is only 100 points');
    expect(within(dialog()).queryByRole('button', { name: 'Revert' })).toBeNull();
    await user.click(within(dialog()).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(await h.desk.store.headSeq()).toBe(4);
  });

  it('a like is reverted from its event-log row by an unlike', async () => {
    const user = userEvent.setup();
    const h = await renderDesk();
    await h.seed(post('p1', 'Hello'), like('p1', 'alice'));
    await waitFor(() => expect(likeCount('Hello')).toHaveTextContent(/^1$/));
    await user.click(within(logRow(2)).getByRole('button', { name: 'Revert…' }));
    expect(await within(dialog()).findByText('Unlike post "p1" for alice.')).toBeInTheDocument();
    await user.click(await within(dialog()).findByRole('button', { name: 'Revert' }));
    await waitFor(() => expect(likeCount('Hello')).toHaveTextContent(/^0$/));
    const [unliked] = await h.desk.readRange(3, 3);
    expect(unliked.type).toBe('PostUnliked');
    expect(unliked.meta.causationId).toBe('post:p1@2');
  });

  it('a running order is reverted from the order detail by cancelling it with the refund', async () => {
    const user = userEvent.setup();
    const h = await renderDesk();
    await h.seed(charge(1000), post('p1', 'Hello'), order('1', 'p1', 10, 10, 5), start('1'));
    act(() => h.store.getState().selectOrder('1'));
    const detail = screen.getByRole('region', { name: 'Order #1' });
    await user.click(await within(detail).findByRole('button', { name: 'Revert…' }));
    expect(await within(dialog()).findByText('Cancel order #1 and refund what was not delivered.')).toBeInTheDocument();
    await user.click(await within(dialog()).findByRole('button', { name: 'Revert' }));
    await waitFor(() => expect(balance()).toHaveTextContent(/^1,000$/));
    const events = await h.desk.readRange(6, 7);
    expect(events.map((e) => e.type)).toEqual(['OrderCancelled', 'PointsRefunded']);
    expect(events.every((e) => e.meta.causationId === 'order:1@1')).toBe(true);
    // A cancelled order offers no revert any more.
    await waitFor(() => expect(within(detail).queryByRole('button', { name: 'Revert…' })).toBeNull());
  });

  it('speaks Korean', async () => {
    const user = userEvent.setup();
    const h = await renderDesk();
    await h.seed(charge(500));
    act(() => h.store.getState().setLanguage('ko'));
    await user.click(within(passbookRows()[0]).getByRole('button', { name: '되돌리기… · Revert…' }));
    expect(screen.getByRole('dialog', { name: '이벤트 #1 되돌리기' })).toBeInTheDocument();
    expect(await screen.findByText('500 포인트 충전("충전")을 취소합니다.')).toBeInTheDocument();
  });

  it('a refusal is said in Korean when the desk speaks Korean, figures included', async () => {
    const user = userEvent.setup();
    const h = await renderDesk();
    await h.seed(charge(1000), post('p1', 'Hello'), order('1', 'p1', 90, 10, 10));
    act(() => h.store.getState().setLanguage('ko'));
    await user.click(within(passbookRows()[1]).getByRole('button', { name: '되돌리기… · Revert…' }));
    const alert = await within(screen.getByRole('dialog', { name: /^이벤트 #\d+ 되돌리기$/ })).findByRole('alert');
    expect(alert).toHaveTextContent('지금은 할 수 없습니다: 1,000 포인트 충전은 취소할 수 없습니다: 잔액이 100 포인트뿐이고');
    expect(alert.textContent).not.toMatch(/[A-Za-z]{3,}/);
  });
});

import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failureReason } from '../../src/ui/orders/failure-reason';
import { charge, closeDesks, order, post, renderDesk, unlike } from './harness';

beforeEach(() => localStorage.setItem('eventdesk.language', 'ko'));
afterEach(async () => {
  await closeDesks();
  localStorage.removeItem('eventdesk.language');
});

const alertText = () => screen.getByRole('alert').textContent ?? '';

describe('Korean is all Korean', () => {
  it('a rejected command says why in Korean, with the figures in Korean number format', async () => {
    const h = await renderDesk();
    await h.seed(post('p1', 'Hello'), charge(1_000));
    await act(() => h.store.getState().dispatch(order('1', 'p1', 500, 3, 50)));
    await waitFor(() => expect(alertText()).toContain('포인트가 부족합니다: 1,500 포인트가 필요하지만 잔액은 1,000 포인트입니다.'));
    expect(alertText()).not.toMatch(/Not enough points/);
  });

  it('a charge beyond the limit states the limit in Korean', async () => {
    const h = await renderDesk();
    await act(() => h.store.getState().dispatch(charge(10_000_001)));
    await waitFor(() => expect(alertText()).toContain('10,000,000'));
    expect(alertText()).toMatch(/최대/);
  });

  it('no raw user id: unliking a post I do not like says "you", in either language', async () => {
    const h = await renderDesk();
    await h.seed(post('p1', 'Hello'));
    await act(() => h.store.getState().dispatch(unlike('p1')));
    await waitFor(() => expect(alertText()).toContain('이 게시물을 좋아하지 않으므로'));
    expect(alertText()).not.toMatch(/\bme\b/);
    act(() => h.store.getState().setLanguage('en'));
    await waitFor(() => expect(alertText()).toContain('You do not like this post'));
  });

  it('order failure reasons are said in Korean on the board', async () => {
    expect(failureReason('SNS rate limit', 'ko')).toBe('SNS 요청 한도 초과');
    expect(failureReason('account checkpoint', 'ko')).toBe('계정 확인 절차');
    expect(failureReason('timeout', 'ko')).toBe('시간 초과');
    expect(failureReason('timeout', 'en')).toBe('timeout');
    const h = await renderDesk();
    await h.seed(post('p1', 'Hello'), charge(1_000), order('1', 'p1', 10, 1, 5), { type: 'StartOrder', orderId: '1' });
    for (let b = 1; b <= 3; b++) await h.seed({ type: 'RecordBatch', orderId: '1', batchNo: b, outcome: { ok: false, reason: 'SNS rate limit' } });
    const card = await waitFor(() => {
      const el = document.querySelector('[data-order-id="1"]');
      if (!(el instanceof HTMLElement)) throw new Error('no card');
      return el;
    });
    await waitFor(() => expect(within(card).getByText(/SNS 요청 한도 초과/)).toBeInTheDocument());
    expect(card.textContent).not.toMatch(/SNS rate limit/);
  });
});

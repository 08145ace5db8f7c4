import { act, configure, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { streamNeighbours } from '../../src/store/stream-steps';
import { batch, charge, closeDesks, like, order, post, renderDesk, slider, start } from './harness';

/**
 *  1 PointsCharged        wallet
 *  2 PostCreated p1
 *  3 OrderPlaced #1       order 1
 *  4 PointsDeducted       wallet
 *  5 OrderPlaced #2       order 2
 *  6 PointsDeducted       wallet
 *  7 PostLiked
 *  8 OrderStarted #1      order 1
 *  9 OrderStarted #2      order 2
 * 10 Batch #1 of #1       order 1
 * 11 PointsCharged        wallet
 */
const HISTORY = [
  charge(1000),
  post('p1', 'Hello'),
  order('1', 'p1', 10, 10, 5),
  order('2', 'p1', 10, 10, 5),
  like('p1', 'alice'),
  start('1'),
  start('2'),
  batch('1', 1, 5),
  charge(50),
];

describe('stream neighbours', () => {
  it('previous is the stream event strictly before the slider, next strictly after', () => {
    const seqs = [3, 8, 10];
    expect(streamNeighbours(seqs, 0)).toEqual({ prev: null, next: 3 });
    expect(streamNeighbours(seqs, 3)).toEqual({ prev: null, next: 8 });
    expect(streamNeighbours(seqs, 5)).toEqual({ prev: 3, next: 8 });
    expect(streamNeighbours(seqs, 8)).toEqual({ prev: 3, next: 10 });
    expect(streamNeighbours(seqs, 11)).toEqual({ prev: 10, next: null });
    expect(streamNeighbours([], 4)).toEqual({ prev: null, next: null });
  });
});

// A busy machine (8 engineers on 2 cores) needs more than the default second for a re-render.
configure({ asyncUtilTimeout: 10_000 });

// Seeding and rendering the whole desk takes a few seconds on a busy machine.
describe('step through one stream', { timeout: 30_000 }, () => {
  beforeEach(() => localStorage.clear());
  afterEach(closeDesks);

  it("previous / next event of this order move the slider through that order's events only", async () => {
    const user = userEvent.setup();
    const h = await renderDesk();
    await h.seed(...HISTORY);
    act(() => h.store.getState().selectOrder('1'));
    const prev = () => screen.getByRole('button', { name: 'Previous event of this order' });
    const next = () => screen.getByRole('button', { name: 'Next event of this order' });
    // At the head (11) the order's last event is 10; there is nothing after it.
    await waitFor(() => expect(prev()).toBeEnabled());
    expect(next()).toBeDisabled();
    const visited: number[] = [];
    for (const expected of [10, 8, 3]) {
      await user.click(prev());
      await waitFor(() => expect(slider()).toHaveValue(String(expected)));
      visited.push(expected);
    }
    expect(visited).toEqual([10, 8, 3]);
    expect(prev()).toBeDisabled();
    // Before the order existed, "next" still leads to where it was placed.
    act(() => h.store.getState().seek(1));
    await waitFor(() => expect(screen.getByText('Order #1 had not been placed yet at event 1.')).toBeInTheDocument());
    await user.click(next());
    await waitFor(() => expect(slider()).toHaveValue('3'));
    await user.click(next());
    await waitFor(() => expect(slider()).toHaveValue('8'));
  });

  it('previous / next event of this wallet step through the passbook lines', async () => {
    const user = userEvent.setup();
    const h = await renderDesk();
    await h.seed(...HISTORY);
    const prev = () => screen.getByRole('button', { name: 'Previous event of this wallet' });
    const next = () => screen.getByRole('button', { name: 'Next event of this wallet' });
    act(() => h.store.getState().seek(5));
    await waitFor(() => expect(slider()).toHaveValue('5'));
    await user.click(next());
    await waitFor(() => expect(slider()).toHaveValue('6'));
    await user.click(next());
    await waitFor(() => expect(slider()).toHaveValue('11'));
    expect(next()).toBeDisabled();
    await user.click(prev());
    await waitFor(() => expect(slider()).toHaveValue('6'));
    await user.click(prev());
    await waitFor(() => expect(slider()).toHaveValue('4'));
  });

  it('speaks Korean and keeps the English name inside the accessible name', async () => {
    const h = await renderDesk();
    await h.seed(charge(10));
    act(() => h.store.getState().setLanguage('ko'));
    expect(await screen.findByRole('button', { name: '이전 이벤트 · Previous event of this wallet' })).toBeInTheDocument();
    expect(screen.getByText('이 지갑의 이벤트 따라가기')).toBeInTheDocument();
  });
});

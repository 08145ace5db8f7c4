import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeLayout } from './fake-layout';
import { batch, charge, closeDesks, like, order, post, renderDesk, slider, start } from './harness';

/** Same history as timeline.test.tsx: balance 1,000 after 1, 800 after 5, 1,300 after 9; "Hello" likes 1 after 3, 7 after 8. */
const HISTORY = [charge(1000), post('p1', 'Hello'), like('p1', 'alice'), order('1', 'p1', 10, 20, 5), start('1'), batch('1', 1, 5), like('p1'), charge(500)];

/** The machine is shared: give the reads time. */
const WAIT = { timeout: 5_000 };
const panel = () => screen.getByRole('region', { name: 'Compare' });
const value = (label: string) => within(panel()).getByLabelText(label);
const seekTo = (seq: number) => fireEvent.change(slider(), { target: { value: String(seq) } });

async function expectRange(a: number, b: number, balanceA: string, balanceB: string, events: number) {
  await waitFor(() => {
    expect(panel()).toHaveAttribute('data-compare-range', `${a}-${b}`);
    expect(value('Balance at A')).toHaveTextContent(new RegExp(`^${balanceA}$`));
    expect(value('Balance at B')).toHaveTextContent(new RegExp(`^${balanceB}$`));
    expect(value('Events in range')).toHaveTextContent(new RegExp(`^${events}$`));
  }, WAIT);
}

describe("compare two points", { timeout: 30_000 }, () => {
  let undoLayout: () => void = () => {};
  beforeEach(() => {
    localStorage.clear();
    undoLayout = fakeLayout();
  });
  afterEach(async () => {
    undoLayout();
    await closeDesks();
  });

  it('"Compare from here" marks A at the slider and moving the slider sets B', async () => {
    const h = await renderDesk();
    await h.seed(...HISTORY);
    seekTo(3);
    await waitFor(() => expect(h.store.getState().cursor).toBe(3));
    await userEvent.click(screen.getByRole('button', { name: 'Compare from here' }));
    await expectRange(3, 3, '1,000', '1,000', 0);
    seekTo(9);
    await expectRange(3, 9, '1,000', '1,300', 6);
    // The passbook lines between, the order placed in the range and the likes it delivered.
    const lines = within(panel()).getByRole('region', { name: 'Passbook lines between' });
    expect(within(lines).getAllByRole('listitem').map((li) => li.textContent)).toEqual([expect.stringMatching(/^#5Order #1 paid−200800$/), expect.stringMatching(/^#9Charge\+5001,300$/)]);
    const orders = within(panel()).getByRole('region', { name: 'Orders changed' });
    expect(within(orders).getByRole('listitem')).toHaveTextContent(/Order #1placed in range→In progress 5 delivered/);
    const likes = within(panel()).getByRole('region', { name: 'Likes per post' });
    expect(within(likes).getByRole('listitem')).toHaveTextContent('Hello1 → 7+6');
  });

  it('B before A compares backwards: balances stay at their own points', async () => {
    const h = await renderDesk();
    await h.seed(...HISTORY);
    seekTo(5);
    await waitFor(() => expect(h.store.getState().cursor).toBe(5));
    await userEvent.click(screen.getByRole('button', { name: 'Compare from here' }));
    seekTo(0);
    await expectRange(5, 0, '800', '0', 5);
  });

  it('lists the events in range, filters them by type and stream, and a row jumps the slider keeping the range', async () => {
    const h = await renderDesk();
    await h.seed(...HISTORY);
    seekTo(1);
    await waitFor(() => expect(h.store.getState().cursor).toBe(1));
    await userEvent.click(screen.getByRole('button', { name: 'Compare from here' }));
    seekTo(9);
    await expectRange(1, 9, '1,000', '1,300', 8);
    const list = () => within(panel()).getByRole('list', { name: 'Range events' });
    await waitFor(() => expect(within(list()).getAllByRole('listitem')).toHaveLength(8), WAIT);
    await userEvent.click(within(within(panel()).getByRole('group', { name: 'By type' })).getByRole('button', { name: /PostLiked/ }));
    await waitFor(() => expect(within(list()).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['#3PostLikedpost:p1', '#8PostLikedpost:p1']), WAIT);
    await userEvent.selectOptions(within(panel()).getByRole('combobox', { name: 'Range event type' }), '');
    await userEvent.selectOptions(within(panel()).getByRole('combobox', { name: 'Range event stream' }), 'wallet:me');
    await waitFor(() => expect(within(list()).getAllByRole('listitem').map((li) => li.textContent?.slice(0, 2))).toEqual(['#5', '#9']), WAIT);
    await userEvent.click(within(list()).getByRole('button', { name: /#5/ }));
    await waitFor(() => expect(slider()).toHaveValue('5'), WAIT);
    // The range is still (1, 9]: visiting its events does not move B.
    await expectRange(1, 9, '1,000', '1,300', 8);
    // Moving the slider itself sets B again.
    seekTo(4);
    await expectRange(1, 4, '1,000', '1,000', 3);
  });

  it('"Close compare" removes the panel', async () => {
    const h = await renderDesk();
    await h.seed(...HISTORY);
    await userEvent.click(screen.getByRole('button', { name: 'Compare from here' }));
    expect(panel()).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Close compare' }));
    expect(screen.queryByRole('region', { name: 'Compare' })).toBeNull();
  });
});

import { act, configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeLayout } from './fake-layout';
import { balance, charge, closeDesks, like, post, postArticle, renderDesk, slider } from './harness';

configure({ asyncUtilTimeout: 10_000 });

const whatIfBanner = () => screen.getByText(/^What-if from event \d+ — nothing here is saved$/).closest('[role="status"]') as HTMLElement;

describe('what-if from the past', { timeout: 60_000 }, () => {
  let undoLayout: () => void;
  beforeEach(() => {
    localStorage.clear();
    undoLayout = fakeLayout();
  });
  afterEach(async () => {
    await closeDesks();
    undoLayout();
  });

  it('commands in a what-if change every view but write nothing; Discard returns to the fork', async () => {
    const user = userEvent.setup();
    const h = await renderDesk();
    await h.seed(charge(1000), post('p1', 'Hello'), charge(200));
    act(() => h.store.getState().seek(2));
    await waitFor(() => expect(balance()).toHaveTextContent(/^1,000$/));
    await user.click(screen.getByRole('button', { name: 'Try from here' }));

    expect(whatIfBanner()).toHaveTextContent('What-if from event 2 — nothing here is saved');
    expect(slider()).toBeDisabled();
    await user.type(screen.getByRole('spinbutton', { name: 'Amount' }), '500');
    await user.click(screen.getByRole('button', { name: 'Charge points' }));
    await waitFor(() => expect(balance()).toHaveTextContent(/^1,500$/));
    expect(whatIfBanner()).toHaveTextContent('Commands tried: 1');
    // The slider stays pinned at the fork, on the real log's scale.
    expect(slider()).toHaveValue('2');
    expect(slider()).toHaveAttribute('max', '3');
    expect(screen.getByRole('button', { name: 'Play' })).toBeDisabled();
    // The event log shows the branch: event 3 is the tried charge, not the real one.
    const [third] = await h.desk.readRange(3, 3);
    expect(third.data).toMatchObject({ amount: 500 });

    // Compare in a what-if: A is the fork in the real history, B the branch.
    await user.click(screen.getByRole('button', { name: 'Compare from here' }));
    const compare = screen.getByRole('region', { name: 'Compare' });
    await waitFor(() => expect(within(compare).getByLabelText('Balance at B')).toHaveTextContent(/^1,500$/));
    expect(within(compare).getByLabelText('Balance at A')).toHaveTextContent(/^1,000$/);
    expect(within(compare).getByLabelText('Events in range')).toHaveTextContent(/^1$/);

    // Nothing reached the log.
    expect(await h.desk.store.headSeq()).toBe(3);
    expect((await h.desk.store.readRange(3, 3))[0].data).toMatchObject({ amount: 200 });

    await user.click(screen.getByRole('button', { name: 'Discard' }));
    await waitFor(() => expect(slider()).toHaveValue('2'));
    expect(screen.queryByText(/What-if from event/)).toBeNull();
    await waitFor(() => expect(balance()).toHaveTextContent(/^1,000$/));
    expect(h.store.getState().head).toBe(3);
    expect(await h.desk.store.headSeq()).toBe(3);
    expect((await h.desk.readRange(3, 3))[0].data).toMatchObject({ amount: 200 });
  });

  it('Replay on live shows which commands would pass and appends only those once confirmed', async () => {
    const user = userEvent.setup();
    const h = await renderDesk();
    await h.seed(charge(1000), post('p1', 'Hello'), like('p1'));
    act(() => h.store.getState().seek(2));
    await waitFor(() => expect(within(postArticle('Hello')).getByRole('button', { name: 'Like Hello' })).toBeInTheDocument());
    await user.click(screen.getByRole('button', { name: 'Try from here' }));
    // At the fork "me" has not liked the post: the branch may.
    await user.click(within(postArticle('Hello')).getByRole('button', { name: 'Like Hello' }));
    await user.type(screen.getByRole('spinbutton', { name: 'Amount' }), '500');
    await user.click(screen.getByRole('button', { name: 'Charge points' }));
    await waitFor(() => expect(whatIfBanner()).toHaveTextContent('Commands tried: 2'));

    await user.click(screen.getByRole('button', { name: 'Replay on live' }));
    const check = await screen.findByRole('region', { name: 'Replay check' });
    const rows = within(check).getAllByRole('listitem');
    expect(rows[0]).toHaveTextContent('Like post "p1" as me');
    expect(rows[0]).toHaveTextContent('refused: You already like this post; a post can be liked only once.');
    expect(rows[1]).toHaveTextContent('Charge 500 points');
    expect(rows[1]).toHaveTextContent('would pass');
    // Checking wrote nothing.
    expect(await h.desk.store.headSeq()).toBe(3);

    await user.click(within(check).getByRole('button', { name: 'Append to the live log' }));
    await waitFor(() => expect(screen.getByText('Replayed on live: 1 appended, 1 refused.')).toBeInTheDocument());
    expect(h.store.getState().live).toBe(true);
    await waitFor(() => expect(balance()).toHaveTextContent(/^1,500$/));
    const events = await h.desk.store.readRange(1, 10);
    expect(events.map((e) => e.type)).toEqual(['PointsCharged', 'PostCreated', 'PostLiked', 'PointsCharged']);
    expect(events[3].data).toMatchObject({ amount: 500 });
  });

  it('the sandbox speaks Korean', async () => {
    const user = userEvent.setup();
    const h = await renderDesk();
    await h.seed(charge(1000), charge(200));
    act(() => h.store.getState().setLanguage('ko'));
    act(() => h.store.getState().seek(1));
    await user.click(await screen.findByRole('button', { name: '여기서 시험해 보기 · Try from here' }));
    expect(screen.getByText('이벤트 1부터의 가정 — 여기서 한 일은 저장되지 않습니다')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '버리기 · Discard' })).toBeEnabled();
    expect(screen.getByRole('button', { name: '실시간에 다시 적용 · Replay on live' })).toBeDisabled();
  });
});

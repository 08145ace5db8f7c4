import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { balance, batch, charge, closeDesks, eventCount, like, likeCount, order, post, postArticle, renderDesk, slider, start } from './harness';

describe('commands', () => {
  beforeEach(() => localStorage.clear());
  afterEach(closeDesks);

  it('commands are disabled in the past and enabled again after "Back to live"', async () => {
    const user = userEvent.setup();
    const h = await renderDesk();
    await h.seed(charge(1000), post('p1', 'Hello'), order('1', 'p1', 10, 20, 5), start('1'), batch('1', 1, 5), like('p1'));
    // 7 events: charge, post, placed, deducted, started, batch, like.
    expect(screen.queryByRole('status', { name: /viewing the past/i })).toBeNull();

    fireEvent.change(slider(), { target: { value: '5' } });
    const banner = await screen.findByText(/You are viewing the past at event 5 of 7/);
    expect(banner.closest('[role="status"]')).not.toBeNull();

    const controls = (likeName: string) => [
      screen.getByRole('spinbutton', { name: 'Amount' }),
      screen.getByRole('textbox', { name: 'Memo (optional)' }),
      screen.getByRole('combobox', { name: 'Post' }),
      screen.getByRole('spinbutton', { name: 'Quantity' }),
      screen.getByRole('spinbutton', { name: 'Price per like' }),
      screen.getByRole('spinbutton', { name: 'Batch size' }),
      screen.getByRole('button', { name: 'Place order' }),
      screen.getByRole('button', { name: 'Cancel order #1' }),
      within(postArticle('Hello')).getByRole('button', { name: likeName }),
      screen.getByRole('textbox', { name: 'New post title' }),
    ];
    // At event 5 "me" has not liked the post yet (that is event 7).
    await waitFor(() => expect(within(postArticle('Hello')).getByRole('button', { name: 'Like Hello' })).toBeInTheDocument());
    for (const c of controls('Like Hello')) expect(c).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Charge points' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Create post' })).toBeDisabled();

    await user.click(screen.getByRole('button', { name: 'Back to live' }));
    await waitFor(() => expect(h.store.getState().live).toBe(true));
    expect(screen.queryByText(/You are viewing the past/)).toBeNull();
    expect(slider()).toHaveValue('7');
    await waitFor(() => expect(within(postArticle('Hello')).getByRole('button', { name: 'Unlike Hello' })).toBeInTheDocument());
    for (const c of controls('Unlike Hello')) expect(c).toBeEnabled();
    await user.type(screen.getByRole('spinbutton', { name: 'Amount' }), '250');
    expect(screen.getByRole('button', { name: 'Charge points' })).toBeEnabled();
    await user.click(screen.getByRole('button', { name: 'Charge points' }));
    await waitFor(() => expect(balance()).toHaveTextContent(/^1,050$/));
    expect(eventCount()).toHaveTextContent(/^8$/);
  });

  it('charging points adds a passbook line and raises the balance', async () => {
    const user = userEvent.setup();
    await renderDesk();
    await user.type(screen.getByRole('spinbutton', { name: 'Amount' }), '5000');
    await user.type(screen.getByRole('textbox', { name: 'Memo (optional)' }), 'Top-up');
    await user.click(screen.getByRole('button', { name: 'Charge points' }));
    await waitFor(() => expect(balance()).toHaveTextContent(/^5,000$/));
    const region = screen.getByRole('region', { name: 'Passbook' });
    expect(within(region).getByText('Top-up')).toBeInTheDocument();
    expect(eventCount()).toHaveTextContent(/^1$/);
    await waitFor(() => expect(screen.getByRole('spinbutton', { name: 'Amount' })).toHaveValue(null));
  });

  it('an order the balance cannot pay shows the error and writes no event', async () => {
    const user = userEvent.setup();
    const h = await renderDesk();
    await h.seed(charge(100), post('p1', 'Hello'));
    expect(eventCount()).toHaveTextContent(/^2$/);
    const quantity = screen.getByRole('spinbutton', { name: 'Quantity' });
    await user.clear(quantity);
    await user.type(quantity, '100');
    const price = screen.getByRole('spinbutton', { name: 'Price per like' });
    await user.clear(price);
    await user.type(price, '10');
    await user.click(screen.getByRole('button', { name: 'Place order' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(/Not enough points: this needs 1,000 points but the balance is 100/);
    expect(eventCount()).toHaveTextContent(/^2$/);
    expect(await h.desk.store.headSeq()).toBe(2);
    expect(balance()).toHaveTextContent(/^100$/);
    expect(screen.queryByRole('progressbar', { name: /Order #/ })).toBeNull();

    await user.click(within(alert).getByRole('button', { name: 'Dismiss error' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('placing an order pays for it and shows it on the board; cancel refunds it', async () => {
    const user = userEvent.setup();
    const h = await renderDesk();
    await h.seed(charge(2000), post('p1', 'Hello'));
    await user.click(screen.getByRole('button', { name: 'Place order' }));
    // Defaults: 100 likes × 10 points.
    await waitFor(() => expect(balance()).toHaveTextContent(/^1,000$/));
    const board = screen.getByRole('region', { name: 'Orders board' });
    expect(within(board).getByRole('progressbar', { name: 'Order #1 progress' })).toHaveAttribute('aria-valuemax', '100');
    expect(within(board).getByText('Placed')).toBeInTheDocument();

    await user.click(within(board).getByRole('button', { name: 'Cancel order #1' }));
    await waitFor(() => expect(within(board).getByText('Cancelled')).toBeInTheDocument());
    expect(balance()).toHaveTextContent(/^2,000$/);
    expect(within(board).queryByRole('button', { name: 'Cancel order #1' })).toBeNull();
    expect(eventCount()).toHaveTextContent(/^6$/);
  });

  it('like / unlike: the button toggles, so liking twice is impossible, and the count follows', async () => {
    const user = userEvent.setup();
    const h = await renderDesk();
    await h.seed(post('p1', 'Hello'), like('p1', 'alice'));
    const article = postArticle('Hello');
    expect(likeCount('Hello')).toHaveTextContent(/^1$/);
    expect(within(article).getByText(/alice/)).toBeInTheDocument();

    await user.click(within(article).getByRole('button', { name: 'Like Hello' }));
    await waitFor(() => expect(likeCount('Hello')).toHaveTextContent(/^2$/));
    expect(within(article).queryByRole('button', { name: 'Like Hello' })).toBeNull();
    expect(within(article).getByText(/alice, me/)).toBeInTheDocument();
    expect(eventCount()).toHaveTextContent(/^3$/);

    await user.click(within(article).getByRole('button', { name: 'Unlike Hello' }));
    await waitFor(() => expect(likeCount('Hello')).toHaveTextContent(/^1$/));
    expect(within(article).getByRole('button', { name: 'Like Hello' })).toBeInTheDocument();
    expect(eventCount()).toHaveTextContent(/^4$/);
    const types = (await h.desk.readRange(1, 4)).map((e) => e.type);
    expect(types).toEqual(['PostCreated', 'PostLiked', 'PostLiked', 'PostUnliked']);
  });

  it('a post created in the form appears with no likes', async () => {
    const user = userEvent.setup();
    await renderDesk();
    await user.type(screen.getByRole('textbox', { name: 'New post title' }), 'Autumn menu');
    await user.click(screen.getByRole('button', { name: 'Create post' }));
    await waitFor(() => expect(likeCount('Autumn menu')).toHaveTextContent(/^0$/));
  });
});

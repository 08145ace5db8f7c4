import { act, configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventDesk } from '../../src/app/event-desk';
import { balance, charge, closeDesks, order, post, postArticle, renderDesk } from './harness';

/** Holds every desk.dispatch until released: a save that takes as long as the test wants. */
function slowSaves(desk: EventDesk): { release(): void; calls: () => number } {
  const original = desk.dispatch.bind(desk);
  let open: () => void = () => {};
  let gate = new Promise<void>((r) => (open = r));
  let calls = 0;
  desk.dispatch = async (...args) => {
    calls++;
    await gate;
    return original(...args);
  };
  return {
    release() {
      open();
      gate = Promise.resolve();
    },
    calls: () => calls,
  };
}

async function typesInLog(desk: EventDesk): Promise<string[]> {
  return (await desk.readRange(1, 10_000)).map((e) => e.type);
}

// Saves go through real IndexedDB (fake-indexeddb) and deferred views: allow for a busy machine.
configure({ asyncUtilTimeout: 10_000 });

const amount = () => screen.getByRole('spinbutton', { name: 'Amount' });
const chargeButton = () => screen.getByRole('button', { name: 'Charge points' });

describe('idempotent commands in the UI', { timeout: 60_000 }, () => {
  beforeEach(() => localStorage.clear());
  afterEach(closeDesks);

  it('three fast clicks, a double-click and Enter held down on "Charge points" record exactly one charge', async () => {
    const user = userEvent.setup();
    const h = await renderDesk();
    await user.type(amount(), '300');
    const button = chargeButton();
    fireEvent.click(button);
    fireEvent.click(button);
    fireEvent.click(button);
    fireEvent.doubleClick(button);
    // Submits that bypass the button (Enter in a field) while it saves are refused too.
    const form = amount().closest('form')!;
    fireEvent.submit(form);
    fireEvent.submit(form);
    await waitFor(() => expect(balance()).toHaveTextContent(/^300$/));
    await waitFor(() => expect(amount()).toHaveValue(null));
    // Enter held down in the emptied field: nothing more.
    await user.type(amount(), '{Enter>8/}');
    fireEvent.submit(form);
    await new Promise((r) => setTimeout(r, 200));
    expect(await typesInLog(h.desk)).toEqual(['PointsCharged']);
    expect(balance()).toHaveTextContent(/^300$/);
  });

  it('Enter held down in a filled amount field charges once', async () => {
    const user = userEvent.setup();
    const h = await renderDesk();
    await user.type(amount(), '40{Enter>12/}');
    await waitFor(() => expect(balance()).toHaveTextContent(/^40$/));
    await new Promise((r) => setTimeout(r, 200));
    expect(await typesInLog(h.desk)).toEqual(['PointsCharged']);
  });

  it('while a charge saves its button says "Saving…" and is disabled; what is typed meanwhile is kept and is a new charge', async () => {
    const user = userEvent.setup();
    const h = await renderDesk();
    const saves = slowSaves(h.desk);
    await user.type(amount(), '500');
    await user.click(chargeButton());
    await waitFor(() => expect(chargeButton()).toHaveTextContent('Saving…'));
    expect(chargeButton()).toBeDisabled();
    expect(chargeButton()).toHaveAttribute('aria-busy', 'true');
    // The user goes on typing while it saves.
    await user.clear(amount());
    await user.type(amount(), '77');
    await act(async () => saves.release());
    await waitFor(() => expect(balance()).toHaveTextContent(/^500$/));
    await waitFor(() => expect(chargeButton()).toHaveTextContent('Charge points'));
    expect(amount()).toHaveValue(77);
    expect(chargeButton()).toBeEnabled();
    await user.click(chargeButton());
    await waitFor(() => expect(balance()).toHaveTextContent(/^577$/));
    expect(await typesInLog(h.desk)).toEqual(['PointsCharged', 'PointsCharged']);
    expect(saves.calls()).toBe(2);
  });

  it('the same intent sent twice through the store (a retry) is one charge; a new intent is another', async () => {
    const h = await renderDesk();
    const dispatch = h.store.getState().dispatch;
    expect(await act(() => dispatch(charge(10), { commandId: 'intent-1' }))).toBe(true);
    expect(await act(() => dispatch(charge(10), { commandId: 'intent-1' }))).toBe(true);
    await act(() => dispatch(charge(10), { commandId: 'intent-2' }));
    await waitFor(() => expect(balance()).toHaveTextContent(/^20$/));
    expect(await h.desk.store.headSeq()).toBe(2);
  });

  it('a double-click on Like likes once and never sends a stale Unlike', async () => {
    const user = userEvent.setup();
    const h = await renderDesk();
    await h.seed(post('p1', 'Hello'));
    await user.dblClick(within(postArticle('Hello')).getByRole('button', { name: 'Like Hello' }));
    const unlike = await within(postArticle('Hello')).findByRole('button', { name: 'Unlike Hello' });
    // The second click of a double-click landing after the like was saved.
    fireEvent.click(unlike, { detail: 2 });
    await new Promise((r) => setTimeout(r, 200));
    expect(await typesInLog(h.desk)).toEqual(['PostCreated', 'PostLiked']);
    // A deliberate click later is a new intent.
    await user.click(within(postArticle('Hello')).getByRole('button', { name: 'Unlike Hello' }));
    await waitFor(async () => expect(await typesInLog(h.desk)).toEqual(['PostCreated', 'PostLiked', 'PostUnliked']));
  });

  it('Like shows "Saving…" and is disabled while it saves', async () => {
    const user = userEvent.setup();
    const h = await renderDesk();
    await h.seed(post('p1', 'Hello'));
    const saves = slowSaves(h.desk);
    const button = within(postArticle('Hello')).getByRole('button', { name: 'Like Hello' });
    await user.click(button);
    await waitFor(() => expect(button).toHaveTextContent('Saving…'));
    expect(button).toBeDisabled();
    await act(async () => saves.release());
    await within(postArticle('Hello')).findByRole('button', { name: 'Unlike Hello' });
    expect(await typesInLog(h.desk)).toEqual(['PostCreated', 'PostLiked']);
  });

  it('fast clicks on "Place order" place one order; clicking again on the unchanged form repeats that intent; a change makes a new one', async () => {
    const user = userEvent.setup();
    const h = await renderDesk();
    await h.seed(charge(5000), post('p1', 'Hello'));
    const place = screen.getByRole('button', { name: 'Place order' });
    fireEvent.click(place);
    fireEvent.click(place);
    fireEvent.click(place);
    await waitFor(() => expect(balance()).toHaveTextContent(/^4,000$/));
    await waitFor(() => expect(place).toBeEnabled());
    await user.click(place);
    await new Promise((r) => setTimeout(r, 200));
    expect((await typesInLog(h.desk)).filter((t) => t === 'OrderPlaced')).toHaveLength(1);
    expect(screen.queryByRole('alert')).toBeNull();
    const quantity = screen.getByRole('spinbutton', { name: 'Quantity' });
    await user.clear(quantity);
    await user.type(quantity, '50');
    await user.click(place);
    await waitFor(() => expect(balance()).toHaveTextContent(/^3,500$/));
    expect((await typesInLog(h.desk)).filter((t) => t === 'OrderPlaced')).toHaveLength(2);
  });

  it('a double-click on Cancel cancels once, with no error', async () => {
    const user = userEvent.setup();
    const h = await renderDesk();
    await h.seed(charge(2000), post('p1', 'Hello'), order('1', 'p1', 10, 20, 5));
    const board = screen.getByRole('region', { name: 'Orders board' });
    await user.dblClick(within(board).getByRole('button', { name: 'Cancel order #1' }));
    await waitFor(() => expect(within(board).getByText('Cancelled')).toBeInTheDocument());
    await new Promise((r) => setTimeout(r, 200));
    expect((await typesInLog(h.desk)).filter((t) => t === 'OrderCancelled')).toHaveLength(1);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('a post created with fast repeated clicks is created once', async () => {
    const user = userEvent.setup();
    const h = await renderDesk();
    await user.type(screen.getByRole('textbox', { name: 'New post title' }), 'Once');
    const create = screen.getByRole('button', { name: 'Create post' });
    fireEvent.click(create);
    fireEvent.click(create);
    fireEvent.doubleClick(create);
    await waitFor(() => expect(screen.getByRole('article', { name: 'Once' })).toBeInTheDocument());
    await new Promise((r) => setTimeout(r, 200));
    expect(await typesInLog(h.desk)).toEqual(['PostCreated']);
  });
});

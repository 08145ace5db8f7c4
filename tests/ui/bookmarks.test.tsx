import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventDesk } from '../../src/app/event-desk';
import { batch, charge, closeDesks, like, order, post, renderDesk, slider, start } from './harness';

/** Charges at 1 and 9 (markers), an order placed at 4, likes at 3 and 8. */
const HISTORY = [charge(1000), post('p1', 'Hello'), like('p1', 'alice'), order('1', 'p1', 10, 20, 5), start('1'), batch('1', 1, 5), like('p1'), charge(500)];
const WAIT = { timeout: 5_000 };
const seekTo = (seq: number) => fireEvent.change(slider(), { target: { value: String(seq) } });
const list = () => screen.getByRole('list', { name: 'Bookmarks' });

describe('bookmarks and markers', { timeout: 30_000 }, () => {
  beforeEach(() => localStorage.clear());
  afterEach(closeDesks);

  it('bookmarks the slider position with a label; the list jumps there; kept in the database', async () => {
    const user = userEvent.setup();
    const h = await renderDesk();
    await h.seed(...HISTORY);
    seekTo(4);
    await waitFor(() => expect(h.store.getState().cursor).toBe(4), WAIT);
    const button = screen.getByRole('button', { name: 'Bookmark' });
    expect(button).toBeDisabled();
    await user.type(screen.getByRole('textbox', { name: 'Bookmark label' }), '  before the   spring campaign ');
    await user.click(button);
    await waitFor(() => expect(within(list()).getAllByRole('listitem')).toHaveLength(1), WAIT);
    expect(within(list()).getByRole('button', { name: /^before the spring campaign/ })).toHaveTextContent('before the spring campaign #4');
    expect(screen.getByRole('textbox', { name: 'Bookmark label' })).toHaveValue('');

    act(() => h.store.getState().goLive());
    await waitFor(() => expect(slider()).toHaveValue('9'), WAIT);
    await user.click(within(list()).getByRole('button', { name: /^before the spring campaign/ }));
    await waitFor(() => expect(slider()).toHaveValue('4'), WAIT);

    // Kept: another desk on the same database reads it back (as a reload does).
    const again = new EventDesk({ dbName: h.desk.db.name, runExecutor: false });
    try {
      expect(await again.bookmarks.list()).toEqual([expect.objectContaining({ seq: 4, label: 'before the spring campaign' })]);
    } finally {
      again.close();
    }

    await user.click(screen.getByRole('button', { name: 'Remove bookmark before the spring campaign' }));
    await waitFor(() => expect(within(list()).queryAllByRole('listitem')).toHaveLength(0), WAIT);
  });

  it('a label of only spaces is refused with a clear error and stores nothing', async () => {
    const h = await renderDesk();
    await h.seed(charge(100));
    expect(await act(() => h.store.getState().addBookmark('   '))).toBe(false);
    expect(h.store.getState().commandError).toBe('A bookmark needs a label.');
    expect(await h.desk.bookmarks.list()).toEqual([]);
  });

  it('[ and ] on the slider jump to the previous / next marker: notable events and bookmarks', async () => {
    const h = await renderDesk();
    await h.seed(...HISTORY);
    seekTo(0);
    await waitFor(() => expect(h.store.getState().cursor).toBe(0), WAIT);
    await act(() => h.store.getState().addBookmark('order placed'));
    await act(() => h.desk.bookmarks.put({ id: 'b6', seq: 6, label: 'first batch', createdAt: 1 }));
    fireEvent.keyDown(slider(), { key: ']' });
    await waitFor(() => expect(slider()).toHaveValue('1'), WAIT); // charge
    fireEvent.keyDown(slider(), { key: ']' });
    await waitFor(() => expect(slider()).toHaveValue('6'), WAIT); // bookmark
    fireEvent.keyDown(slider(), { key: ']' });
    await waitFor(() => expect(h.store.getState().live).toBe(true), WAIT); // charge at 9 = the head
    fireEvent.keyDown(slider(), { key: '[' });
    await waitFor(() => expect(slider()).toHaveValue('6'), WAIT);
    expect(screen.getByText(/\[ \/ \] previous\/next marker/)).toBeInTheDocument();
  });
});

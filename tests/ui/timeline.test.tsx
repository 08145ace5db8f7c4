import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  balance,
  batch,
  charge,
  closeDesks,
  like,
  likeCount,
  order,
  orderProgress,
  passbookRows,
  post,
  renderDesk,
  slider,
  start,
} from './harness';

/**
 * The history every test here scrubs through (hand-computed views per event):
 *  1 PointsCharged 1,000            balance 1,000  lines 1
 *  2 PostCreated "Hello"                                    likes 0
 *  3 PostLiked alice                                        likes 1
 *  4 OrderPlaced #1 (10 × 20, batches of 5)   order #1 0/10
 *  5 PointsDeducted 200             balance   800  lines 2
 *  6 OrderStarted #1
 *  7 ExecutionBatchSucceeded #1 +5  order #1 5/10           likes 6
 *  8 PostLiked me                                           likes 7
 *  9 PointsCharged 500              balance 1,300  lines 3
 */
const HISTORY = [charge(1000), post('p1', 'Hello'), like('p1', 'alice'), order('1', 'p1', 10, 20, 5), start('1'), batch('1', 1, 5), like('p1'), charge(500)];

interface Expected {
  balance: string;
  lines: number;
  /** Delivered of order #1, or null when it does not exist yet. */
  progress: number | null;
  /** Like count of "Hello", or null when it does not exist yet. */
  likes: number | null;
}

const AT: Record<number, Expected> = {
  0: { balance: '0', lines: 0, progress: null, likes: null },
  1: { balance: '1,000', lines: 1, progress: null, likes: null },
  2: { balance: '1,000', lines: 1, progress: null, likes: 0 },
  3: { balance: '1,000', lines: 1, progress: null, likes: 1 },
  4: { balance: '1,000', lines: 1, progress: 0, likes: 1 },
  5: { balance: '800', lines: 2, progress: 0, likes: 1 },
  6: { balance: '800', lines: 2, progress: 0, likes: 1 },
  7: { balance: '800', lines: 2, progress: 5, likes: 6 },
  8: { balance: '800', lines: 2, progress: 5, likes: 7 },
  9: { balance: '1,300', lines: 3, progress: 5, likes: 7 },
};

async function expectViewsAt(seq: number) {
  const e = AT[seq];
  await waitFor(() => {
    expect(slider()).toHaveValue(String(seq));
    expect(balance()).toHaveTextContent(new RegExp(`^${e.balance}$`));
    expect(passbookRows()).toHaveLength(e.lines);
    if (e.progress === null) expect(screen.queryByRole('progressbar', { name: 'Order #1 progress' })).toBeNull();
    else expect(orderProgress('1')).toHaveAttribute('aria-valuenow', String(e.progress));
    if (e.likes === null) expect(screen.queryByRole('article', { name: 'Hello' })).toBeNull();
    else expect(likeCount('Hello')).toHaveTextContent(new RegExp(`^${e.likes}$`));
  });
  if (seq > 0) expect(screen.getByText(`Event ${seq} of 9`)).toBeInTheDocument();
}

describe('timeline slider', () => {
  beforeEach(() => localStorage.clear());
  afterEach(closeDesks);

  it('moving the slider with the pointer sets every view to the state at that event', async () => {
    const h = await renderDesk();
    await h.seed(...HISTORY);
    expect(h.store.getState().head).toBe(9);
    await expectViewsAt(9);
    for (const seq of [7, 4, 5, 1, 8, 0, 3, 6, 2]) {
      // Dragging fires input events; releasing fires change. Both scrub.
      if (seq % 2) fireEvent.input(slider(), { target: { value: String(seq) } });
      else fireEvent.change(slider(), { target: { value: String(seq) } });
      await expectViewsAt(seq);
    }
  });

  it('moving the slider with the keyboard steps exactly: arrows ±1, PageUp/PageDown ±100, Home, End', async () => {
    const user = userEvent.setup();
    const h = await renderDesk();
    await h.seed(...HISTORY);
    slider().focus();
    await user.keyboard('{ArrowLeft}');
    await expectViewsAt(8);
    await user.keyboard('{ArrowLeft}{ArrowLeft}');
    await expectViewsAt(6);
    await user.keyboard('{ArrowRight}');
    await expectViewsAt(7);
    await user.keyboard('{Home}');
    await expectViewsAt(0);
    await user.keyboard('{ArrowRight}{ArrowRight}{ArrowRight}{ArrowRight}');
    await expectViewsAt(4);
    await user.keyboard('{PageUp}');
    await expectViewsAt(9);
    expect(h.store.getState().live).toBe(true);
    await user.keyboard('{PageDown}');
    await expectViewsAt(0);
    await user.keyboard('{End}');
    await expectViewsAt(9);
    expect(h.store.getState().live).toBe(true);
  });

  it('shows the time and type of the event at the slider', async () => {
    const h = await renderDesk();
    await h.seed(...HISTORY);
    fireEvent.change(slider(), { target: { value: '7' } });
    await waitFor(() => expect(screen.getByText('ExecutionBatchSucceeded', { selector: '.timeline-info code' })).toBeInTheDocument());
    const [e] = await h.desk.readRange(7, 7);
    const time = document.querySelector('.timeline-info time');
    expect(time).toHaveAttribute('dateTime', new Date(e.meta.at).toISOString());
  });

  it('play replays forward to the live end; while playing the button is "Pause playback"', async () => {
    const user = userEvent.setup();
    const h = await renderDesk();
    await h.seed(...HISTORY);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Speed' }), '10');
    expect(h.store.getState().playSpeed).toBe(10);
    await user.click(screen.getByRole('button', { name: 'Play' }));
    expect(screen.getByRole('button', { name: 'Pause playback' })).toBeInTheDocument();
    await waitFor(() => expect(h.store.getState().cursor).toBeGreaterThan(0));
    expect(h.store.getState().live).toBe(false);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Play' })).toBeInTheDocument(), { timeout: 15_000 });
    expect(h.store.getState().live).toBe(true);
    await expectViewsAt(9);
  });
});

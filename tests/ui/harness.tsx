import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { expect } from 'vitest';
import { EventDesk, type EventDeskOptions } from '../../src/app/event-desk';
import type { Command } from '../../src/domain/commands';
import { ME } from '../../src/domain/streams';
import { createDeskStore, startDesk, type DeskStore } from '../../src/store/desk-store';
import { DeskContext } from '../../src/store/use-desk';
import { App } from '../../src/ui/app';

/**
 * A real desk (Dexie on fake-indexeddb, a unique database per test), the real
 * store and the real <App/>. The executor does not run on its own: tests tick it.
 */
export interface Harness {
  desk: EventDesk;
  store: DeskStore;
  /** Runs real commands through desk.dispatch, in order, and waits until the UI has them. */
  seed(...commands: Command[]): Promise<void>;
}

const open: EventDesk[] = [];

export async function renderDesk(options: Omit<EventDeskOptions, 'dbName'> = {}): Promise<Harness> {
  const desk = new EventDesk({ dbName: 'ui-' + Math.random(), runExecutor: false, ...options });
  open.push(desk);
  const store = createDeskStore(desk);
  render(
    <DeskContext.Provider value={{ store, desk }}>
      <App />
    </DeskContext.Provider>,
  );
  await act(() => startDesk(desk, store));
  return {
    desk,
    store,
    async seed(...commands) {
      for (const c of commands) await act(() => desk.dispatch(c).then(() => undefined));
      const head = await desk.log.headSeq();
      await waitFor(() => expect(store.getState().head).toBe(head));
    },
  };
}

/** Unmounts the app, lets pending reads settle, then closes every desk the test opened (call from afterEach). */
export async function closeDesks(): Promise<void> {
  cleanup();
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  for (const d of open.splice(0)) {
    // Let the subscribers (notifications, audit) finish writing their checkpoints before the database closes.
    await Promise.race([d.subscriptions.kick().catch(() => undefined), sleep(3000)]);
    await sleep(10);
    d.close();
  }
}

/* ------------------------------------------------------------ commands */

export const charge = (amount: number, description?: string): Command => ({ type: 'ChargePoints', walletId: ME, amount, description });
export const post = (postId: string, title: string, author = ME): Command => ({ type: 'CreatePost', postId, title, author });
export const like = (postId: string, userId = ME): Command => ({ type: 'LikePost', postId, userId });
export const unlike = (postId: string, userId = ME): Command => ({ type: 'UnlikePost', postId, userId });
export const order = (orderId: string, postId: string, quantity: number, unitPrice: number, batchSize: number): Command => ({
  type: 'PlaceOrder',
  orderId,
  walletId: ME,
  postId,
  quantity,
  unitPrice,
  batchSize,
});
export const start = (orderId: string): Command => ({ type: 'StartOrder', orderId });
export const batch = (orderId: string, batchNo: number, likes: number): Command => ({
  type: 'RecordBatch',
  orderId,
  batchNo,
  outcome: { ok: true, likes },
});

/* ------------------------------------------------------------- queries */

export const balance = () => screen.getByRole('status', { name: 'Balance' });
export const eventCount = () => screen.getByRole('status', { name: 'Event count' });
export const slider = () => screen.getByRole('slider', { name: 'Timeline' });
/** Passbook rows (newest first), without the header row. */
export const passbookRows = () => {
  const region = screen.queryByRole('region', { name: 'Passbook' });
  return region ? within(region).getAllByRole('row').slice(1) : [];
};
export const orderProgress = (orderId: string) =>
  within(screen.getByRole('region', { name: 'Orders board' })).getByRole('progressbar', { name: `Order #${orderId} progress` });
export const postArticle = (title: string) => screen.getByRole('article', { name: title });
export const likeCount = (title: string) => within(postArticle(title)).getByRole('status', { name: 'Like count' });

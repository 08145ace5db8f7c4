import type { StoredEvent } from '../engine/event-envelope';
import type { CancelOrder } from './orders/order-decider';
import type { PointsCharged, PointsDeducted, PostLiked, OrderPlaced } from './events';
import type { UnlikePost } from './posts/post-decider';
import { WALLET_PREFIX, idOf } from './streams';
import type { ReverseCharge } from './wallet/wallet-decider';

/**
 * "Revert" in an event-sourced log: history is never edited; the command that
 * compensates an event is decided like any other and appends new events.
 * This only names that command — whether it is allowed now is the decider's call.
 */
export type Compensation =
  | { kind: 'reverse-charge'; command: ReverseCharge; amount: number; description: string }
  | { kind: 'unlike'; command: UnlikePost; postId: string; userId: string }
  | { kind: 'cancel-order'; command: CancelOrder; orderId: string };

/** The compensating command for `e`, or null when the domain has none for its type. */
export function compensationFor(e: Pick<StoredEvent, 'type' | 'streamId' | 'version' | 'data'>): Compensation | null {
  switch (e.type) {
    case 'PointsCharged': {
      const walletId = idOf(e.streamId, WALLET_PREFIX);
      if (walletId === null) return null;
      const d = e.data as PointsCharged;
      return { kind: 'reverse-charge', command: { type: 'ReverseCharge', walletId, chargeVersion: e.version }, amount: d.amount, description: d.description };
    }
    case 'PostLiked': {
      const d = e.data as PostLiked;
      return { kind: 'unlike', command: { type: 'UnlikePost', postId: d.postId, userId: d.userId }, postId: d.postId, userId: d.userId };
    }
    case 'OrderPlaced':
    case 'PointsDeducted': {
      // Paying for an order is undone by cancelling it: the order's decider refunds what was not delivered.
      const orderId = (e.data as OrderPlaced | PointsDeducted).orderId;
      return { kind: 'cancel-order', command: { type: 'CancelOrder', orderId }, orderId };
    }
    default:
      return null;
  }
}

/** Event types that have a compensating command (the rows that offer "Revert…"). */
export const REVERTIBLE_TYPES: ReadonlySet<string> = new Set(['PointsCharged', 'PostLiked', 'OrderPlaced', 'PointsDeducted']);

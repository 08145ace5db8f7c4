import type { CommandSpec } from '../engine/command-handler';
import { cancelOrder, placeOrder, recordBatch, startOrder } from './orders/order-commands';
import type { CancelOrder, PlaceOrder, RecordBatch, StartOrder } from './orders/order-decider';
import { createPost, likePost, unlikePost } from './posts/post-commands';
import type { CreatePost, LikePost, UnlikePost } from './posts/post-decider';
import { chargePoints, reverseCharge } from './wallet/wallet-commands';
import type { ChargePoints, ReverseCharge } from './wallet/wallet-decider';

/**
 * Every command a user or the executor can issue, and the one place that maps
 * a command to its spec. Each command's type lives with its decider and its
 * spec beside it (wallet/, posts/, orders/); this file only gathers them.
 */

export type { ChargePoints, DeductPoints, RefundPoints, ReverseCharge } from './wallet/wallet-decider';
export type { CreatePost, LikePost, UnlikePost } from './posts/post-decider';
export type { BatchOutcome, CancelOrder, PlaceOrder, RecordBatch, StartOrder } from './orders/order-decider';
export { chargePoints, reverseCharge } from './wallet/wallet-commands';
export { createPost, likePost, unlikePost } from './posts/post-commands';
export { cancelOrder, orderRenumbering, placeOrder, recordBatch, startOrder } from './orders/order-commands';

export type Command =
  | ChargePoints
  | ReverseCharge
  | CreatePost
  | LikePost
  | UnlikePost
  | PlaceOrder
  | StartOrder
  | RecordBatch
  | CancelOrder;

/** Builds the spec for any command. */
export function specFor(command: Command): CommandSpec {
  switch (command.type) {
    case 'ChargePoints':
      return chargePoints(command);
    case 'ReverseCharge':
      return reverseCharge(command);
    case 'CreatePost':
      return createPost(command);
    case 'LikePost':
      return likePost(command);
    case 'UnlikePost':
      return unlikePost(command);
    case 'PlaceOrder':
      return placeOrder(command);
    case 'StartOrder':
      return startOrder(command);
    case 'RecordBatch':
      return recordBatch(command);
    case 'CancelOrder':
      return cancelOrder(command);
  }
}

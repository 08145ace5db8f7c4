import type { CommandSpec } from '../engine/command-handler';
import type { Decider } from '../engine/decider';
import { DomainRuleViolation } from '../engine/errors';
import type { NewEvent } from '../engine/event-envelope';
import { orderDecider, validatePlaceOrder } from './orders/order-decider';
import type { OrderCommand, OrderState } from './orders/order-decider';
import { postDecider } from './posts/post-decider';
import type { PostCommand, PostState } from './posts/post-decider';
import { orderStream, postStream, walletStream } from './streams';
import { refundEvent, walletDecider } from './wallet/wallet-decider';
import type { WalletCommand, WalletState } from './wallet/wallet-decider';

/* ---------------------------------------------------------------- commands */

export interface ChargePoints {
  type: 'ChargePoints';
  walletId: string;
  amount: number;
  description?: string;
}
/** Internal to PlaceOrder: the wallet side of paying for an order. */
export interface DeductPoints {
  type: 'DeductPoints';
  walletId: string;
  amount: number;
  orderId: string;
}
/** Internal to CancelOrder / a failing RecordBatch: the wallet side of a refund. */
export interface RefundPoints {
  type: 'RefundPoints';
  walletId: string;
  amount: number;
  orderId: string;
  reason: 'cancelled' | 'failed';
}
export interface CreatePost {
  type: 'CreatePost';
  postId: string;
  title: string;
  author: string;
}
export interface LikePost {
  type: 'LikePost';
  postId: string;
  userId: string;
}
export interface UnlikePost {
  type: 'UnlikePost';
  postId: string;
  userId: string;
}
export interface PlaceOrder {
  type: 'PlaceOrder';
  orderId: string;
  walletId: string;
  postId: string;
  quantity: number;
  unitPrice: number;
  batchSize: number;
}
export interface StartOrder {
  type: 'StartOrder';
  orderId: string;
}
export type BatchOutcome = { ok: true; likes: number } | { ok: false; reason: string };
export interface RecordBatch {
  type: 'RecordBatch';
  orderId: string;
  batchNo: number;
  outcome: BatchOutcome;
}
export interface CancelOrder {
  type: 'CancelOrder';
  orderId: string;
}

export type Command =
  | ChargePoints
  | CreatePost
  | LikePost
  | UnlikePost
  | PlaceOrder
  | StartOrder
  | RecordBatch
  | CancelOrder;

/** Command input without the `type` tag (what callers pass to the spec builders). */
type Input<C extends { type: string }> = Omit<C, 'type'> & { type?: C['type'] };

/* ----------------------------------------------------------- command specs */

/** A command that touches one stream: load it with its decider, decide on its state. */
function onOneStream<C, S>(stream: string, decider: Pick<Decider<C, S, NewEvent>, 'initialState' | 'evolve' | 'decide'>, cmd: C): CommandSpec {
  return {
    load: { [stream]: decider },
    decide: (s) => ({ [stream]: decider.decide(cmd, s[stream] as S) }),
  };
}

export function chargePoints(input: Input<ChargePoints>): CommandSpec {
  const cmd: ChargePoints = { ...input, type: 'ChargePoints' };
  return onOneStream<WalletCommand, WalletState>(walletStream(cmd.walletId), walletDecider, cmd);
}

export function createPost(input: Input<CreatePost>): CommandSpec {
  const cmd: CreatePost = { ...input, type: 'CreatePost' };
  return onOneStream<PostCommand, PostState>(postStream(cmd.postId), postDecider, cmd);
}

export function likePost(input: Input<LikePost>): CommandSpec {
  const cmd: LikePost = { ...input, type: 'LikePost' };
  return onOneStream<PostCommand, PostState>(postStream(cmd.postId), postDecider, cmd);
}

export function unlikePost(input: Input<UnlikePost>): CommandSpec {
  const cmd: UnlikePost = { ...input, type: 'UnlikePost' };
  return onOneStream<PostCommand, PostState>(postStream(cmd.postId), postDecider, cmd);
}

/**
 * Places an order and pays for it in one atomic append: OrderPlaced on the
 * order stream and PointsDeducted(total) on the wallet stream. The post stream
 * is loaded (read-only) to check the post exists.
 */
export function placeOrder(input: Input<PlaceOrder>): CommandSpec {
  const cmd: PlaceOrder = { ...input, type: 'PlaceOrder' };
  const order = orderStream(cmd.orderId);
  const wallet = walletStream(cmd.walletId);
  const post = postStream(cmd.postId);
  return {
    load: { [order]: orderDecider, [wallet]: walletDecider, [post]: postDecider },
    decide: (s) => {
      const total = validatePlaceOrder(cmd);
      const orderEvents = orderDecider.decide(cmd, s[order] as OrderState);
      if (!(s[post] as PostState).exists) {
        throw new DomainRuleViolation('order.post-must-exist', `Post "${cmd.postId}" does not exist, so no likes can be ordered for it.`);
      }
      const walletEvents = walletDecider.decide(
        { type: 'DeductPoints', walletId: cmd.walletId, amount: total, orderId: cmd.orderId },
        s[wallet] as WalletState,
      );
      return { [order]: orderEvents, [wallet]: walletEvents };
    },
  };
}

export function startOrder(input: Input<StartOrder>): CommandSpec {
  const cmd: StartOrder = { ...input, type: 'StartOrder' };
  return onOneStream<OrderCommand, OrderState>(orderStream(cmd.orderId), orderDecider, cmd);
}

/** Adds the wallet refund for an OrderFailed / OrderCancelled among the order's new events. */
function withRefund(orderStreamId: string, state: OrderState, events: NewEvent[]): Record<string, NewEvent[]> {
  const out: Record<string, NewEvent[]> = { [orderStreamId]: events };
  for (const e of events) {
    if (e.type === 'OrderFailed' || e.type === 'OrderCancelled') {
      const refund = (e.data as { refund: number }).refund;
      if (refund > 0) {
        // Not loaded: the CommandHandler appends with expectedVersion 'any' — a refund breaks no wallet rule.
        out[walletStream(state.walletId)] = [
          refundEvent(refund, state.orderId, e.type === 'OrderFailed' ? 'failed' : 'cancelled'),
        ];
      }
    }
  }
  return out;
}

/**
 * The executor records one batch. The batch number must follow the last one,
 * so a batch can never be recorded twice. Completion and failure (with refund
 * on the wallet stream) are decided here too.
 */
export function recordBatch(input: Input<RecordBatch>): CommandSpec {
  const cmd: RecordBatch = { ...input, type: 'RecordBatch' };
  const stream = orderStream(cmd.orderId);
  return {
    load: { [stream]: orderDecider },
    decide: (s) => {
      const state = s[stream] as OrderState;
      return withRefund(stream, state, orderDecider.decide(cmd, state));
    },
  };
}

/** Cancels a placed or running order and refunds the undelivered part. */
export function cancelOrder(input: Input<CancelOrder>): CommandSpec {
  const cmd: CancelOrder = { ...input, type: 'CancelOrder' };
  const stream = orderStream(cmd.orderId);
  return {
    load: { [stream]: orderDecider },
    decide: (s) => {
      const state = s[stream] as OrderState;
      return withRefund(stream, state, orderDecider.decide(cmd, state));
    },
  };
}

/** Builds the spec for any command. */
export function specFor(command: Command): CommandSpec {
  switch (command.type) {
    case 'ChargePoints':
      return chargePoints(command);
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

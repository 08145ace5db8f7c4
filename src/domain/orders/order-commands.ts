import type { CommandSpec } from '../../engine/command-handler';
import type { CommandAlternatives } from '../../engine/redecide';
import { DomainRuleViolation } from '../../engine/errors';
import type { NewEvent } from '../../engine/event-envelope';
import { onOneStream, type Input } from '../one-stream';
import { postDecider, type PostState } from '../posts/post-decider';
import { orderStream, postStream, walletStream } from '../streams';
import { refundEvent, walletDecider, type WalletState } from '../wallet/wallet-decider';
import {
  orderDecider,
  validatePlaceOrder,
  type CancelOrder,
  type OrderCommand,
  type OrderState,
  type PlaceOrder,
  type RecordBatch,
  type StartOrder,
} from './order-decider';

/**
 * Command specs of orders. An order pays from a wallet and likes a post, so
 * these load the wallet and post deciders too; nothing there imports orders.
 */

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
        throw new DomainRuleViolation('order.post-must-exist', `Post "${cmd.postId}" does not exist, so no likes can be ordered for it.`, { postId: cmd.postId });
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
    ...(cmd.expectedVersion === undefined ? {} : { expect: { [stream]: cmd.expectedVersion } }),
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

/**
 * On a rebase (sync), a pending order whose number another device took first is placed under the next free
 * number instead of being refused — numbers are the desk's order of placement, not the user's intent — and this
 * device's later pending commands for that order follow it to its new number.
 */
export function orderRenumbering(): CommandAlternatives {
  const renumbered = new Map<string, string>();
  const hasOrderId = (c: unknown): c is { type: string; orderId: string } =>
    typeof c === 'object' && c !== null && typeof (c as { orderId?: unknown }).orderId === 'string';
  return {
    before: (command) => (hasOrderId(command) && renumbered.has(command.orderId) ? { ...command, orderId: renumbered.get(command.orderId) } : command),
    instead: (command, refusal, recorded) => {
      if (refusal.rule !== 'order.id-unique' || !hasOrderId(command) || !hasOrderId(recorded) || command.type !== 'PlaceOrder') return undefined;
      if (!/^[1-9]\d{0,8}$/.test(command.orderId)) return undefined;
      const next = String(Number(command.orderId) + 1);
      renumbered.set(recorded.orderId, next);
      return { ...command, orderId: next };
    },
  };
}

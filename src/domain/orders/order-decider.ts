import type { Decider } from '../../engine/decider';
import { DomainRuleViolation } from '../../engine/errors';
import type { StoredEvent } from '../../engine/event-envelope';
import { MAX_QUANTITY, event } from '../events';
import type {
  ExecutionBatchFailed,
  ExecutionBatchSucceeded,
  OrderCancelled,
  OrderEvent,
  OrderFailed,
  OrderPlaced,
} from '../events';
import { formatNumber } from '../format';

/** After this many failed batches in a row the order fails and the rest is refunded. */
export const MAX_CONSECUTIVE_FAILURES = 3;
/** Largest batch the executor may be asked to run. */
export const MAX_BATCH_SIZE = 10_000;

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
  /** The order stream's version the executor read (two executors can never record one batch twice). */
  expectedVersion?: number;
}
export interface CancelOrder {
  type: 'CancelOrder';
  orderId: string;
}

export type OrderCommand = PlaceOrder | StartOrder | RecordBatch | CancelOrder;

export type OrderStatus = 'placed' | 'in_progress' | 'completed' | 'failed' | 'cancelled';

export interface OrderState {
  status: 'none' | OrderStatus;
  orderId: string;
  postId: string;
  walletId: string;
  quantity: number;
  unitPrice: number;
  total: number;
  batchSize: number;
  delivered: number;
  /** Last batch recorded, success or failure (0 before the first). */
  lastBatchNo: number;
  consecutiveFailures: number;
}

export function initialOrderState(): OrderState {
  return {
    status: 'none',
    orderId: '',
    postId: '',
    walletId: '',
    quantity: 0,
    unitPrice: 0,
    total: 0,
    batchSize: 0,
    delivered: 0,
    lastBatchNo: 0,
    consecutiveFailures: 0,
  };
}

function isWhole(n: unknown, min: number, max: number): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= min && n <= max;
}

/** Validates PlaceOrder's own fields; returns the total price. Shared with the command spec. */
export function validatePlaceOrder(command: PlaceOrder): number {
  if (typeof command.orderId !== 'string' || command.orderId.trim() === '') {
    throw new DomainRuleViolation('order.id-required', 'An order needs an order number.');
  }
  if (!isWhole(command.quantity, 1, MAX_QUANTITY)) {
    throw new DomainRuleViolation(
      'order.quantity-range',
      `The quantity must be a whole number from 1 to ${formatNumber(MAX_QUANTITY)}.`,
      { max: MAX_QUANTITY },
    );
  }
  if (!isWhole(command.unitPrice, 1, Number.MAX_SAFE_INTEGER)) {
    throw new DomainRuleViolation('order.unit-price-positive', 'The price per like must be a whole number of at least 1 point.');
  }
  if (!isWhole(command.batchSize, 1, MAX_BATCH_SIZE)) {
    throw new DomainRuleViolation(
      'order.batch-size-range',
      `The batch size must be a whole number from 1 to ${formatNumber(MAX_BATCH_SIZE)}.`,
      { max: MAX_BATCH_SIZE },
    );
  }
  const total = command.quantity * command.unitPrice;
  if (!Number.isSafeInteger(total)) {
    throw new DomainRuleViolation('order.total-too-large', 'The order total is too large.');
  }
  return total;
}

function requireExists(state: OrderState, orderId: string): void {
  if (state.status === 'none') throw new DomainRuleViolation('order.must-exist', `Order #${orderId} does not exist.`, { orderId });
}

export function decideOrder(command: OrderCommand, state: OrderState): OrderEvent[] {
  switch (command.type) {
    case 'PlaceOrder': {
      const total = validatePlaceOrder(command);
      if (state.status !== 'none') {
        throw new DomainRuleViolation('order.id-unique', `Order #${command.orderId} already exists.`, { orderId: command.orderId });
      }
      return [
        event('OrderPlaced', {
          orderId: command.orderId,
          postId: command.postId,
          quantity: command.quantity,
          unitPrice: command.unitPrice,
          total,
          walletId: command.walletId,
          batchSize: command.batchSize,
        }),
      ];
    }
    case 'StartOrder': {
      requireExists(state, command.orderId);
      if (state.status !== 'placed') {
        throw new DomainRuleViolation(
          'start.only-placed',
          `Order #${command.orderId} cannot be started: only a placed order can start, and it is ${describeStatus(state.status)}.`,
        );
      }
      return [event('OrderStarted', { orderId: command.orderId })];
    }
    case 'RecordBatch': {
      requireExists(state, command.orderId);
      if (state.status !== 'in_progress') {
        throw new DomainRuleViolation(
          'batch.only-in-progress',
          `Batches can only be recorded for an order in progress; order #${command.orderId} is ${describeStatus(state.status)}.`,
        );
      }
      const expected = state.lastBatchNo + 1;
      if (command.batchNo !== expected) {
        throw new DomainRuleViolation(
          'batch.in-sequence',
          `Batch ${command.batchNo} of order #${command.orderId} is out of sequence (already recorded or skipped); the next batch is ${expected}.`,
        );
      }
      const outcome = command.outcome;
      if (outcome.ok) {
        const remaining = state.quantity - state.delivered;
        if (!isWhole(outcome.likes, 1, Number.MAX_SAFE_INTEGER)) {
          throw new DomainRuleViolation('batch.likes-positive', 'A successful batch must deliver a whole number of likes, at least 1.');
        }
        if (outcome.likes > remaining) {
          throw new DomainRuleViolation(
            'batch.likes-within-remaining',
            `Batch ${command.batchNo} delivers ${formatNumber(outcome.likes)} likes but only ${formatNumber(remaining)} remain on order #${command.orderId}.`,
          );
        }
        const out: OrderEvent[] = [
          event('ExecutionBatchSucceeded', { orderId: command.orderId, batchNo: command.batchNo, likes: outcome.likes }),
        ];
        const delivered = state.delivered + outcome.likes;
        if (delivered === state.quantity) out.push(event('OrderCompleted', { orderId: command.orderId, delivered }));
        return out;
      }
      const reason = (outcome.reason ?? '').trim() || 'unknown error';
      const consecutiveFailures = state.consecutiveFailures + 1;
      const out: OrderEvent[] = [
        event('ExecutionBatchFailed', { orderId: command.orderId, batchNo: command.batchNo, reason, consecutiveFailures }),
      ];
      if (consecutiveFailures >= MAX_CONSECUTIVE_FAILURES) {
        out.push(
          event('OrderFailed', {
            orderId: command.orderId,
            atBatch: command.batchNo,
            delivered: state.delivered,
            refund: (state.quantity - state.delivered) * state.unitPrice,
            reason,
          }),
        );
      }
      return out;
    }
    case 'CancelOrder': {
      requireExists(state, command.orderId);
      if (state.status !== 'placed' && state.status !== 'in_progress') {
        throw new DomainRuleViolation(
          'cancel.only-open',
          `Order #${command.orderId} is already ${describeStatus(state.status)} and can no longer be cancelled.`,
          { orderId: command.orderId },
        );
      }
      return [
        event('OrderCancelled', {
          orderId: command.orderId,
          delivered: state.delivered,
          refund: (state.quantity - state.delivered) * state.unitPrice,
        }),
      ];
    }
  }
}

export function describeStatus(status: OrderState['status']): string {
  switch (status) {
    case 'none':
      return 'not placed';
    case 'placed':
      return 'placed but not started';
    case 'in_progress':
      return 'in progress';
    default:
      return status;
  }
}

export function evolveOrder(state: OrderState, e: StoredEvent): OrderState {
  switch (e.type) {
    case 'OrderPlaced': {
      const d = e.data as OrderPlaced;
      return {
        status: 'placed',
        orderId: d.orderId,
        postId: d.postId,
        walletId: d.walletId,
        quantity: d.quantity,
        unitPrice: d.unitPrice,
        total: d.total,
        batchSize: d.batchSize,
        delivered: 0,
        lastBatchNo: 0,
        consecutiveFailures: 0,
      };
    }
    case 'OrderStarted':
      return { ...state, status: 'in_progress' };
    case 'ExecutionBatchSucceeded': {
      const d = e.data as ExecutionBatchSucceeded;
      return { ...state, delivered: state.delivered + d.likes, lastBatchNo: d.batchNo, consecutiveFailures: 0 };
    }
    case 'ExecutionBatchFailed': {
      const d = e.data as ExecutionBatchFailed;
      return { ...state, lastBatchNo: d.batchNo, consecutiveFailures: d.consecutiveFailures };
    }
    case 'OrderCompleted':
      return { ...state, status: 'completed' };
    case 'OrderFailed':
      return { ...state, status: 'failed', delivered: (e.data as OrderFailed).delivered };
    case 'OrderCancelled':
      return { ...state, status: 'cancelled', delivered: (e.data as OrderCancelled).delivered };
    default:
      return state;
  }
}

export const orderDecider: Decider<OrderCommand, OrderState, OrderEvent> = {
  initialState: initialOrderState,
  decide: decideOrder,
  evolve: evolveOrder,
};

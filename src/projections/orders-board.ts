import type { Projection } from '../engine/projection';
import { rowWriter } from '../engine/row-writer';
import type {
  ExecutionBatchFailed,
  ExecutionBatchSucceeded,
  OrderCancelled,
  OrderCompleted,
  OrderFailed,
  OrderPlaced,
  OrderStarted,
} from '../domain/events';
import type { OrderStatus } from '../domain/orders/order-decider';

export type { OrderStatus };

export interface OrderRow {
  orderId: string;
  postId: string;
  quantity: number;
  unitPrice: number;
  total: number;
  batchSize: number;
  status: OrderStatus;
  delivered: number;
  /** Last batch recorded, success or failure. */
  lastBatchNo: number;
  /** 0 before the first success. */
  lastSuccessBatchNo: number;
  /** meta.at of the last successful batch; 0 before the first. */
  lastSuccessAt: number;
  /** Failed batches in total. */
  failures: number;
  consecutiveFailures: number;
  /** Where the order stopped (failed batch / cancellation). */
  stoppedAt?: { batchNo: number; reason: string; seq: number };
  placedSeq: number;
  placedAt: number;
  /** meta.at of the order's latest event. */
  updatedAt: number;
  /** Points refunded (0 unless failed or cancelled). */
  refund: number;
}

export interface OrdersBoardState {
  byId: Record<string, OrderRow>;
  /** Order ids in placement order. */
  order: string[];
  counts: Record<OrderStatus, number>;
}

const rows = rowWriter<OrdersBoardState, OrderRow>((row) => ({ ...row }));
/** The order's row to write (a copy made once per batch when the state was thawed), or undefined. */
function writableRow(draft: OrdersBoardState, orderId: string): OrderRow | undefined {
  const row = draft.byId[orderId];
  return row && rows.writable(draft, row, (copy) => (draft.byId[orderId] = copy));
}

function move(draft: OrdersBoardState, row: OrderRow, to: OrderStatus): void {
  draft.counts[row.status]--;
  draft.counts[to]++;
  row.status = to;
}

/** Every order with its progress — answers "how far did it get, what was the last success, where did it stop?". */
export const ordersBoardProjection: Projection<OrdersBoardState> = {
  name: 'orders-board',
  version: 1,
  init: () => ({ byId: {}, order: [], counts: { placed: 0, in_progress: 0, completed: 0, failed: 0, cancelled: 0 } }),
  // Rows are copied only when the batch writes them; the map, the list and the counts up front.
  thaw: (s) => rows.mark({ ...s, byId: { ...s.byId }, order: s.order.slice(), counts: { ...s.counts } }),
  apply(draft, e) {
    switch (e.type) {
      case 'OrderPlaced': {
        const d = e.data as OrderPlaced;
        if (draft.byId[d.orderId]) return;
        draft.byId[d.orderId] = {
          orderId: d.orderId,
          postId: d.postId,
          quantity: d.quantity,
          unitPrice: d.unitPrice,
          total: d.total,
          batchSize: d.batchSize,
          status: 'placed',
          delivered: 0,
          lastBatchNo: 0,
          lastSuccessBatchNo: 0,
          lastSuccessAt: 0,
          failures: 0,
          consecutiveFailures: 0,
          placedSeq: e.seq,
          placedAt: e.meta.at,
          updatedAt: e.meta.at,
          refund: 0,
        };
        draft.order.push(d.orderId);
        draft.counts.placed++;
        return;
      }
      case 'OrderStarted': {
        const row = writableRow(draft, (e.data as OrderStarted).orderId);
        if (!row) return;
        move(draft, row, 'in_progress');
        row.updatedAt = e.meta.at;
        return;
      }
      case 'ExecutionBatchSucceeded': {
        const d = e.data as ExecutionBatchSucceeded;
        const row = writableRow(draft, d.orderId);
        if (!row) return;
        row.delivered += d.likes;
        row.lastBatchNo = d.batchNo;
        row.lastSuccessBatchNo = d.batchNo;
        row.lastSuccessAt = e.meta.at;
        row.consecutiveFailures = 0;
        row.updatedAt = e.meta.at;
        return;
      }
      case 'ExecutionBatchFailed': {
        const d = e.data as ExecutionBatchFailed;
        const row = writableRow(draft, d.orderId);
        if (!row) return;
        row.lastBatchNo = d.batchNo;
        row.failures++;
        row.consecutiveFailures = d.consecutiveFailures;
        row.updatedAt = e.meta.at;
        return;
      }
      case 'OrderCompleted': {
        const d = e.data as OrderCompleted;
        const row = writableRow(draft, d.orderId);
        if (!row) return;
        row.delivered = d.delivered;
        move(draft, row, 'completed');
        row.updatedAt = e.meta.at;
        return;
      }
      case 'OrderFailed': {
        const d = e.data as OrderFailed;
        const row = writableRow(draft, d.orderId);
        if (!row) return;
        row.delivered = d.delivered;
        row.refund = d.refund;
        row.stoppedAt = { batchNo: d.atBatch, reason: d.reason, seq: e.seq };
        move(draft, row, 'failed');
        row.updatedAt = e.meta.at;
        return;
      }
      case 'OrderCancelled': {
        const d = e.data as OrderCancelled;
        const row = writableRow(draft, d.orderId);
        if (!row) return;
        row.delivered = d.delivered;
        row.refund = d.refund;
        row.stoppedAt = { batchNo: row.lastBatchNo, reason: 'cancelled', seq: e.seq };
        move(draft, row, 'cancelled');
        row.updatedAt = e.meta.at;
        return;
      }
    }
  },
};

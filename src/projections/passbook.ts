import type { Projection } from '../engine/projection';
import type { PointsCharged, PointsDeducted, PointsRefunded } from '../domain/events';
import { MY_WALLET } from '../domain/streams';

export type PassbookLineKind = 'charge' | 'deduct' | 'refund';

export interface PassbookLine {
  seq: number;
  at: number;
  kind: PassbookLineKind;
  description: string;
  orderId?: string;
  in: number;
  out: number;
  /** Balance after this line. */
  balance: number;
}

export interface PassbookState {
  balance: number;
  lines: PassbookLine[];
}

/** The user's ("me") wallet as a passbook: one line per transaction with the running balance. */
export const passbookProjection: Projection<PassbookState> = {
  name: 'passbook',
  version: 1,
  init: () => ({ balance: 0, lines: [] }),
  apply(draft, e) {
    if (e.streamId !== MY_WALLET) return;
    switch (e.type) {
      case 'PointsCharged': {
        const d = e.data as PointsCharged;
        draft.balance += d.amount;
        draft.lines.push({ seq: e.seq, at: e.meta.at, kind: 'charge', description: d.description, in: d.amount, out: 0, balance: draft.balance });
        return;
      }
      case 'PointsDeducted': {
        const d = e.data as PointsDeducted;
        draft.balance -= d.amount;
        draft.lines.push({
          seq: e.seq,
          at: e.meta.at,
          kind: 'deduct',
          description: `Order #${d.orderId}`,
          orderId: d.orderId,
          in: 0,
          out: d.amount,
          balance: draft.balance,
        });
        return;
      }
      case 'PointsRefunded': {
        const d = e.data as PointsRefunded;
        draft.balance += d.amount;
        draft.lines.push({
          seq: e.seq,
          at: e.meta.at,
          kind: 'refund',
          description: `Refund for order #${d.orderId} (${d.reason})`,
          orderId: d.orderId,
          in: d.amount,
          out: 0,
          balance: draft.balance,
        });
        return;
      }
    }
  },
};

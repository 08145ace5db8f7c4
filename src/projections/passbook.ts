import type { Projection } from '../engine/projection';
import type { PointsCharged, PointsChargeReversed, PointsDeducted, PointsRefunded } from '../domain/events';
import { MY_WALLET } from '../domain/streams';

export type PassbookLineKind = 'charge' | 'deduct' | 'refund' | 'reversal';

export interface PassbookLine {
  seq: number;
  /** The event's version in the wallet stream (a reversal names the charge by it). */
  version: number;
  at: number;
  kind: PassbookLineKind;
  description: string;
  orderId?: string;
  in: number;
  out: number;
  /** Balance after this line. */
  balance: number;
  /** A charge line: seq of the event that reversed it. A reversal line: seq of the charge it reverses. */
  reversedBy?: number;
  reverses?: number;
}

export interface PassbookState {
  balance: number;
  lines: PassbookLine[];
}

/** The user's ("me") wallet as a passbook: one line per transaction with the running balance. */
export const passbookProjection: Projection<PassbookState> = {
  name: 'passbook',
  version: 2,
  init: () => ({ balance: 0, lines: [] }),
  apply(draft, e) {
    if (e.streamId !== MY_WALLET) return;
    switch (e.type) {
      case 'PointsCharged': {
        const d = e.data as PointsCharged;
        draft.balance += d.amount;
        draft.lines.push({ seq: e.seq, version: e.version, at: e.meta.at, kind: 'charge', description: d.description, in: d.amount, out: 0, balance: draft.balance });
        return;
      }
      case 'PointsDeducted': {
        const d = e.data as PointsDeducted;
        draft.balance -= d.amount;
        draft.lines.push({
          seq: e.seq,
          version: e.version,
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
          version: e.version,
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
      case 'PointsChargeReversed': {
        const d = e.data as PointsChargeReversed;
        draft.balance -= d.amount;
        // Reversals are rare: a backward search for the charge costs nothing on the hot path.
        let charge: PassbookLine | undefined;
        for (let i = draft.lines.length - 1; i >= 0; i--) {
          if (draft.lines[i].version === d.chargeVersion) {
            charge = draft.lines[i];
            break;
          }
        }
        if (charge) charge.reversedBy = e.seq;
        draft.lines.push({
          seq: e.seq,
          version: e.version,
          at: e.meta.at,
          kind: 'reversal',
          description: d.description,
          in: 0,
          out: d.amount,
          balance: draft.balance,
          ...(charge ? { reverses: charge.seq } : {}),
        });
        return;
      }
    }
  },
};
